"""The ledger: record each action once, decide what it earns, and keep every counter exact in the same transaction.

A batch is one transaction that first locks the ``total`` counter row, so batches from any number of workers take
turns: a key recorded by one batch is seen by every later one, and caps, the purse and a campaign's goal are
checked against numbers nobody else is changing. The unique key on the entries is the backstop: a writer that got
past the lock would fail and roll back (its Celery task retries), never count twice.

Per action, in this order: no rule for its kind, or a staff/test account where the rule says so -> ``excluded``;
the learner's daily cap for the kind reached -> ``capped``; nothing left in the purse of its day ->
``purse_exhausted``; otherwise ``counted`` for points x point value, the last one of a purse paid only what is left.
Counted money goes down the fund's queue of campaigns (``campaigns.Queue``).

The daily cap is checked against the ledger itself: an index on (learner, day, outcome, kind) makes counting a
learner's counted actions of a day a short index range, at most the cap long.

This is the hot path of ingestion, so the reads and writes are plain SQL over whole batches.
"""
import contextlib
import re
import zoneinfo
from collections import defaultdict
from contextlib import contextmanager
from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from . import counters
from . import rules as rules_module
from .campaigns import Queue, campaign_scope, settle
from .conf import setting
from .data import Outcome, RecordResult
from .models import LedgerEntry, Overflow, Purse, Tally
from .purses import purse_scope

TOTAL = "total"
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")
ENTRY_COLUMNS = ("key", "user_id", "kind", "course_key", "occurred_at", "day", "recorded_at", "outcome", "points",
                 "kopecks", "rule_set_id", "fund_id", "purse_id", "campaign_id", "campaign_kopecks")
COUNTED, CAPPED, EXHAUSTED, EXCLUDED = (str(outcome) for outcome in Outcome)
ROWS_PER_INSERT = 1000  # SQLite binds at most 32,766 values a statement


@contextmanager
def locked():
    """A transaction that holds the ledger's lock: the only place entries and counters are written."""
    with transaction.atomic():
        if not Tally.objects.select_for_update().filter(scope=TOTAL).exists():
            _create_lock_row()
            Tally.objects.select_for_update().filter(scope=TOTAL).exists()
        yield


def _create_lock_row():
    """The very first batch creates the row everyone locks; two first batches at once both end up locking it."""
    with contextlib.suppress(IntegrityError), transaction.atomic():
        Tally.objects.create(scope=TOTAL)


def record(activities):
    """
    Record ``activities`` (an iterable of :class:`~genm_charity.data.Activity`), each at most once ever.

    Returns:
        RecordResult: how many got each outcome, how many were seen before, and the kopecks counted.
    """
    batch = {}
    given = 0
    for activity in activities:
        given += 1
        batch.setdefault(activity.digest, activity)
    result = RecordResult(duplicates=given - len(batch))
    items = list(batch.items())
    size = setting("GENM_CHARITY_BATCH_SIZE")
    for start in range(0, len(items), size):
        result += _record_batch(items[start:start + size])
    return result


def _record_batch(items):
    now = timezone.now()
    with locked():
        seen = {row[0] for row in _fetch(_sql("SELECT {key} FROM {table} WHERE {key} IN ({digests})", LedgerEntry,
                                              "key", digests=_digests(digest for digest, _activity in items)))}
        fresh = sorted(((digest, activity) for digest, activity in items if digest not in seen),
                       key=lambda item: (item[1].occurred_at, item[0]))
        if not fresh:
            return RecordResult(duplicates=len(items))
        batch = _Batch(rules_module.active(), fresh, now)
        rows = [batch.convert(*item) for item in batch.items]
        _insert(LedgerEntry, ENTRY_COLUMNS, rows)
        _insert(Overflow, ("entry_id", "campaign_id", "kopecks"), batch.overflow)
        batch.write_counters()
        settle(batch.queue, now)
        return RecordResult(duplicates=len(items) - len(fresh), kopecks=batch.kopecks,
                            **{outcome: count for outcome, count in batch.outcomes.items()})


