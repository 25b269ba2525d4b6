"""Moderation: nothing a learner made is public until staff approve it; every decision is kept with its reason.

The state machine (``Work.status``)::

    in_review --approve--> published --unpublish--> returned
    in_review --reject---> returned                 (the learner may fix the work and submit again)
    published --hide (reports)--> in_review
"""
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .consents import has_active_consent
from .data import DecisionData, ModerationItem, ReportData
from .errors import GenmConflictError, GenmNotFoundError, GenmRequestError
from .models import ModerationDecision, Report, Work, WorkFile
from .profiles import get_profile
from .signals.signals import WORK_PUBLISHED, WORK_UNPUBLISHED
from .snapshots import send_after_commit, work_data
from .works import parse_uuid

REASON_TEXT_MAX_LENGTH = 1000
QUEUE_SIZE = 20


def reasons():
    """Why a moderator returns a work, as a list to choose from (then free text)."""
    return {
        "personal_info": _("It shows personal information (a face, a name, an address, a school)."),
        "inappropriate": _("It is not suitable for children."),
        "copied": _("It does not look like your own work."),
        "off_task": _("It does not fit the task."),
        "technical": _("The file cannot be viewed properly."),
        "other": _("Another reason (see the moderator's note)."),
    }


def moderation_queue(filters, limit=QUEUE_SIZE):
    """Works waiting for a decision, oldest first, with their open reports and past decisions; and how many wait."""
    pending = _scoped(filters).filter(status=Work.Status.IN_REVIEW)
    works = list(_with_details(pending.order_by("submitted_at", "pk")[:limit]))
    return tuple(_item(work) for work in works), pending.count()


def reported_works(filters, limit=50):
    """Published works with open reports (below the hiding threshold), most reported first."""
    open_reports = Report.objects.filter(work=OuterRef("pk"), resolved_at__isnull=True)
    works = _scoped(filters).filter(Exists(open_reports), status=Work.Status.PUBLISHED)
    works = sorted(_with_details(works), key=lambda work: (-len(work.open_reports), work.pk))[:limit]
    return tuple(_item(work) for work in works)


def decisions_of(work_uuid, filters):
    work = _work(work_uuid, filters)
    return tuple(_decision(d) for d in work.decisions.select_related("moderator"))


def approve(work_uuid, filters, moderator):
    """Publish a work waiting for review; its open reports are settled by the decision."""
    with transaction.atomic():
        work = _work(work_uuid, filters, lock=True)
        _expect(work, Work.Status.IN_REVIEW, _("Only a work waiting for moderation can be approved."))
        profile = get_profile(work.user)
        if profile is not None and profile.needs_guardian_consent and not has_active_consent(work.user_id):
            raise GenmConflictError(_("This learner's guardian has not consented to publication."))
        if not work.gallery_opt_in:
            raise GenmConflictError(_("The learner has not asked for this work to be shown in the gallery."))
        work.status, work.published_at, work.return_reason = Work.Status.PUBLISHED, timezone.now(), ""
        work.cover = _cover(work)
        if profile is not None:
            work.public_name = profile.public_name
        work.save()
        _settle(work, moderator, ModerationDecision.Action.APPROVE, "", "")
        data = work_data(work)
        send_after_commit(WORK_PUBLISHED, data)
    return data


def reject(work_uuid, filters, moderator, reason_code, reason_text=""):
    """Return a work waiting for review to its author with the reason; they may fix it and submit again."""
    return _send_back(work_uuid, filters, moderator, reason_code, reason_text, Work.Status.IN_REVIEW,
                      ModerationDecision.Action.REJECT, _("Only a work waiting for moderation can be returned."))


def unpublish(work_uuid, filters, moderator, reason_code, reason_text=""):
    """Take a published work down at once, with the reason its author will see."""
    return _send_back(work_uuid, filters, moderator, reason_code, reason_text, Work.Status.PUBLISHED,
                      ModerationDecision.Action.UNPUBLISH, _("Only a published work can be taken down."))


