"""Celery tasks of the creative-work app: work that must not slow a request down. Autodiscovered by the LMS.

Each task is idempotent (late acks may run it twice) and takes ids, never objects.
"""
import logging

from celery import shared_task
from edx_django_utils.monitoring import set_code_owner_attribute

from . import exports, processing, retirement
from .models import WorkExport

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
@set_code_owner_attribute
def process_work_file(file_id):
    """Re-encode an upload without its metadata and make its thumbnail."""
    return processing.process_work_file(file_id)


@shared_task(acks_late=True)
@set_code_owner_attribute
def build_export(export_id):
    """Zip a block's files for staff; a failure is recorded so staff can ask again."""
    try:
        return exports.build_export(export_id)
    except Exception:
        log.exception("building export %s failed", export_id)
        WorkExport.objects.filter(pk=export_id).update(status=WorkExport.Status.FAILED)
        raise


@shared_task(acks_late=True)
@set_code_owner_attribute
def retire_participant(user_id):
    """Forget a retired learner's participant data and files; safe to run twice."""
    retirement.retire_participant(user_id)
