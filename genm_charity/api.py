"""
The public interface of the charity app: every other module (the progress XBlock, the REST views, the commands,
the demo) imports from here and nowhere else in this package.

Functions return the frozen data classes of ``data.py``, never models. Money is always integer kopecks. Errors
belong to one family, :class:`CharityError`, each carrying its HTTP status and a translated message.
"""
from django.core.cache import cache

from . import campaigns, funds, impact, ledger, outbox, purses, recompute, retirement, rules
from .conf import setting
from .data import (
    Activity,
    ActivityKind,
    CampaignData,
    ContributionData,
    Drift,
    FundData,
    ImpactData,
    Outcome,
    Overview,
    PurseData,
    RecomputeReport,
    RecordResult,
    RuleSetData,
    RuleSpec,
    RulesSpec,
    SeriesPoint,
    TotalsData,
)
from .errors import CharityConflictError, CharityError, CharityNotFoundError, CharityRequestError, RulesError
from .money import rubles

__all__ = [
    "Activity",
    "ActivityKind",
    "CampaignData",
    "CharityConflictError",
    "CharityError",
    "CharityNotFoundError",
    "CharityRequestError",
    "ContributionData",
    "Drift",
    "FundData",
    "ImpactData",
    "Outcome",
    "Overview",
    "PurseData",
    "RecomputeReport",
    "RecordResult",
    "RuleSetData",
    "RuleSpec",
    "RulesError",
    "RulesSpec",
    "SeriesPoint",
    "TotalsData",
    "activate_rules",
    "active_campaign",
    "add_campaign",
    "add_fund",
    "add_purse",
    "campaign_progress",
    "close_campaign",
    "contribution",
    "copy_rules",
    "create_rules",
    "current_purse",
    "enqueue_activities",
    "get_rules",
    "list_funds",
    "load_rules_file",
    "overview",
    "parse_rules",
    "public_funds",
    "public_impact",
    "record_activities",
    "recompute_totals",
    "retire_learner",
    "rubles",
    "totals",
]

FUNDS_CACHE_KEY = "genm_charity:v1:funds"
IMPACT_CACHE_KEY = "genm_charity:v1:impact"

# ------------------------------------------------------------------ recording
def record_activities(activities):
    """
    Record activities in the ledger now, in batches of ``GENM_CHARITY_BATCH_SIZE``, each at most once ever.

    Returns:
        RecordResult: how many were counted, capped, refused for an empty purse or excluded, and how many the
        ledger had seen before.
    """
    return ledger.record(activities)


def enqueue_activities(activities):
    """Hand activities to a Celery worker as one message; what the broker refuses is recorded at once instead."""
    outbox.send(list(activities))


def retire_learner(user_id):
    """Forget whose entries a retired account's were; the totals they raised stay."""
    retirement.retire_learner(user_id)


def recompute_totals(fix=True):
    """
    Rebuild every counter from the ledger.

    Returns:
        RecomputeReport: the drift found (expected: none); with ``fix`` the counters now match the ledger.
    """
    return recompute.recompute(fix=fix)


# ------------------------------------------------------------------ reading
totals = impact.totals
contribution = impact.contribution
overview = impact.overview
active_campaign = impact.active_campaign
campaign_progress = impact.campaign
current_purse = purses.current
list_funds = funds.list_funds


def public_impact():
    """``impact`` for anonymous readers, served from the cache for ``GENM_CHARITY_PUBLIC_CACHE_SECONDS``."""
    return _cached(IMPACT_CACHE_KEY, impact.impact)


def public_funds():
    """``list_funds`` for anonymous readers, served from the cache for ``GENM_CHARITY_PUBLIC_CACHE_SECONDS``."""
    return _cached(FUNDS_CACHE_KEY, funds.list_funds)


def _cached(key, compute):
    seconds = setting("GENM_CHARITY_PUBLIC_CACHE_SECONDS")
    value = cache.get(key) if seconds else None
    if value is None:
        value = compute()
        if seconds:
            cache.set(key, value, seconds)
    return value


# ------------------------------------------------------------------ operating: funds, campaigns, purses, rules
add_fund = funds.add
add_campaign = campaigns.add
close_campaign = campaigns.close
add_purse = purses.add
parse_rules = rules.parse
create_rules = rules.create
load_rules_file = rules.load_file
activate_rules = rules.activate
copy_rules = rules.copy_as_draft
get_rules = rules.get
