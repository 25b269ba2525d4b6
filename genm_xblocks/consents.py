"""A guardian's consent to publish the works of a learner under the consent age: given, shown to staff, revocable."""
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .data import ConsentData
from .errors import GenmConflictError, GenmRequestError
from .models import GuardianConsent, Work
from .signals.signals import WORK_UNPUBLISHED
from .snapshots import send_after_commit, work_data

GUARDIAN_NAME_MAX_LENGTH = 150
# The statement a guardian agrees to, shown word for word and stored with the consent in the language it was read.
CONSENT_TEXT = _(
    "I am the parent or legal guardian of this learner. I agree that the works they submit may be shown in the "
    "platform's public gallery after moderation, under a nickname or first name, without their full name, school, "
    "contacts or location. I can withdraw this consent at any time, and the works will then be removed from the "
    "gallery."
)


def consent_text():
    """The consent statement in the current language."""
    return str(CONSENT_TEXT)


def active_consent(user_id):
    consent = GuardianConsent.objects.filter(user_id=user_id, revoked_at__isnull=True).order_by("-pk").first()
    if consent is None:
        return None
    return ConsentData(guardian_name=consent.guardian_name, given_on=consent.given_on,
                       consent_text=consent.consent_text, recorded_at=consent.recorded_at)


def has_active_consent(user_id):
    return GuardianConsent.objects.filter(user_id=user_id, revoked_at__isnull=True).exists()


def give_consent(user, guardian_name, given_on, agreed):
    """
    Record a guardian's consent, then send the learner's submitted works that asked for the gallery to review.

    Raises:
        GenmRequestError: a missing name, a date that is not a real past date, or the box not ticked.
    """
    guardian_name = " ".join(str(guardian_name or "").split())
    errors = {}
    if not 2 <= len(guardian_name) <= GUARDIAN_NAME_MAX_LENGTH or not any(c.isalpha() for c in guardian_name):
        errors["guardian_name"] = _("Write the full name of the parent or guardian.")
    try:
        given_on = datetime.date.fromisoformat(str(given_on))
        if given_on > timezone.localdate() or given_on.year < 2000:
            raise ValueError(given_on)
    except ValueError:
        errors["given_on"] = _("Choose the date the consent was given.")
    if agreed is not True:
        errors["agreed"] = _("The parent or guardian must agree to the statement.")
    if errors:
        raise GenmRequestError(errors)
    with transaction.atomic():
        GuardianConsent.objects.create(user=user, guardian_name=guardian_name, given_on=given_on,
                                       consent_text=consent_text())
        Work.objects.filter(user_id=user.pk, status=Work.Status.SUBMITTED, gallery_opt_in=True).update(
            status=Work.Status.IN_REVIEW
        )
    return active_consent(user.pk)


def revoke_consent(user):
    """Withdraw the consent; every work of the learner leaves the gallery and the moderation queue at once."""
    with transaction.atomic():
        revoked = GuardianConsent.objects.filter(user_id=user.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not revoked:
            raise GenmConflictError(_("There is no consent to withdraw."))
        works = list(Work.objects.select_for_update().filter(
            user_id=user.pk, status__in=[Work.Status.IN_REVIEW, Work.Status.PUBLISHED]
        ))
        for work in works:
            was_published = work.status == Work.Status.PUBLISHED
            work.status, work.published_at = Work.Status.SUBMITTED, None
            work.save(update_fields=["status", "published_at", "modified"])
            if was_published:
                send_after_commit(WORK_UNPUBLISHED, work_data(work))
