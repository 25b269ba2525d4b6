"""Benchmark the ledger's ingestion against the database's own limit.

Usage (from the repository root): python scripts/bench/bench_ingest.py [--activities N]

200,000 activities (20% of them repeating an earlier key, as replays and duplicate deliveries do) from 20,000
learners over one month go through the public ingestion API, ``genm_charity.api.record_activities``, in batches
of ``GENM_CHARITY_BATCH_SIZE``: every batch is one transaction that dedupes, applies rules, caps, the purse and
the campaign queue, inserts the entries and adds to every counter. The baseline inserts the same rows, already
converted, with a raw multi-row ``INSERT IGNORE`` (MariaDB) or ``INSERT ... ON CONFLICT DO NOTHING`` (SQLite) into
the same table, one statement and transaction per batch: what the database itself can take. Both run twice,
alternating, on a freshly emptied table; the best time of each counts.

MariaDB is used when it answers at 127.0.0.1:3306 (root, empty password, or GENM_MYSQL_USER/GENM_MYSQL_PASSWORD),
in a scratch database ``genm_bench`` created and dropped here; otherwise SQLite in a temporary folder.
Exits non-zero when ingestion reaches less than half the raw throughput, or when the ledger is not exact.
"""
import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchdb import run_on_scratch_database

TARGET = 0.5
SCRATCH_DB = "genm_bench"
KINDS = {  # kind: (share of the stream, points, daily cap)
    "block_completed": (35, 1, 100),
    "problem_solved": (20, 2, 50),
    "video_completed": (20, 1, 30),
    "like_given": (15, 1, 20),
    "work_submitted": (3, 10, 3),
    "course_enrolled": (3, 2, 5),
    "work_published": (2, 20, 3),
    "course_passed": (1, 50, 2),
    "certificate_earned": (1, 50, 2),
}


def seed():
    """A fund with 40 campaigns, the month's purse (spent before the month ends) and rules for every kind."""
    from django.contrib.auth import get_user_model  # pylint: disable=import-outside-toplevel

    from genm_charity import api  # pylint: disable=import-outside-toplevel

    staff = get_user_model().objects.create(username="staff", is_staff=True)
    fund = api.add_fund("bench", "Фонд")
    for position in range(40):
        api.add_campaign(fund.slug, beneficiary_name=f"Ребёнок {position}", purpose="лечение",
                         goal_kopecks=1_500_000 + 7 * position, position=position)
    api.add_purse("Декабрь", datetime(2026, 12, 1).date(), datetime(2026, 12, 31).date(), 20_000_000)
    api.create_rules(api.RulesSpec(
        fund_slug="bench", point_value_kopecks=50, test_accounts=("qa_bot",),
        rules=tuple(api.RuleSpec(kind=kind, points=points, daily_cap=cap) for kind, (_share, points, cap)
                    in KINDS.items())), activate=True)
    return staff.pk


def stream(count, staff_id, learners=20_000, duplicate_share=0.2, seed_value=20261204):
    """
    ``count`` activities in time order over December 2026, ``duplicate_share`` of them repeating a recent key;
    one in ten is a like from one of five scripted accounts (bots, held by the daily cap), one in a hundred
    comes from a staff account (excluded).
    """
    from genm_charity.data import Activity  # pylint: disable=import-outside-toplevel

    rng = random.Random(seed_value)
    kinds = [kind for kind, (share, _points, _cap) in KINDS.items() for _ in range(share)]
    start = datetime(2026, 12, 1, tzinfo=UTC)
    step = timedelta(days=30) / count
    made = []
    for index in range(count):
        if made and rng.random() < duplicate_share:
            made.append(made[rng.randrange(max(0, len(made) - 5000), len(made))])
            continue
        draw = rng.random()
        if draw < 0.1:  # a like bot
            kind, user = "like_given", 100 + rng.randrange(5)
        elif draw < 0.11:  # course staff trying things out
            kind, user = rng.choice(kinds), staff_id
        else:
            kind, user = rng.choice(kinds), 1000 + rng.randrange(learners)
        made.append(Activity.of(kind, user, f"course-v1:GenM+C{user % 7}+2026", start + step * index,
                                user, f"block-v1:GenM+C{user % 7}+2026+type@x+block@{index:08x}"))
    return made


