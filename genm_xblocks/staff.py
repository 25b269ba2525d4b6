"""What course staff do with the works of a block: find them, open them, grade them through edx-submissions."""
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from submissions import api as submissions_api

from . import media, storage
from .data import BlockContext, StaffPage, StaffWorkRow, WorkStatus
from .errors import GenmConflictError, GenmNotFoundError, GenmRequestError
from .models import Work, WorkFile
from .signals.signals import WORK_GRADED
from .snapshots import send_after_commit, work_data
from .works import UploadRejected, kind_for_name, parse_uuid, process_after_commit

STAFF_PAGE_SIZE = 25
FEEDBACK_MAX_LENGTH = 5000
FEEDBACK_KINDS = ("image", "document", "audio")


def list_works(block_key, search="", page=1, per_page=STAFF_PAGE_SIZE):
    """Handed-in works of a block, newest first, optionally only those whose learner, name or title matches."""
    works = (Work.objects.filter(block_key=block_key).exclude(status=Work.Status.DRAFT)
             .select_related("user").annotate(file_count=Count("files", filter=Q(files__role=WorkFile.Role.WORK)))
             .order_by("-submitted_at", "-pk"))
    search = " ".join(str(search or "").split())[:100]
    if search:
        works = works.filter(Q(user__username__icontains=search) | Q(public_name__icontains=search)
                             | Q(title__icontains=search))
    paginator = Paginator(works, per_page)
    current = paginator.get_page(page)
    rows = tuple(
        StaffWorkRow(uuid=str(w.uuid), username=w.user.username, public_name=w.public_name, title=w.title,
                     status=WorkStatus(w.status), submitted_at=w.submitted_at, points_earned=w.points_earned,
                     file_count=w.file_count)
        for w in current.object_list
    )
    return StaffPage(rows=rows, page=current.number, num_pages=paginator.num_pages, total=paginator.count)


def get_work_for_staff(block_key, work_uuid):
    """One handed-in work of the block with its learner's username, for the staff view."""
    work = _staff_work(block_key, work_uuid)
    return work_data(work), work.user.username


def grade_work(block: BlockContext, work_uuid, grader, points, feedback, feedback_upload=None, feedback_name=""):
    """
    Grade a handed-in work: the score goes to the gradebook through edx-submissions' ``set_score``.

    Raises:
        GenmRequestError: points outside 0..the block's maximum, feedback too long, a refused feedback file.
        GenmConflictError: the work is not handed in.
    """
    possible = block.policy.points_possible
    errors = {}
    try:
        points = int(points)
        if not 0 <= points <= possible:
            raise ValueError(points)
    except (TypeError, ValueError):
        errors["points"] = _("Give a score from 0 to %(max)s.") % {"max": possible}
    feedback = str(feedback or "").strip()
    if len(feedback) > FEEDBACK_MAX_LENGTH:
        errors["feedback"] = _("The feedback can be at most %(count)s characters long.") % {
            "count": FEEDBACK_MAX_LENGTH}
    if errors:
        raise GenmRequestError(errors)
    feedback_file = _checked_feedback_file(feedback_upload, feedback_name)
    try:
        return _record_grade(block, work_uuid, grader, points, possible, feedback, feedback_file)
    except Exception:
        if feedback_file is not None:
            storage.delete_quietly(feedback_file.storage_name)
        raise


def _record_grade(block, work_uuid, grader, points, possible, feedback, feedback_file):
    with transaction.atomic():
        work = _staff_work(block.block_key, work_uuid, lock=True)
        if not work.submission_uuid:
            raise GenmConflictError(_("Only a handed-in work can be graded."))
        submissions_api.set_score(work.submission_uuid, points, possible)
        work.points_earned, work.points_possible, work.feedback = points, possible, feedback
        work.graded_at, work.graded_by = timezone.now(), grader
        work.save()
        if feedback_file is not None:
            feedback_file.work = work
            feedback_file.save()
            process_after_commit(feedback_file)
        data = work_data(work)
        send_after_commit(WORK_GRADED, data)
    return data


def _checked_feedback_file(upload, name):
    if upload is None:
        return None
    kind = kind_for_name(name, FEEDBACK_KINDS)
    try:
        inspection = media.inspect_upload(upload, name, kind, media.MediaLimits())
    except media.MediaRejected as rejection:
        raise UploadRejected(rejection) from rejection
    file = WorkFile(role=WorkFile.Role.FEEDBACK, kind=kind, content_type=inspection.detected_type,
                    display_name=inspection.display_name, size=inspection.size)
    upload.seek(0)
    file.storage_name = storage.get_storage().save(storage.incoming_name(file.uuid), upload)
    return file


def _staff_work(block_key, work_uuid, lock=False):
    works = Work.objects.select_for_update() if lock else Work.objects.select_related("user")
    work = works.filter(block_key=block_key, uuid=parse_uuid(work_uuid)).exclude(status=Work.Status.DRAFT).first()
    if work is None:
        raise GenmNotFoundError(_("There is no such handed-in work in this assignment."))
    return work
