"""The sponsor's purses: one budget per period, spent by counted actions of that period's days."""
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .conf import setting
from .data import PurseData
from .errors import CharityRequestError
from .models import Purse, Tally


def purse_scope(purse_id):
    return f"purse:{purse_id}"


def validate(purse):
    """Model validation plus the rule the database cannot express portably: periods never overlap."""
    try:
        purse.full_clean()
    except ValidationError as exc:
        raise CharityRequestError(exc.message_dict) from exc
    overlapping = Purse.objects.filter(starts_on__lte=purse.ends_on, ends_on__gte=purse.starts_on).exclude(pk=purse.pk)
    if overlapping.exists():
        raise CharityRequestError({"starts_on": [_("This period overlaps the purse %(label)s.")
                                                 % {"label": overlapping.first().label}]})


def add(label, starts_on, ends_on, budget_kopecks):
    """Give the sponsor's budget for the days from ``starts_on`` to ``ends_on``, both included."""
    purse = Purse(label=label, starts_on=starts_on, ends_on=ends_on, budget_kopecks=budget_kopecks)
    validate(purse)
    purse.save()
    return purse_data(purse, 0)


def current():
    """The purse of the sponsor's today, with what is spent, or None when no purse covers today."""
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(setting("GENM_CHARITY_TIME_ZONE"))).date()
    purse = Purse.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("starts_on").first()
    if purse is None:
        return None
    spent = Tally.objects.filter(scope=purse_scope(purse.pk)).values_list("kopecks", flat=True).first() or 0
    return purse_data(purse, spent)


def purse_data(purse, spent):
    return PurseData(label=purse.label, starts_on=purse.starts_on, ends_on=purse.ends_on,
                     budget_kopecks=purse.budget_kopecks, spent_kopecks=spent)