def _send_back(work_uuid, filters, moderator, reason_code, reason_text, expected, action, refusal):
    reason_code, reason_text = _checked_reason(reason_code, reason_text)
    with transaction.atomic():
        work = _work(work_uuid, filters, lock=True)
        _expect(work, expected, refusal)
        label = str(reasons()[reason_code])
        work.status, work.published_at = Work.Status.RETURNED, None
        work.return_reason = f"{label} {reason_text}".strip()
        work.save()
        _settle(work, moderator, action, reason_code, reason_text)
        data = work_data(work)
        if expected == Work.Status.PUBLISHED:
            send_after_commit(WORK_UNPUBLISHED, data)
    return data


def hide_reported(work):
    """Reports reached the threshold: out of the gallery now, back to the queue for a moderator to decide."""
    was_published = work.status == Work.Status.PUBLISHED
    work.status, work.published_at = Work.Status.IN_REVIEW, None
    work.save(update_fields=["status", "published_at", "modified"])
    ModerationDecision.objects.create(work=work, action=ModerationDecision.Action.HIDE, reason_code="reports")
    if was_published:
        send_after_commit(WORK_UNPUBLISHED, work_data(work))


def _settle(work, moderator, action, reason_code, reason_text):
    ModerationDecision.objects.create(work=work, moderator=moderator, action=action, reason_code=reason_code,
                                      reason_text=reason_text)
    work.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


def _checked_reason(reason_code, reason_text):
    reason_text = str(reason_text or "").strip()
    errors = {}
    if reason_code not in reasons():
        errors["reason_code"] = _("Choose a reason from the list.")
    if len(reason_text) > REASON_TEXT_MAX_LENGTH:
        errors["reason_text"] = _("The note can be at most %(count)s characters long.") % {
            "count": REASON_TEXT_MAX_LENGTH}
    if reason_code == "other" and not reason_text:
        errors["reason_text"] = _("Explain the reason in a few words.")
    if errors:
        raise GenmRequestError(errors)
    return reason_code, reason_text


def _cover(work):
    """The file a gallery card shows: the first picture (it has a thumbnail), else the first file."""
    files = list(work.files.filter(role=WorkFile.Role.WORK, status=WorkFile.Status.READY).order_by("created", "pk"))
    with_thumbnail = [file for file in files if file.thumbnail_name]
    return (with_thumbnail or files or [None])[0]


def _expect(work, status, message):
    if work.status != status:
        raise GenmConflictError(message)


def _scoped(filters):
    works = Work.objects.filter(course_key=filters.course_key)
    if filters.block_keys:
        works = works.filter(block_key__in=filters.block_keys)
    return works


def _work(work_uuid, filters, lock=False):
    works = _scoped(filters).select_for_update() if lock else _scoped(filters).select_related("user")
    work = works.filter(uuid=parse_uuid(work_uuid)).first()
    if work is None:
        raise GenmNotFoundError(_("There is no such work here."))
    return work


def _with_details(works):
    return works.select_related("user").prefetch_related(
        "files",
        Prefetch("reports", queryset=Report.objects.filter(resolved_at__isnull=True).order_by("created"),
                 to_attr="open_reports"),
        Prefetch("decisions", queryset=ModerationDecision.objects.select_related("moderator")),
    )


def _item(work):
    return ModerationItem(
        work=work_data(work, files=list(work.files.all())),
        username=work.user.username,
        reports=tuple(ReportData(category=r.category, comment=r.comment, created=r.created)
                      for r in work.open_reports),
        decisions=tuple(_decision(d) for d in work.decisions.all()),
    )


def _decision(decision):
    return DecisionData(action=decision.action, moderator=decision.moderator.username if decision.moderator else "",
                        reason_code=decision.reason_code, reason_text=decision.reason_text, created=decision.created)
