"""Benchmark reading a campaign's progress as the ledger grows from 20,000 to 2,000,000 entries.

Usage (from the repository root): python scripts/bench/bench_totals.py [--large N]

The first 20,000 entries go through the public ingestion API; the ledger is then grown to 2,000,000 entries with
plain multi-row inserts of finished entries (the API would take minutes to get there and the reads do not care how
the rows came), and ``genm_recompute_totals``' code rebuilds every counter from it, which also times a recompute
of the whole ledger. At each size ``api.campaign_progress`` and ``api.active_campaign`` are read 2,000 times; the
figure is the median, the best of three rounds. Both must cost at most 1.2x at 2,000,000 what they cost at 20,000,
and at most two queries.

MariaDB is used when it answers at 127.0.0.1:3306 (root, empty password, or GENM_MYSQL_USER/GENM_MYSQL_PASSWORD),
in a scratch database created and dropped here; otherwise SQLite in a temporary folder.
"""
import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchdb import run_on_scratch_database

TARGET = 1.2
MAX_QUERIES = 2
SMALL = 20_000
SCRATCH_DB = "genm_bench_totals"
READS = 2000
ROUNDS = 3


def seed():
    """A fund with a queue of goals large enough never to be reached, a year's purse, rules for three kinds."""
    from genm_charity import api  # pylint: disable=import-outside-toplevel

    api.add_fund("bench", "Фонд")
    campaigns = [api.add_campaign("bench", f"Ребёнок {n}", "лечение", 10**12, position=n) for n in range(5)]
    api.add_purse("2026", date(2026, 1, 1), date(2026, 12, 31), 10**13)
    api.create_rules(api.RulesSpec(fund_slug="bench", point_value_kopecks=50, rules=(
        api.RuleSpec(kind="block_completed", points=1), api.RuleSpec(kind="like_given", points=1),
        api.RuleSpec(kind="problem_solved", points=2))), activate=True)
    return campaigns


def ingest(count):
    """``count`` activities through the public API."""
    from genm_charity import api  # pylint: disable=import-outside-toplevel

    start = datetime(2026, 3, 1, tzinfo=UTC)
    api.record_activities(api.Activity.of("block_completed", 1000 + n % 20_000, "course-v1:GenM+B+2026",
                                          start + timedelta(seconds=n), f"api-{n}") for n in range(count))


def grow(total, campaign_id):
    """Add finished entries until the ledger holds ``total``, in statements of 5,000 rows."""
    from django.db import connection, transaction  # pylint: disable=import-outside-toplevel

    from genm_charity.ledger import ENTRY_COLUMNS  # pylint: disable=import-outside-toplevel
    from genm_charity.models import Fund, LedgerEntry, Purse, RuleSet  # pylint: disable=import-outside-toplevel

    have = LedgerEntry.objects.count()
    rule_set, fund, purse = RuleSet.objects.get().pk, Fund.objects.get().pk, Purse.objects.get().pk
    names = ", ".join(connection.ops.quote_name(column) for column in ENTRY_COLUMNS)
    placeholder = "(" + ", ".join(["%s"] * len(ENTRY_COLUMNS)) + ")"
    rng = random.Random(7)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    recorded = connection.ops.adapt_datetimefield_value(datetime.now(UTC))
    for first in range(have, total, 5000):
        rows = []
        for n in range(first, min(first + 5000, total)):
            moment = start + timedelta(seconds=n * 15)
            rows.append((f"{rng.getrandbits(256):064x}", 1000 + n % 20_000, "like_given", "course-v1:GenM+B+2026",
                         connection.ops.adapt_datetimefield_value(moment), moment.date(), recorded, "counted", 1, 50,
                         rule_set, fund, purse, campaign_id, 50))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO genm_charity_ledgerentry ({names}) VALUES "  # noqa: S608
                           f"{', '.join([placeholder] * len(rows))}", [value for row in rows for value in row])


def reading_cost(campaign_id):
    """(median seconds, queries) of each read, the best of ``ROUNDS`` rounds of ``READS`` reads."""
    from django.db import connection  # pylint: disable=import-outside-toplevel
    from django.test.utils import CaptureQueriesContext  # pylint: disable=import-outside-toplevel

    from genm_charity import api  # pylint: disable=import-outside-toplevel

    reads = {"campaign_progress": lambda: api.campaign_progress(campaign_id), "active_campaign": api.active_campaign}
    costs = {}
    for name, read in reads.items():
        with CaptureQueriesContext(connection) as queries:
            read()
        query_count = len(queries)
        medians = []
        for _round in range(ROUNDS):
            times = []
            for _ in range(READS):
                started = time.perf_counter()
                read()
                times.append(time.perf_counter() - started)
            medians.append(statistics.median(times))
        costs[name] = (min(medians), query_count)
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=2_000_000)
    args = parser.parse_args()
    return run_on_scratch_database(SCRATCH_DB, run, args.large)


def run(engine, large):
    from genm_charity import api  # pylint: disable=import-outside-toplevel
    from genm_charity.models import LedgerEntry  # pylint: disable=import-outside-toplevel

    campaigns = seed()
    ingest(SMALL)
    small_entries = LedgerEntry.objects.count()
    small = reading_cost(campaigns[0])
    grow(large, campaigns[0])
    started = time.perf_counter()
    fixed = api.recompute_totals(fix=True)
    recompute_seconds = time.perf_counter() - started
    check = api.recompute_totals(fix=False)
    progress = api.campaign_progress(campaigns[0])
    large_cost = reading_cost(campaigns[0])
    print(f"database: {engine}; ledger of {small_entries:,} and then {check.entries:,} entries")
    print(f"recompute of {check.entries:,} entries: {recompute_seconds:.1f} s, set {len(fixed.drift)} counters "
          f"the bulk rows had bypassed; then drift: {len(check.drift)}")
    print(f"campaign raised {api.rubles(progress.raised_kopecks)} in {progress.actions:,} actions")
    ok = not check.drift and progress.actions == check.entries
    worst = 0.0
    for name, (small_seconds, small_queries) in small.items():
        large_seconds, large_queries = large_cost[name]
        ratio = large_seconds / small_seconds
        worst = max(worst, ratio)
        ok = ok and large_queries <= MAX_QUERIES and small_queries <= MAX_QUERIES
        print(f"{name}: {small_seconds * 1e6:.0f} µs at {small_entries:,}, {large_seconds * 1e6:.0f} µs at "
              f"{check.entries:,}; {large_queries} queries")
    print(f"progress read cost ratio {check.entries:,}/{small_entries:,} entries: {worst:.2f} "
          f"(target <= {TARGET}, at most {MAX_QUERIES} queries)")
    return 0 if ok and worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
