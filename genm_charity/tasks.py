"""Celery tasks of the charity app (batch ingestion, period close, payouts). Autodiscovered by the LMS."""
