"""Celery tasks of the creative-work app: work that must not slow a request down. Autodiscovered by the LMS."""
from celery import shared_task
from edx_django_utils.monitoring import set_code_owner_attribute

from . import api


@shared_task(acks_late=True)
@set_code_owner_attribute
def retire_participant(user_id):
    """Forget a retired learner's participant data; safe to run twice."""
    api.retire_participant(user_id)
