"""A learner's work in one block: the draft, its files, submit and withdraw, with every rule enforced here.

The block only parses requests and renders; whatever the browser does, these functions decide.
"""
import mimetypes
import unicodedata
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from submissions import api as submissions_api

from . import media, storage
from .consents import has_active_consent
from .data import BlockContext, OpenedFile
from .errors import GenmConflictError, GenmNotFoundError, GenmRequestError
from .models import Work, WorkFile
from .profiles import get_profile
from .signals.signals import WORK_SUBMITTED, WORK_UNPUBLISHED, WORK_WITHDRAWN
from .snapshots import send_after_commit, work_data

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
EDITABLE = {Work.Status.DRAFT, Work.Status.RETURNED}
WITHDRAWABLE = {Work.Status.SUBMITTED, Work.Status.IN_REVIEW, Work.Status.PUBLISHED}


class UploadRejected(GenmRequestError):
    """The media pipeline refused a file; ``category`` says why (empty, size, name, type, decode, bomb, archive)."""

    def __init__(self, rejection):
        self.category = rejection.category
        self.detected_type = rejection.detected_type
        super().__init__({"file": rejection.message})


def get_work(user, block_key):
    """The learner's work in the block, or None before they start one."""
    work = Work.objects.filter(user_id=user.pk, block_key=block_key).first()
    return work_data(work) if work else None


def save_draft(user, block: BlockContext, title, description, gallery_opt_in):
    """Save the text and the gallery choice of a draft (or of a work returned for changes)."""
    _check_not_past_due(block)
    title, description = _clean_text(title, description)
    with transaction.atomic():
        work = _locked_work(user, block, create=True)
        _check_editable(work)
        work.title, work.description = title, description
        work.gallery_opt_in = bool(gallery_opt_in) and block.policy.gallery_allowed
        work.save()
    return work_data(work)


def add_file(user, block: BlockContext, upload, upload_name):
    """
    Check an upload with the media pipeline and keep it privately until a Celery task has re-encoded it.

    Raises:
        UploadRejected: the pipeline refused the file (its message says why, for a child).
        GenmRequestError: the work is full (too many files or too many bytes).
    """
    _check_not_past_due(block)
    policy = block.policy
    kind = kind_for_name(upload_name, policy.kinds)
    limits = media.MediaLimits(max_file_bytes=policy.max_file_bytes, max_megapixels=policy.max_megapixels,
                               max_frames=policy.max_frames)
    try:
        inspection = media.inspect_upload(upload, upload_name, kind, limits)
    except media.MediaRejected as rejection:
        raise UploadRejected(rejection) from rejection
    file = WorkFile(kind=kind, content_type=inspection.detected_type, display_name=inspection.display_name,
                    size=inspection.size, width=inspection.width, height=inspection.height)
    upload.seek(0)
    file.storage_name = storage.get_storage().save(storage.incoming_name(file.uuid), upload)
    try:
        with transaction.atomic():
            work = _locked_work(user, block, create=True)
            _check_editable(work)
            _check_room(work, policy, inspection.size)
            file.work = work
            file.save()
    except Exception:
        storage.delete_quietly(file.storage_name)
        raise
    process_after_commit(file)
    return work_data(work).files[-1]


def remove_file(user, block: BlockContext, file_uuid):
    """Take a file out of a draft; its stored copies go with it."""
    _check_not_past_due(block)
    with transaction.atomic():
        work = _locked_work(user, block)
        _check_editable(work)
        file = work.files.filter(uuid=parse_uuid(file_uuid), role=WorkFile.Role.WORK).first()
        if file is None:
            raise GenmNotFoundError(_("This file is not part of your work."))
        names = (file.storage_name, file.thumbnail_name)
        file.delete()
        transaction.on_commit(lambda: storage.delete_quietly(*names))
    return work_data(work)


def submit_work(user, block: BlockContext, student_item):
    """
    Hand the work in: it becomes an edx-submissions submission, and goes to moderation if the learner asked for
    the gallery and may be published.
    """
    _check_not_past_due(block)
    profile = get_profile(user)
    with transaction.atomic():
        work = _locked_work(user, block)
        _check_editable(work)
        _check_complete(work, profile)
        files = list(work.files.filter(role=WorkFile.Role.WORK))
        answer = {
            "title": work.title,
            "description": work.description,
            "files": [{"uuid": str(f.uuid), "name": f.display_name, "content_type": f.content_type, "size": f.size}
                      for f in files],
        }
        submission = submissions_api.create_submission(student_item.as_dict(), answer)
        work.submission_uuid = submission["uuid"]
        work.submitted_at = timezone.now()
        work.age_group, work.region_code, work.public_name = profile.age_group, profile.region_code, profile.public_name
        work.nomination = block.policy.nomination
        work.return_reason = ""
        work.status = Work.Status.IN_REVIEW if may_enter_review(work, profile) else Work.Status.SUBMITTED
        work.save()
        data = work_data(work)
        send_after_commit(WORK_SUBMITTED, data)
    return data


def withdraw_work(user, block: BlockContext):
    """Take a submitted work back to draft, when the author allows resubmission and the work is not graded yet."""
    _check_not_past_due(block)
    if not block.policy.allow_resubmission:
        raise GenmConflictError(_("This assignment does not allow changing a work after it is submitted."))
    with transaction.atomic():
        work = _locked_work(user, block)
        if work.status not in WITHDRAWABLE:
            raise GenmConflictError(_("Only a submitted work can be withdrawn."))
        if work.points_earned is not None:
            raise GenmConflictError(_("Your work has already been graded, so it cannot be withdrawn."))
        was_published = work.status == Work.Status.PUBLISHED
        work.status = Work.Status.DRAFT
        work.published_at = None
        work.save()
        data = work_data(work)
        send_after_commit(WORK_WITHDRAWN, data)
        if was_published:
            send_after_commit(WORK_UNPUBLISHED, data)
    return data