def raw_rows(activities):
    """The same activities as finished ledger rows, for the baseline."""
    from django.db import connection  # pylint: disable=import-outside-toplevel

    from genm_charity.models import Campaign, Fund, Purse, RuleSet  # pylint: disable=import-outside-toplevel

    ops = connection.ops
    rule_set, fund = RuleSet.objects.get(is_active=True).pk, Fund.objects.get().pk
    purse, campaign = Purse.objects.get().pk, Campaign.objects.order_by("position").first().pk
    now = ops.adapt_datetimefield_value(datetime.now(UTC))
    return [(a.digest, a.user_id, str(a.kind), a.course_key, ops.adapt_datetimefield_value(a.occurred_at),
             ops.adapt_datefield_value(a.occurred_at.date()), now, "counted", 1, 50, rule_set, fund, purse,
             campaign, 50) for a in activities]


def raw_insert(rows, batch):
    """Multi-row INSERT that skips known keys, one autocommitted statement per batch."""
    from django.db import connection  # pylint: disable=import-outside-toplevel

    from genm_charity.ledger import ENTRY_COLUMNS  # pylint: disable=import-outside-toplevel

    names = ", ".join(connection.ops.quote_name(column) for column in ENTRY_COLUMNS)
    placeholder = "(" + ", ".join(["%s"] * len(ENTRY_COLUMNS)) + ")"
    if connection.vendor == "mysql":
        head, tail = "INSERT IGNORE INTO genm_charity_ledgerentry", ""
    else:
        head, tail = "INSERT INTO genm_charity_ledgerentry", ' ON CONFLICT ("key") DO NOTHING'
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            cursor.execute(f"{head} ({names}) VALUES {', '.join([placeholder] * len(chunk))}{tail}",
                           [value for row in chunk for value in row])
    return time.perf_counter() - started


def ingest(activities, batch):
    from genm_charity import api  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    result = api.RecordResult()
    for start in range(0, len(activities), batch):
        result += api.record_activities(activities[start:start + batch])
    return time.perf_counter() - started, result


def empty_ledger():
    """Back to the seeded state: no entries, counters or funded campaigns, tables emptied as if new."""
    from django.db import connection  # pylint: disable=import-outside-toplevel

    from genm_charity.models import (  # pylint: disable=import-outside-toplevel
        Campaign,
        LearnerTally,
        LedgerEntry,
        Overflow,
        Tally,
    )

    tables = [model._meta.db_table for model in (Overflow, LedgerEntry, Tally, LearnerTally)]
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
            for table in tables:
                cursor.execute(f"TRUNCATE TABLE {table}")
            cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            cursor.execute("VACUUM")
    Campaign.objects.update(status=Campaign.Status.OPEN, funded_at=None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=200_000)
    args = parser.parse_args()
    return run_on_scratch_database(SCRATCH_DB, run, args.activities)


def run(engine, count):
    from genm_charity import api  # pylint: disable=import-outside-toplevel
    from genm_charity.conf import setting  # pylint: disable=import-outside-toplevel
    from genm_charity.models import LedgerEntry  # pylint: disable=import-outside-toplevel

    staff_id = seed()
    batch = setting("GENM_CHARITY_BATCH_SIZE")
    activities = stream(count, staff_id)
    unique = len({activity.key for activity in activities})
    rows = raw_rows(activities)
    raw_times, ingest_times = [], []
    for _round in range(2):
        empty_ledger()
        raw_times.append(raw_insert(rows, batch))
        assert LedgerEntry.objects.count() == unique
        empty_ledger()
        seconds, result = ingest(activities, batch)
        ingest_times.append(seconds)
    exact = (result.recorded == unique == LedgerEntry.objects.count()
             and result.duplicates == count - unique and not api.recompute_totals(fix=False).drift)
    raw, ours = min(raw_times), min(ingest_times)
    ratio = raw / ours
    print(f"database: {engine}; {count:,} activities, {unique:,} distinct keys, batches of {batch}")
    print(f"raw INSERT {'IGNORE' if engine == 'mysql' else 'ON CONFLICT DO NOTHING'}: {raw:.2f} s "
          f"({count / raw:,.0f} rows/s)")
    print(f"ingestion API: {ours:.2f} s ({count / ours:,.0f} activities/s); counted {result.counted:,}, "
          f"capped {result.capped:,}, purse exhausted {result.purse_exhausted:,}, excluded {result.excluded:,}, "
          f"duplicates {result.duplicates:,}")
    print(f"ledger exact (entries = distinct keys, counters = ledger): {'yes' if exact else 'NO'}")
    print(f"ingest/raw insert throughput ratio: {ratio:.2f} (target >= {TARGET})")
    return 0 if exact and ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
