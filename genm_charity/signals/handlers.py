"""Receivers connected by the plugin machinery (``signals_config`` in apps.py).

Activity sources (works, likes, enrollments, completion, grades) are connected here as the ledger learns to count
them; each receiver only enqueues a Celery task.
"""
