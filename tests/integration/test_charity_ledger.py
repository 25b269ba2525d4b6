"""The ledger on Open edX's production stack: MariaDB, Redis and real Celery workers in their own processes.

Eight producer processes send 25,000 activities each through the public API, 30% of them with keys other
processes send too, to three workers that write concurrently; then a worker is killed with SIGKILL in the middle
of a batch and a new one finishes the work. Every time the totals must be exactly what the distinct activities
are worth under the caps and the purse: nothing lost, nothing counted twice, the purse never exceeded.
"""
import os
import random
import signal
import subprocess
import sys
import time
import uuid
import zoneinfo
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count, Sum
from kombu import Connection

from genm_charity import api, tasks
from genm_charity.models import Campaign, LedgerEntry, Overflow, Tally

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, PER_PROCESS, OVERLAP = 8, 25_000, 0.3
SHARED_KEYS = 15_000
LEARNERS = 2_000
MESSAGE = 500
RULES = {"like_given": (1, 5), "work_submitted": (20, 3), "block_completed": (1, 50), "problem_solved": (2, None)}
POINT_VALUE = 50
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
DECEMBER = datetime(2026, 12, 1, tzinfo=UTC)

PRODUCER = """
import sys
import django
django.setup()
from genm_charity import api
from tests.integration.test_charity_ledger import MESSAGE, activities_for
activities = activities_for(int(sys.argv[1]))
for start in range(0, len(activities), MESSAGE):
    api.enqueue_activities(activities[start:start + MESSAGE])
"""


def _activity(rng, label):
    kind = rng.choice(list(RULES))
    moment = DECEMBER + timedelta(seconds=rng.randrange(30 * 24 * 3600))
    return api.Activity.of(kind, 1000 + rng.randrange(LEARNERS), "course-v1:GenM+Art+2026", moment, label)


def activities_for(process):
    """What producer ``process`` sends: its own actions, and 30% drawn from a pool every producer draws from."""
    rng = random.Random(1000 + process)
    made = []
    for number in range(PER_PROCESS):
        if rng.random() < OVERLAP:
            shared = rng.randrange(SHARED_KEYS)
            made.append(_activity(random.Random(shared), f"shared-{shared}"))
        else:
            made.append(_activity(rng, f"p{process}-{number}"))
    return made


def worth(activities):
    """What distinct ``activities`` earn with the caps and no purse: the most any purse could be asked for."""
    distinct = {activity.key: activity for activity in activities}
    groups = Counter((a.user_id, a.occurred_at.astimezone(MOSCOW).date(), str(a.kind)) for a in distinct.values())
    total = 0
    for (_user, _day, kind), count in groups.items():
        points, cap = RULES[kind]
        total += min(count, cap or count) * points * POINT_VALUE
    return len(distinct), total


def set_up(budget, goals):
    api.add_fund("sistema", "Фонд «Система»")
    api.create_rules(api.RulesSpec(fund_slug="sistema", point_value_kopecks=POINT_VALUE, rules=tuple(
        api.RuleSpec(kind=kind, points=points, daily_cap=cap) for kind, (points, cap) in RULES.items())),
        activate=True)
    api.add_purse("Декабрь 2026", date(2026, 12, 1), date(2026, 12, 31), budget)
    return [api.add_campaign("sistema", f"Ребёнок {n}", "лечение", goal) for n, goal in enumerate(goals)]


def start_worker(name, queues="celery"):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "genm_demo.integration_settings", "PYTHONPATH": str(ROOT),
           "GENM_MYSQL_DB": settings.DATABASES["default"]["NAME"]}
    log = open(ROOT / "var" / f"celery-{name}.log", "w")  # noqa: SIM115  closed by stop_worker
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "genm_demo.celery", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-heartbeat", "--without-mingle", "--without-gossip", "-Q", queues, "-n", f"{name}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker.log = log
    from genm_demo.celery import APP  # pylint: disable=import-outside-toplevel

    deadline = time.monotonic() + 60
    while not any(name in reply for answer in (APP.control.ping(timeout=0.5) or []) for reply in answer):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            log.close()
            pytest.fail(f"worker {name} did not start: " + Path(log.name).read_text()[-3000:])
    return worker


def stop_worker(worker):
    if worker.poll() is None:
        worker.terminate()
        worker.wait(timeout=60)
    worker.log.close()


def wait_for_entries(expected, seconds):
    """Until the ledger holds ``expected`` entries (or it stops growing for long), returning how many it has."""
    deadline, last, still = time.monotonic() + seconds, -1, time.monotonic()
    while time.monotonic() < deadline:
        count = LedgerEntry.objects.count()
        if count == expected:
            return count
        if count != last:
            last, still = count, time.monotonic()
        elif time.monotonic() - still > 60:
            break
        time.sleep(0.5)
    return LedgerEntry.objects.count()


