"""The slow half of an upload, run by Celery: re-encode (metadata out), make the thumbnail, store under final names.

Idempotent: a file is processed only while it is still PROCESSING, so a retried or duplicated task changes nothing.
"""
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import media, storage
from .conf import setting
from .models import WorkFile

log = logging.getLogger(__name__)

# Shown to the learner when processing fails; the request already refused everything it could see cheaply.
FAILURE_MESSAGES = {
    "bomb": _("This file is too large to prepare. Please use a smaller one."),
    "size": _("This file is too large to prepare. Please use a smaller one."),
}
DAMAGED = _("This file seems damaged or incomplete. Please save it again and upload the new copy.")


def operator_limits():
    """The operator's caps: the block's own (smaller) limits were enforced when the file was uploaded."""
    caps = setting("GENM_MEDIA_LIMITS")
    return media.MediaLimits(max_file_bytes=caps["max_file_mb"] * 1024 * 1024,
                             max_megapixels=caps["max_megapixels"], max_frames=caps["max_frames"])


def process_work_file(file_id):
    """Re-encode and thumbnail one uploaded file; returns its final status."""
    file = WorkFile.objects.select_related("work").filter(pk=file_id, status=WorkFile.Status.PROCESSING).first()
    if file is None:
        return None
    store = storage.get_storage()
    limits = operator_limits()
    try:
        with store.open(file.storage_name, "rb") as incoming:
            inspection = media.inspect_upload(incoming, file.display_name, file.kind, limits)
            processed = media.process_upload(incoming, inspection, limits)
    except media.MediaRejected as rejection:
        log.info("work file %s refused while processing: %s", file.uuid, rejection.category)
        return _finish(file, WorkFile.Status.FAILED, error=str(FAILURE_MESSAGES.get(rejection.category, DAMAGED)))
    work = file.work
    final = store.save(storage.file_name(work.course_key, work.uuid, file.uuid, processed.extension),
                       ContentFile(processed.content))
    thumbnail = ""
    if processed.thumbnail:
        extension = processed.thumbnail_type.split("/")[-1].replace("jpeg", "jpg")
        thumbnail = store.save(storage.thumbnail_name(work.course_key, work.uuid, file.uuid, extension),
                               ContentFile(processed.thumbnail))
    return _finish(
        file, WorkFile.Status.READY, storage_name=final, thumbnail_name=thumbnail, size=len(processed.content),
        content_type=processed.content_type, width=processed.width, height=processed.height,
        display_name=_renamed(file.display_name, processed.extension),
    )


def _finish(file, status, **fields):
    """Record the outcome unless the file was removed meanwhile; stored copies never outlive their row."""
    with transaction.atomic():
        updated = WorkFile.objects.filter(pk=file.pk, status=WorkFile.Status.PROCESSING).update(
            status=status, **fields
        )
    if updated:
        storage.delete_quietly(file.storage_name)
    else:
        storage.delete_quietly(fields.get("storage_name"), fields.get("thumbnail_name"))
    return status if updated else None


def _renamed(display_name, extension):
    """Re-encoding may change the format (an animation to WebP); the shown name follows it."""
    stem, dot, current = display_name.rpartition(".")
    if not dot or current.lower() == extension or (current.lower(), extension) in {("jpeg", "jpg")}:
        return display_name
    return f"{stem}.{extension}"[-255:]
