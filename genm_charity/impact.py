"""What the money did, read from the counters only: every number here costs a row or a handful, never a scan of
the ledger, however long it grows.
"""
import zoneinfo
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from . import purses
from .campaigns import campaign_scope
from .conf import setting
from .data import CampaignData, ContributionData, ImpactData, Overview, SeriesPoint, TotalsData
from .errors import CharityNotFoundError
from .ledger import TOTAL
from .models import Campaign, LearnerTally, Tally

DAYS_SHOWN = 30
MONTHS_SHOWN = 12
CAMPAIGNS_SHOWN = 20


def today():
    """The sponsor's today: the day caps, purses and the charts count in."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(setting("GENM_CHARITY_TIME_ZONE"))).date()


def totals():
    """Every counted action, the money it raised and the children whose goal it reached: one query."""
    rows = {scope: (actions, kopecks) for scope, actions, kopecks in
            Tally.objects.filter(scope__in=[TOTAL, "funded"]).values_list("scope", "actions", "kopecks")}
    actions, kopecks = rows.get(TOTAL, (0, 0))
    return TotalsData(actions=actions, kopecks=kopecks, children_helped=rows.get("funded", (0, 0))[0])


def contribution(user_id):
    """A learner's own counted actions and the money they gave: one query."""
    row = LearnerTally.objects.filter(user_id=user_id).values_list("actions", "points", "kopecks").first()
    actions, points, kopecks = row or (0, 0, 0)
    return ContributionData(actions=actions, points=points, kopecks=kopecks)


def campaign(campaign_id):
    """One campaign with its progress: two queries."""
    found = Campaign.objects.select_related("fund").filter(pk=campaign_id).first()
    if found is None:
        raise CharityNotFoundError()
    return _with_progress([found])[0]


def active_campaign(fund_slug=""):
    """
    The campaign money goes to now: the first open campaign of the fund's queue that has started and not ended.
    The fund is ``fund_slug``, or the one the active rules pay. Two queries.
    """
    now = timezone.now()
    queryset = (Campaign.objects.select_related("fund").filter(status=Campaign.Status.OPEN)
                .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
                .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now)))
    queryset = (queryset.filter(fund__slug=fund_slug) if fund_slug
                else queryset.filter(fund__rule_sets__is_active=True))
    found = queryset.order_by("position", "id").first()
    return _with_progress([found])[0] if found else None


def overview(user_id=None, fund_slug=""):
    """What the progress block shows: the active campaign, the totals, the viewer's own part, the purse."""
    purse = purses.current()
    return Overview(campaign=active_campaign(fund_slug), totals=totals(),
                    contribution=contribution(user_id) if user_id is not None else None,
                    purse_spent=purse is None or purse.is_spent)


def impact():
    """Everything the public impact page and API show."""
    now = timezone.now()
    open_campaigns = list(Campaign.objects.select_related("fund").filter(status=Campaign.Status.OPEN)
                          .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
                          .order_by("fund__name", "position", "id")[:CAMPAIGNS_SHOWN])
    funded = list(Campaign.objects.select_related("fund").filter(status=Campaign.Status.FUNDED)
                  .order_by("-funded_at", "-id")[:CAMPAIGNS_SHOWN])
    with_progress = _with_progress(open_campaigns + funded)
    return ImpactData(totals=totals(), campaigns=tuple(with_progress[:len(open_campaigns)]),
                      funded=tuple(with_progress[len(open_campaigns):]), daily=daily(), monthly=monthly())


def daily(days=DAYS_SHOWN):
    """Counted actions and money of each of the last ``days`` days, today included, oldest first."""
    last = today()
    dates = [last - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    return _series(dates, lambda day: f"day:{day.isoformat()}")


def monthly(months=MONTHS_SHOWN):
    """The same per month, for the last ``months`` months, this one included."""
    current = today().replace(day=1)
    firsts = []
    for _month in range(months):
        firsts.append(current)
        current = (current - timedelta(days=1)).replace(day=1)
    return _series(firsts[::-1], lambda first: f"month:{first:%Y-%m}")


def _series(dates, scope_of):
    rows = {scope: (actions, kopecks) for scope, actions, kopecks in Tally.objects.filter(
        scope__in=[scope_of(day) for day in dates]).values_list("scope", "actions", "kopecks")}
    return tuple(SeriesPoint(day=day, actions=rows.get(scope_of(day), (0, 0))[0],
                             kopecks=rows.get(scope_of(day), (0, 0))[1]) for day in dates)


def _with_progress(campaigns):
    raised = {scope: (actions, kopecks) for scope, actions, kopecks in Tally.objects.filter(
        scope__in=[campaign_scope(found.pk) for found in campaigns]).values_list("scope", "actions", "kopecks")}
    return [_campaign_data(found, *raised.get(campaign_scope(found.pk), (0, 0))) for found in campaigns]


def _campaign_data(found, actions, kopecks):
    return CampaignData(
        id=found.pk, fund_slug=found.fund.slug, fund_name=found.fund.name, beneficiary_name=found.beneficiary_name,
        beneficiary_age=found.beneficiary_age, purpose=found.purpose, story=found.story,
        goal_kopecks=found.goal_kopecks, raised_kopecks=kopecks, actions=actions, status=found.status,
        funded_at=found.funded_at,
    )