def assert_exact(distinct, budget, demand, campaigns, goals):
    """The ledger holds every distinct action once and the money is exactly what the rules, caps and purse allow."""
    paid = min(budget, demand)
    assert LedgerEntry.objects.count() == distinct
    outcomes = dict(LedgerEntry.objects.values_list("outcome").annotate(n=Count("pk")))
    assert sum(outcomes.values()) == distinct
    assert outcomes.get("excluded", 0) == 0
    counted = LedgerEntry.objects.filter(outcome="counted").aggregate(k=Sum("kopecks"))["k"]
    assert counted == paid
    assert api.totals().kopecks == paid
    spent = Tally.objects.filter(scope__startswith="purse:").get().kopecks
    assert spent == paid <= budget
    for kind, (_points, cap) in RULES.items():
        if cap:
            over = (LedgerEntry.objects.filter(outcome="counted", kind=kind).values("user_id", "day")
                    .annotate(n=Count("pk")).filter(n__gt=cap))
            assert not over.exists(), f"{kind} over its cap: {list(over[:3])}"
    raised = [api.campaign_progress(campaign).raised_kopecks for campaign in campaigns]
    left = paid
    for goal, got in zip(goals, raised, strict=True):
        assert got == min(goal, left)
        left -= got
    statuses = list(Campaign.objects.order_by("position").values_list("status", flat=True))
    assert statuses == ["funded" if got == goal else "open" for goal, got in zip(goals, raised, strict=True)]
    first = LedgerEntry.objects.aggregate(k=Sum("campaign_kopecks"))["k"] or 0
    assert first + (Overflow.objects.aggregate(k=Sum("kopecks"))["k"] or 0) == paid
    assert api.recompute_totals(fix=False).drift == ()


def test_eight_producers_and_three_workers_count_every_action_once(celery_worker):  # pylint: disable=unused-argument
    everything = [activity for process in range(PROCESSES) for activity in activities_for(process)]
    distinct, demand = worth(everything)
    budget = demand * 7 // 10 + 13  # the purse runs out before the month's actions do
    goals = [budget // 10, budget // 5 + 1, budget // 3 + 7, budget * 10]
    campaigns = set_up(budget, goals)
    extra = [start_worker(f"charity-{n}-{uuid.uuid4().hex[:6]}") for n in range(2)]
    try:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "genm_demo.integration_settings", "PYTHONPATH": str(ROOT),
               "GENM_MYSQL_DB": settings.DATABASES["default"]["NAME"]}
        producers = [subprocess.Popen([sys.executable, "-c", PRODUCER, str(process)], cwd=ROOT, env=env)
                     for process in range(PROCESSES)]
        assert [producer.wait(timeout=300) for producer in producers] == [0] * PROCESSES
        assert wait_for_entries(distinct, seconds=600) == distinct
    finally:
        for worker in extra:
            stop_worker(worker)
    assert distinct < PROCESSES * PER_PROCESS  # the producers did send keys in common
    assert_exact(distinct, budget, demand, campaigns, goals)


def _inside_a_batch():
    """Another connection's transaction holds row locks: a worker is inside a batch, which has not committed yet."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id <> "
                       "CONNECTION_ID() AND (trx_rows_locked > 0 OR trx_rows_modified > 0)")
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_batch_and_restarted_leaves_the_totals_exact():
    everything = [activity for process in range(2) for activity in activities_for(process)]
    distinct, demand = worth(everything)
    goals = [demand // 4, demand * 10]
    campaigns = set_up(demand, goals)
    queue = f"genm-kill-{uuid.uuid4().hex[:8]}"
    for start in range(0, len(everything), 2000):
        tasks.record_activities.apply_async(([a.to_message() for a in everything[start:start + 2000]],), queue=queue)
    worker = start_worker(f"doomed-{uuid.uuid4().hex[:6]}", queue)
    try:
        deadline = time.monotonic() + 120
        while not _inside_a_batch():
            assert time.monotonic() < deadline, "the worker never started writing"
            time.sleep(0.005)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        worker.log.close()
    time.sleep(1)  # MariaDB notices the dropped connection and rolls its batch back
    partial = LedgerEntry.objects.count()
    assert 0 <= partial < distinct
    assert api.recompute_totals(fix=False).drift == ()  # the killed batch left nothing half-written
    # The message the dead worker held was never acknowledged: once its visibility timeout passes, Redis hands it
    # out again. The test does not wait an hour: it restores what is unacknowledged now, as that timeout would.
    with Connection(settings.CELERY_BROKER_URL, transport_options={"visibility_timeout": 0}) as broker:
        broker.default_channel.qos.restore_visible(num=100)
    restarted = start_worker(f"restarted-{uuid.uuid4().hex[:6]}", queue)
    try:
        assert wait_for_entries(distinct, seconds=300) == distinct
    finally:
        stop_worker(restarted)
    assert_exact(distinct, demand, demand, campaigns, goals)


def test_recompute_repairs_counters_on_mariadb():
    set_up(10**9, [10**12])
    api.record_activities(activities_for(0)[:2000])
    totals = api.totals()
    Tally.objects.filter(scope="total").update(kopecks=1)
    from genm_charity.models import LearnerTally  # pylint: disable=import-outside-toplevel

    LearnerTally.objects.filter(user_id__in=list(LearnerTally.objects.values_list("user_id", flat=True)[:5])).update(
        actions=0)
    assert api.recompute_totals(fix=True).drift
    assert api.recompute_totals(fix=False).drift == ()
    assert api.totals() == totals
