"""Signals this app sends and the receivers it connects (``handlers.py``)."""
