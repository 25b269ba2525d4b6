"""Rebuild every counter from the ledger and report where the stored ones differ (expected: nowhere).

Runs under the ledger's lock, so it compares against a ledger nobody is writing to. Learners are compared a range
of user ids at a time, so memory stays flat however long the ledger grows. (Daily caps keep no counter: the ledger
itself is what they are checked against.)
"""
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Max, Min, Sum

from .campaigns import campaign_scope
from .data import Drift, Outcome, RecomputeReport
from .ledger import TOTAL, locked
from .models import Campaign, LearnerTally, LedgerEntry, Overflow, Tally
from .purses import purse_scope

FIELDS = ("actions", "points", "kopecks")
USERS_PER_STEP = 5000


def recompute(fix=True):
    """Compare (and, with ``fix``, overwrite) every counter with what the ledger says."""
    with locked():
        drift = []
        expected = expected_tallies()
        stored = {row[0]: tuple(row[1:]) for row in Tally.objects.values_list("scope", *FIELDS)}
        drift += _compare(expected, stored, FIELDS)
        if fix and drift:
            Tally.objects.exclude(scope__in=list(expected)).delete()
            _overwrite(Tally, [Tally(scope=scope, actions=a, points=p, kopecks=k)
                               for scope, (a, p, k) in expected.items()], "scope")
        learner_drift = _learners(fix)
        return RecomputeReport(entries=LedgerEntry.objects.count(), counters=len(expected) + learner_drift[0],
                               drift=tuple(drift + learner_drift[1]))


def expected_tallies():
    """Every ``Tally`` as the ledger alone says it should be."""
    tallies = defaultdict(lambda: (0, 0, 0))
    counted = LedgerEntry.objects.filter(outcome=Outcome.COUNTED)
    sums = {"n": Count("pk"), "p": Sum("points"), "k": Sum("kopecks")}
    total = counted.aggregate(**sums)
    tallies[TOTAL] = (total["n"], total["p"] or 0, total["k"] or 0)
    for field, scope in (("fund_id", "fund:{}"), ("purse_id", purse_scope("{}")), ("day", "day:{}")):
        for row in counted.exclude(**{f"{field}__isnull": True}).values(field).annotate(**sums).order_by():
            key = row[field].isoformat() if field == "day" else row[field]
            tallies[scope.format(key)] = (row["n"], row["p"], row["k"])
    for scope, (actions, points, kopecks) in list(tallies.items()):
        if scope.startswith("day:"):
            month = f"month:{scope[4:11]}"
            tallies[month] = tuple(map(sum, zip(tallies[month], (actions, points, kopecks), strict=True)))
    for field, model in (("campaign_kopecks", LedgerEntry), ("kopecks", Overflow)):
        rows = (model.objects.exclude(campaign__isnull=True).values("campaign_id")
                .annotate(n=Count("pk"), k=Sum(field)).order_by())
        for row in rows:
            scope = campaign_scope(row["campaign_id"])
            actions, _points, kopecks = tallies[scope]
            tallies[scope] = (actions + row["n"], 0, kopecks + row["k"])
    for row in LedgerEntry.objects.values("outcome").annotate(n=Count("pk")).order_by():
        tallies[f"outcome:{row['outcome']}"] = (row["n"], 0, 0)
    funded = Campaign.objects.filter(status=Campaign.Status.FUNDED).count()
    if funded:
        tallies["funded"] = (funded, 0, 0)
    return dict(tallies)


def _overwrite(model, rows, key):
    """Insert ``rows`` or overwrite their counts; MySQL names no conflict target (it uses the primary key)."""
    target = {"unique_fields": [key]} if connection.features.supports_update_conflicts_with_target else {}
    model.objects.bulk_create(rows, update_conflicts=True, update_fields=list(FIELDS), **target)


def _compare(expected, stored, fields):
    drift = []
    for scope in sorted(set(expected) | set(stored), key=str):
        want = expected.get(scope, (0,) * len(fields))
        have = stored.get(scope, (0,) * len(fields))
        drift += [Drift(scope=str(scope), field=field, stored=h, expected=w)
                  for field, h, w in zip(fields, have, want, strict=True) if h != w]
    return drift


def _learners(fix):
    """Compare each learner's totals, a range of user ids at a time; returns (counters compared, drift)."""
    bounds = [LedgerEntry.objects.exclude(user_id__isnull=True).aggregate(low=Min("user_id"), high=Max("user_id")),
              LearnerTally.objects.aggregate(low=Min("user_id"), high=Max("user_id"))]
    lows = [bound["low"] for bound in bounds if bound["low"] is not None]
    if not lows:
        return 0, []
    counters, drift = 0, []
    for start in range(min(lows), max(bound["high"] for bound in bounds if bound["high"] is not None) + 1,
                       USERS_PER_STEP):
        users = {"user_id__gte": start, "user_id__lt": start + USERS_PER_STEP}
        expected = {row["user_id"]: (row["n"], row["p"], row["k"]) for row in LedgerEntry.objects.filter(
            outcome=Outcome.COUNTED, **users).values("user_id").annotate(
            n=Count("pk"), p=Sum("points"), k=Sum("kopecks")).order_by()}
        stored = {row[0]: tuple(row[1:]) for row in
                  LearnerTally.objects.filter(**users).values_list("user_id", *FIELDS)}
        found = _compare(expected, stored, FIELDS)
        counters += len(expected)
        drift += [Drift(scope=f"learner:{item.scope}", field=item.field, stored=item.stored, expected=item.expected)
                  for item in found]
        if fix and found:
            LearnerTally.objects.filter(**users).exclude(user_id__in=list(expected)).delete()
            _overwrite(LearnerTally, [LearnerTally(user_id=user_id, actions=a, points=p, kopecks=k)
                                      for user_id, (a, p, k) in expected.items()], "user_id")
    return counters, drift
