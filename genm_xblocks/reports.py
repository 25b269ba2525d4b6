"""Reports from learners: one per account and work; enough distinct reporters hide a work at once."""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .conf import setting
from .data import ReportResult
from .errors import GenmNotFoundError, GenmPermissionError, GenmRequestError
from .models import Report, Work
from .moderation import hide_reported
from .works import parse_uuid

COMMENT_MAX_LENGTH = 500


def report_work(user, work_uuid, course_key, category, comment=""):
    """
    Record a report. A repeat from the same account is accepted but not counted again.

    Raises:
        GenmPermissionError: not signed in, or reporting one's own work.
        GenmRequestError: an unknown category or a comment that is too long.
    """
    if user is None:
        raise GenmPermissionError(_("Sign in to report a work."))
    comment = " ".join(str(comment or "").split())
    errors = {}
    if category not in Report.Category.values:
        errors["category"] = _("Choose what is wrong with this work.")
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = _("The comment can be at most %(count)s characters long.") % {"count": COMMENT_MAX_LENGTH}
    if errors:
        raise GenmRequestError(errors)
    with transaction.atomic():
        work = (Work.objects.select_for_update()
                .filter(uuid=parse_uuid(work_uuid), course_key=course_key, status=Work.Status.PUBLISHED).first())
        if work is None:
            raise GenmNotFoundError(_("This work is not in the gallery."))
        if work.user_id == user.pk:
            raise GenmPermissionError(_("You cannot report your own work."))
        try:
            with transaction.atomic():
                Report.objects.create(work=work, reporter=user, category=category, comment=comment)
        except IntegrityError:
            return ReportResult(recorded=False, hidden=False, category=category)
        reporters = work.reports.filter(resolved_at__isnull=True).count()
        hidden = reporters >= setting("GENM_REPORT_HIDE_THRESHOLD")
        if hidden:
            hide_reported(work)
    return ReportResult(recorded=True, hidden=hidden, category=category)
