"""Where work files live: the ``genm_works`` entry of ``STORAGES`` if the operator set one, else default storage.

Names are generated here from random ids; nothing a learner sends ever becomes part of a path.
"""
import hashlib

from django.conf import settings
from django.core.files.storage import default_storage, storages

STORAGE_KEY = "genm_works"


def get_storage():
    """Looked up on every call, so a test or an operator can swap the storage without a restart."""
    if STORAGE_KEY in getattr(settings, "STORAGES", {}):
        return storages[STORAGE_KEY]
    return default_storage


def _course_folder(course_key):
    return hashlib.sha256(course_key.encode()).hexdigest()[:16]


def incoming_name(file_uuid):
    """Where an upload waits, private and unprocessed, until the Celery task has checked and re-encoded it."""
    return f"genm/incoming/{file_uuid}"


def file_name(course_key, work_uuid, file_uuid, extension):
    return f"genm/{_course_folder(course_key)}/{work_uuid}/{file_uuid}.{extension}"


def thumbnail_name(course_key, work_uuid, file_uuid, extension):
    return f"genm/{_course_folder(course_key)}/{work_uuid}/{file_uuid}-thumb.{extension}"


def export_name(block_key, export_uuid):
    return f"genm/exports/{hashlib.sha256(block_key.encode()).hexdigest()[:16]}/{export_uuid}.zip"


def delete_quietly(*names):
    """Remove stored files that may already be gone (a retried task, a crash between two deletes)."""
    storage = get_storage()
    for name in names:
        if name:
            storage.delete(name)