class _Purse:
    __slots__ = ("pk", "starts_on", "ends_on", "remaining")

    def __init__(self, pk, starts_on, ends_on, remaining):
        self.pk, self.starts_on, self.ends_on, self.remaining = pk, starts_on, ends_on, remaining


class _Batch:
    """What one batch needs to decide outcomes, read once under the lock, and the counters it will add."""

    def __init__(self, rules, fresh, now):
        self.rules = rules
        tz = zoneinfo.ZoneInfo(setting("GENM_CHARITY_TIME_ZONE"))
        db_tz = connection.timezone
        self.items = []
        for digest, activity in fresh:
            moment = activity.occurred_at
            self.items.append((digest, activity, moment.astimezone(tz).date(),
                               str(timezone.make_naive(moment, db_tz))))
        self.recorded_at = str(timezone.make_naive(now, db_tz))
        self.days = {item[2] for item in self.items}
        user_ids = {activity.user_id for _digest, activity, _day, _moment in self.items}
        self.excluded = self._excluded(user_ids) if rules else set()
        self.day_counts = self._day_counts(user_ids) if rules else {}
        self.purses = self._purses() if rules else []
        self.purse_of_day = {}
        self.queue = Queue.load(rules.fund_id if rules else None, now)
        self.groups = defaultdict(lambda: [0, 0, 0])  # (day, purse id) -> counted actions, points, kopecks
        self.campaigns = defaultdict(lambda: [0, 0, 0])
        self.learners = defaultdict(lambda: [0, 0, 0])
        self.overflow = []
        self.outcomes = defaultdict(int)
        self.kopecks = 0

    def _excluded(self, user_ids):
        if not self.rules.excludes_anyone:
            return set()
        accounts = list(self.rules.test_accounts)
        named = " OR {username} IN (" + ", ".join(["%s"] * len(accounts)) + ")" if accounts else ""
        sql = _sql("SELECT {id} FROM {table} WHERE {id} IN ({users}) AND ({is_staff} OR {is_superuser}"  # noqa: S608
                   + named + ")",
                   get_user_model()._meta.db_table, "id", "is_staff", "is_superuser", "username",
                   users=_ints(sorted(user_ids)))
        return {row[0] for row in _fetch(sql, accounts)}

    def _day_counts(self, user_ids):
        """Each learner's counted actions per (day, kind) so far, for the batch's learners and days."""
        if not any(rule.daily_cap is not None for rule in self.rules.by_kind.values()):
            return {}
        days = sorted(connection.ops.adapt_datefield_value(day) for day in self.days)
        sql = _sql("SELECT {user_id}, {day}, {kind}, COUNT(*) FROM {table} WHERE {user_id} IN ({users}) "
                   "AND {day} IN ({days}) AND {outcome} = %s GROUP BY {user_id}, {day}, {kind}",
                   LedgerEntry, "user_id", "day", "kind", "outcome", users=_ints(sorted(user_ids)),
                   days=["%s"] * len(days))
        return {(user_id, day if isinstance(day, date) else date.fromisoformat(day), kind): count
                for user_id, day, kind, count in _fetch(sql, [*days, COUNTED])}

    def _purses(self):
        first, last = min(self.days), max(self.days)
        purses = list(Purse.objects.filter(starts_on__lte=last, ends_on__gte=first).order_by("starts_on")
                      .values_list("pk", "starts_on", "ends_on", "budget_kopecks"))
        spent = dict(Tally.objects.filter(scope__in=[purse_scope(pk) for pk, *_rest in purses])
                     .values_list("scope", "kopecks"))
        return [_Purse(pk, starts_on, ends_on, max(budget - spent.get(purse_scope(pk), 0), 0))
                for pk, starts_on, ends_on, budget in purses]

    def _purse_for(self, day):
        if day not in self.purse_of_day:
            self.purse_of_day[day] = next((purse for purse in self.purses
                                           if purse.starts_on <= day <= purse.ends_on), None)
        return self.purse_of_day[day]

    def convert(self, digest, activity, day, moment):
        """Decide one action's outcome and money, note the counters it moves, and return its ledger row."""
        user_id, kind, rules = activity.user_id, str(activity.kind), self.rules
        rule = rules.by_kind.get(kind) if rules else None
        points = kopecks = campaign_kopecks = 0
        purse_id = fund_id = campaign_id = None
        if rule is None or (not rule.count_staff and user_id in self.excluded):
            outcome = EXCLUDED
        elif rule.daily_cap is not None and self.day_counts.get((user_id, day, kind), 0) >= rule.daily_cap:
            outcome = CAPPED
        else:
            value = rule.points * rules.point_value_kopecks
            purse = self._purse_for(day)
            purse_id = purse.pk if purse else None
            if value and (purse is None or purse.remaining == 0):
                outcome = EXHAUSTED
            else:
                outcome = COUNTED
                points, fund_id = rule.points, rules.fund_id
                if value:
                    kopecks = min(value, purse.remaining)
                    purse.remaining -= kopecks
                    campaign_id, campaign_kopecks = self._allocate(digest, kopecks)
                self._count(user_id, day, kind, purse_id, points, kopecks)
        self.outcomes[outcome] += 1
        return (digest, user_id, kind, activity.course_key, moment, day, self.recorded_at, outcome, points,
                kopecks, rules.rule_set_id if rules else None, fund_id, purse_id, campaign_id, campaign_kopecks)

    def _allocate(self, digest, kopecks):
        """Send the money down the queue; returns the first campaign's share, records the overflow of the rest."""
        campaign_id, campaign_kopecks = None, 0
        for index, (target, part) in enumerate(self.queue.allocate(kopecks)):
            if target is None:
                continue
            tally = self.campaigns[target]
            tally[0] += 1
            tally[2] += part
            if index == 0:
                campaign_id, campaign_kopecks = target, part
            else:
                self.overflow.append((digest, target, part))
        return campaign_id, campaign_kopecks

    def _count(self, user_id, day, kind, purse_id, points, kopecks):
        for tally in (self.groups[(day, purse_id)], self.learners[user_id]):
            tally[0] += 1
            tally[1] += points
            tally[2] += kopecks
        key = (user_id, day, kind)
        self.day_counts[key] = self.day_counts.get(key, 0) + 1
        self.kopecks += kopecks

    def tallies(self):
        """Every ``Tally`` this batch adds to, by scope."""
        tallies = defaultdict(lambda: [0, 0, 0])
        fund = f"fund:{self.rules.fund_id}" if self.rules else None
        for (day, purse_id), amounts in self.groups.items():
            scopes = [TOTAL, fund, f"day:{day.isoformat()}", f"month:{day:%Y-%m}"]
            if purse_id is not None:
                scopes.append(purse_scope(purse_id))
            for scope in scopes:
                tallies[scope] = [have + add for have, add in zip(tallies[scope], amounts, strict=True)]
        for campaign_id, amounts in self.campaigns.items():
            tallies[campaign_scope(campaign_id)] = amounts
        for outcome, count in self.outcomes.items():
            tallies[f"outcome:{outcome}"] = [count, 0, 0]
        if self.queue.funded:
            tallies["funded"] = [len(self.queue.funded), 0, 0]
        return tallies

    def write_counters(self):
        counters.add_tallies(self.tallies())
        counters.add_learners(self.learners)


def _sql(template, model_or_table, *names, **lists):
    """``template`` with quoted table/column names and each list of ``lists`` written out as SQL literals.

    Only whole numbers and hex digests are ever written out, which cannot carry SQL; building these lists here
    instead of binding thousands of parameters keeps the driver's escaping off the hot path.
    """
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    quote = connection.ops.quote_name
    return template.format(table=quote(table), **{name: quote(name) for name in names},
                           **{name: ", ".join(values) for name, values in lists.items()})


def _ints(values):
    return [str(int(value)) for value in values]


def _digests(values):
    values = list(values)
    for value in values:
        if not HEX_DIGEST.fullmatch(value):
            raise ValueError(f"not a SHA-256 hex digest: {value!r}")
    return [f"'{value}'" for value in values]


def _fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _insert(model, columns, rows):
    """A plain multi-row INSERT: under the lock these keys are known to be new."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start:start + ROWS_PER_INSERT]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {', '.join([placeholder] * len(chunk))}",  # noqa: S608
                           [value for row in chunk for value in row])
