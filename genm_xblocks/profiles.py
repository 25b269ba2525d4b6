"""The participant profile: age group, region and public nickname, asked once per learner."""
import re
import unicodedata

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import regions
from .conf import setting
from .data import AgeGroup, ParticipantProfileData
from .errors import GenmRequestError
from .models import ParticipantProfile

PROFILE_MISSING_MESSAGE = _("Tell us your age group and region first.")
NICKNAME_MAX_LENGTH = 32
# Letters of any script, digits, spaces and a little punctuation: enough for "Маша_2014", never a link or an email.
_NICKNAME_RE = re.compile(r"^[\w .\-]+$")
# Five digits in a row look like a phone number or a school number: personal data in a public place.
_MANY_DIGITS_RE = re.compile(r"\d{5,}")


def region_choices():
    """(code, name) pairs of the Russian Federation's subjects, named in the current language."""
    return regions.region_choices(get_language() or "ru")


def get_profile(user):
    """
    The learner's participant profile.

    Returns:
        ParticipantProfileData, or None when the learner has not filled it in yet.
    """
    profile = ParticipantProfile.objects.filter(user_id=user.pk).select_related("user").first()
    return _profile_data(profile) if profile else None


def save_profile(user, age_group, region_code, nickname=""):
    """
    Create or update the learner's profile after checking every field.

    Raises:
        GenmRequestError: with ``field_errors`` for each field that is missing or unsafe to show in public.
    """
    errors = {}
    try:
        age_group = AgeGroup(age_group)
    except ValueError:
        errors["age_group"] = _("Choose your age group.")
    if not regions.get_region(region_code or ""):
        errors["region_code"] = _("Choose your region from the list.")
    nickname = _clean_nickname(nickname, user, errors)
    if errors:
        raise GenmRequestError(errors)
    with transaction.atomic():
        profile, _created = ParticipantProfile.objects.update_or_create(
            user=user, defaults={"age_group": age_group, "region_code": region_code, "nickname": nickname}
        )
    return _profile_data(profile)


def public_name(user, nickname=""):
    """
    The name shown to other people: the nickname, else the first name and the initial of the last name.

    Never the full name or the username: children are shown by a name that does not identify them.
    """
    if nickname:
        return nickname
    first = (user.first_name or "").strip().split(" ")[0]
    initial = (user.last_name or "").strip()[:1]
    if first:
        return f"{first} {initial}." if initial else first
    return str(_("Participant #%(number)s") % {"number": user.pk})


def _clean_nickname(nickname, user, errors):
    nickname = unicodedata.normalize("NFC", " ".join((nickname or "").split()))
    if not nickname:
        return ""
    lowered = nickname.casefold()
    personal = {
        value.casefold()
        for value in (user.username, user.email.split("@")[0] if user.email else "", user.get_full_name())
        if value
    }
    if len(nickname) > NICKNAME_MAX_LENGTH:
        errors["nickname"] = _("The nickname can be at most %(count)s characters long.") % {
            "count": NICKNAME_MAX_LENGTH
        }
    elif not _NICKNAME_RE.match(nickname) or _MANY_DIGITS_RE.search(nickname):
        errors["nickname"] = _("Use letters, a few digits, spaces, dots or dashes in your nickname.")
    elif lowered in personal:
        errors["nickname"] = _("Choose a nickname that is not your real name or your login.")
    return nickname


def _profile_data(profile):
    age_group = AgeGroup(profile.age_group)
    return ParticipantProfileData(
        user_id=profile.user_id,
        age_group=age_group,
        region_code=profile.region_code,
        region_name=regions.region_name(profile.region_code, get_language() or "ru"),
        nickname=profile.nickname,
        public_name=public_name(profile.user, profile.nickname),
        needs_guardian_consent=age_group.oldest < setting("GENM_GUARDIAN_CONSENT_AGE"),
    )