def may_enter_review(work, profile):
    """Publication is asked for, and a learner under the consent age has a guardian's consent on record."""
    if not work.gallery_opt_in:
        return False
    return not profile.needs_guardian_consent or has_active_consent(work.user_id)


def open_file(file_uuid, *, viewer_id, viewer_is_staff, course_key, thumbnail=False):
    """
    Open a stored file for its owner, for course staff, or for anyone once the work is published.

    Raises:
        GenmNotFoundError: no such file, or the viewer may not see it (the two look the same from outside).
    """
    file = (WorkFile.objects.select_related("work")
            .filter(uuid=parse_uuid(file_uuid), status=WorkFile.Status.READY).first())
    if file is None or not _may_view(file, viewer_id, viewer_is_staff, course_key):
        raise GenmNotFoundError(_("This file does not exist or is not available to you."))
    name = file.thumbnail_name if thumbnail else file.storage_name
    if not name:
        raise GenmNotFoundError(_("This file has no preview."))
    fileobj = storage.get_storage().open(name, "rb")
    content_type = mimetypes.guess_type(name)[0] if thumbnail else file.content_type
    return OpenedFile(fileobj=fileobj, content_type=content_type, display_name=file.display_name,
                      size=fileobj.size)


def kind_for_name(upload_name, kinds):
    """The enabled kind whose extensions include the upload's; the content must then prove it."""
    extension = (upload_name or "").rsplit(".", 1)[-1].lower() if "." in (upload_name or "") else ""
    for kind in kinds:
        if any(extension in extensions for extensions in media.ALLOWED_FORMATS[kind].values()):
            return kind
    raise GenmRequestError({"file": _("Files of this type cannot be added here. Allowed: %(types)s.")
                            % {"types": ", ".join(accepted_extensions(kinds))}})


def accepted_extensions(kinds):
    return [ext for kind in kinds for extensions in media.ALLOWED_FORMATS[kind].values() for ext in extensions]


def _may_view(file, viewer_id, viewer_is_staff, course_key):
    work = file.work
    if viewer_id is not None and work.user_id == viewer_id:
        return True
    if viewer_is_staff and work.course_key == course_key:
        return True
    return file.role == WorkFile.Role.WORK and work.status == Work.Status.PUBLISHED


def _locked_work(user, block, create=False):
    works = Work.objects.select_for_update()
    if create:
        work, _created = works.get_or_create(
            user_id=user.pk, block_key=block.block_key, defaults={"course_key": block.course_key}
        )
        return work
    work = works.filter(user_id=user.pk, block_key=block.block_key).first()
    if work is None:
        raise GenmNotFoundError(_("Start your work first."))
    return work


def _check_not_past_due(block):
    due = block.policy.due
    if due is not None and timezone.now() > due:
        raise GenmConflictError(_("The due date has passed, so the work can no longer be changed."))


def _check_editable(work):
    if work.status not in EDITABLE:
        raise GenmConflictError(_("Your work is already submitted. Withdraw it first to change it."))


def _check_room(work, policy, size):
    files = work.files.filter(role=WorkFile.Role.WORK)
    if files.count() >= policy.max_files:
        raise GenmRequestError({"file": _("A work can have at most %(count)s files.") % {"count": policy.max_files}})
    used = sum(files.values_list("size", flat=True))
    if used + size > policy.max_total_bytes:
        raise GenmRequestError({"file": _("All files of a work together can be at most %(megabytes)s MB.")
                                % {"megabytes": policy.max_total_bytes // (1024 * 1024)}})


def _check_complete(work, profile):
    errors = {}
    if profile is None:
        errors["profile"] = _("Tell us your age group and region first.")
    if not work.title:
        errors["title"] = _("Give your work a title.")
    statuses = list(work.files.filter(role=WorkFile.Role.WORK).values_list("status", flat=True))
    if not statuses:
        errors["files"] = _("Add at least one file.")
    elif WorkFile.Status.FAILED in statuses:
        errors["files"] = _("Remove the files that could not be processed.")
    elif WorkFile.Status.PROCESSING in statuses:
        errors["files"] = _("Wait a moment: your files are still being prepared.")
    if errors:
        raise GenmRequestError(errors)


def _clean_text(title, description):
    title = _single_line(title)
    description = unicodedata.normalize("NFC", str(description or "")).replace("\r\n", "\n").strip()
    description = "".join(c for c in description if c == "\n" or unicodedata.category(c)[0] != "C")
    errors = {}
    if len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("The title can be at most %(count)s characters long.") % {"count": TITLE_MAX_LENGTH}
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("The description can be at most %(count)s characters long.") % {
            "count": DESCRIPTION_MAX_LENGTH}
    if errors:
        raise GenmRequestError(errors)
    return title, description


def _single_line(text):
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C" or c.isspace()).split())


def parse_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise GenmNotFoundError(_("This file does not exist or is not available to you.")) from exc


def process_after_commit(file):
    from .tasks import process_work_file  # pylint: disable=import-outside-toplevel  (tasks import this module)

    file_id = file.pk
    transaction.on_commit(lambda: process_work_file.delay(file_id))
