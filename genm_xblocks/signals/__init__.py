"""Signals this app sends (``signals.py``) and the receivers it connects (``handlers.py``)."""
