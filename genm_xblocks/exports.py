"""A zip of every file handed in to a block, built by Celery for course staff (edx-sga's most asked-for feature).

Entries are named ``<username>/<file name>`` so staff know whose work each file is.
"""
import datetime
import re
import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import storage
from .conf import setting
from .data import ExportData, OpenedFile
from .errors import GenmNotFoundError
from .models import Work, WorkExport, WorkFile
from .works import parse_uuid

_UNSAFE_NAME_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def request_export(block_key, staff_user):
    """Start building a zip, or hand back the one already building or built recently enough."""
    fresh_since = timezone.now() - datetime.timedelta(hours=setting("GENM_EXPORT_TTL_HOURS"))
    latest_submission = (Work.objects.filter(block_key=block_key).exclude(submitted_at=None)
                         .order_by("-submitted_at").values_list("submitted_at", flat=True).first())
    reusable = (WorkExport.objects.filter(block_key=block_key, created__gte=fresh_since)
                .exclude(status=WorkExport.Status.FAILED).order_by("-created").first())
    if reusable and (latest_submission is None or reusable.created >= latest_submission):
        return _export_data(reusable)
    export = WorkExport.objects.create(block_key=block_key, requested_by=staff_user)
    from .tasks import build_export  # pylint: disable=import-outside-toplevel  (tasks import this module)

    export_id = export.pk
    transaction.on_commit(lambda: build_export.delay(export_id))
    return _export_data(export)


def get_export(block_key, export_uuid):
    return _export_data(_export(block_key, export_uuid))


def open_export(block_key, export_uuid):
    export = _export(block_key, export_uuid)
    if export.status != WorkExport.Status.READY:
        raise GenmNotFoundError(_("The zip file is not ready yet."))
    fileobj = storage.get_storage().open(export.storage_name, "rb")
    return OpenedFile(fileobj=fileobj, content_type="application/zip",
                      display_name=f"works-{export.created:%Y-%m-%d}.zip", size=fileobj.size)


def build_export(export_id):
    """Write the zip through a temporary file (never the whole archive in memory) and store it."""
    export = WorkExport.objects.filter(pk=export_id, status=WorkExport.Status.PENDING).first()
    if export is None:
        return None
    store = storage.get_storage()
    files = (WorkFile.objects
             .filter(work__block_key=export.block_key, role=WorkFile.Role.WORK, status=WorkFile.Status.READY)
             .exclude(work__status=Work.Status.DRAFT)
             .select_related("work__user").order_by("work__user__username", "pk"))
    count = 0
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            used = set()
            for file in files.iterator(chunk_size=500):
                name = _entry_name(file, used)
                with store.open(file.storage_name, "rb") as source, archive.open(name, "w") as target:
                    for chunk in source.chunks():
                        target.write(chunk)
                count += 1
        spool.seek(0)
        stored = store.save(storage.export_name(export.block_key, export.uuid), File(spool))
    WorkExport.objects.filter(pk=export.pk).update(status=WorkExport.Status.READY, storage_name=stored,
                                                   file_count=count, finished=timezone.now())
    return count


def _entry_name(file, used):
    username = _UNSAFE_NAME_CHARS.sub("_", file.work.user.username) or "learner"
    name = _UNSAFE_NAME_CHARS.sub("_", file.display_name).lstrip(".") or str(file.uuid)
    entry = f"{username}/{name}"
    stem, dot, extension = entry.rpartition(".")
    number = 1
    while entry in used:
        number += 1
        entry = f"{stem} ({number}).{extension}" if dot else f"{entry} ({number})"
    used.add(entry)
    return entry


def _export(block_key, export_uuid):
    export = WorkExport.objects.filter(block_key=block_key, uuid=parse_uuid(export_uuid)).first()
    if export is None:
        raise GenmNotFoundError(_("There is no such zip file."))
    return export


def _export_data(export):
    return ExportData(uuid=str(export.uuid), status=export.status, file_count=export.file_count,
                      created=export.created, finished=export.finished)
