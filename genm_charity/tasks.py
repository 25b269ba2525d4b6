"""Celery tasks of the charity app. Autodiscovered by the LMS; they run on its default queue.

Each task is idempotent: late acknowledgement may run it again after a worker dies mid-batch, and the ledger
counts every activity once whatever is replayed.
"""
from celery import shared_task
from django.db import DatabaseError
from edx_django_utils.monitoring import set_code_owner_attribute

from . import ledger, retirement
from .data import Activity


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True,
             retry_backoff_max=300, max_retries=20)
@set_code_owner_attribute
def record_activities(messages):
    """Record a batch of activities (``Activity.to_message`` lists) in the ledger."""
    ledger.record([Activity.from_message(message) for message in messages])


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True)
@set_code_owner_attribute
def retire_learner(user_id):
    """Forget whose actions a retired account's entries were; the money they raised stays counted."""
    retirement.retire_learner(user_id)
