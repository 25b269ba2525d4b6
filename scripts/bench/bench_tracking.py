"""Benchmark the charity tracking backend's cost inside the request, against event-tracking's own logger backend.

Usage (from the repository root): python scripts/bench/bench_tracking.py [--requests N]

A day of LMS traffic in miniature: 20,000 requests, each with the tracking events the LMS emits for it (a browser
event posted to /event, a problem submission with its grading events, a page of navigation), with contexts as
large as the LMS's. For every request the same events go to ``eventtracking.backends.logger.LoggerBackend``
(writing JSON lines to a file, as the LMS's ``tracking_logs`` does) and to ``CharityTrackingBackend``; the order
alternates from request to request. The backend's in-request cost is what its ``send()`` takes while the view
runs; the one Celery message it sends for a request (to an in-memory broker, through Celery's real publishing
path) leaves at ``request_finished``, after the response has gone, and is reported separately.

Exits non-zero when the backend's in-request cost is more than half the logger's, or any request sent more than
one broker message.
"""
import argparse
import logging
import logging.handlers
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import django
from django.conf import settings

if not settings.configured:
    settings.configure(INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "genm_charity"],
                       DATABASES={}, USE_TZ=True)
    django.setup()

from celery import Celery
from celery.signals import before_task_publish
from django.core.signals import request_finished, request_started

BROKER = Celery("bench_tracking", broker="memory://", set_as_current=True)
BROKER.conf.task_always_eager = False

from eventtracking.backends.logger import LoggerBackend

from genm_charity.tracking import CharityTrackingBackend

TARGET = 0.5
COURSE = "course-v1:GenM+Art+2026"


def context(user_id, rng):
    """The context the LMS's tracking middleware and contexts give every event."""
    return {
        "course_user_tags": {}, "user_id": user_id, "username": f"learner{user_id}", "course_id": COURSE,
        "org_id": "GenM", "enterprise_uuid": "", "path": "/courses/course-v1:GenM+Art+2026/xblock/…/handler/…",
        "session": f"{rng.getrandbits(128):032x}", "ip": f"10.0.{user_id % 250}.{user_id % 200}",
        "agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "host": "learn.example.ru", "referer": "https://learn.example.ru/learning/course/course-v1:GenM+Art+2026",
        "accept_language": "ru-RU,ru;q=0.9,en;q=0.8", "client_id": "1234567.7654321",
        "module": {"display_name": "Задача про цвета", "usage_key": "block-v1:GenM+Art+2026+type@problem+block@p1"},
        "asides": {},
    }


def event(name, data, user_id, rng):
    return {"name": name, "timestamp": datetime.now(UTC), "data": data, "context": context(user_id, rng)}


def requests(count, seed=20261204):
    """``count`` requests, each the list of events the LMS would emit while serving it."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        user_id = 1000 + rng.randrange(5000)
        problem = f"block-v1:GenM+Art+2026+type@problem+block@p{rng.randrange(300)}"
        video = f"{rng.randrange(200):032x}"
        kind = rng.random()
        if kind < 0.6:  # a browser event posted to /event: one event per request
            name = rng.choice(["play_video", "pause_video", "seek_video", "edx.ui.lms.link_clicked",
                               "edx.ui.lms.outline.selected", "complete_video"])
            made.append([event(name, {"id": video, "code": "html5", "currentTime": rng.random() * 300,
                                      "duration": 312.4}, user_id, rng)])
        elif kind < 0.85:  # a problem submitted: the browser's copy, the server's, grading
            correct = rng.random() < 0.5
            made.append([
                event("problem_check", f"input_{problem}_2_1=choice_{rng.randrange(4)}", user_id, rng),
                event("problem_check", {"problem_id": problem, "success": "correct" if correct else "incorrect",
                                        "attempts": rng.randrange(1, 4), "grade": int(correct), "max_grade": 1,
                                        "answers": {f"{problem}_2_1": "choice_1"},
                                        "correct_map": {f"{problem}_2_1": {"correctness": "correct" if correct
                                                                           else "incorrect", "npoints": None}},
                                        "submission": {f"{problem}_2_1": {"question": "Какой цвет тёплый?",
                                                                          "answer": "Оранжевый",
                                                                          "correct": correct}}},
                      user_id, rng),
                event("edx.grades.problem.submitted", {"problem_id": problem, "weighted_earned": int(correct),
                                                       "weighted_possible": 1}, user_id, rng),
                event("edx.grades.subsection.grade_calculated", {"subsection_id": "seq1", "percent_grade": 0.5},
                      user_id, rng),
            ])
        else:  # moving through the course
            made.append([event("edx.ui.lms.sequence.next_selected", {"current_tab": 2, "tab_count": 5},
                               user_id, rng),
                         event("edx.course.home.resume_course.clicked", {"url": "/courses/…"}, user_id, rng)])
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        return run(args.requests, Path(folder))


def run(count, folder):
    tracking_log = logging.getLogger("bench.tracking")
    handler = logging.handlers.WatchedFileHandler(folder / "tracking.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    tracking_log.addHandler(handler)
    tracking_log.setLevel(logging.INFO)
    tracking_log.propagate = False
    logger = LoggerBackend(name="bench.tracking", max_event_size=50_000)
    charity = CharityTrackingBackend()

    published = Counter()
    current = {"request": None}
    before_task_publish.connect(lambda **kwargs: published.update([current["request"]]), weak=False)

    all_requests = requests(count)
    events = sum(len(items) for items in all_requests)
    logger_seconds = send_seconds = flush_seconds = 0.0
    for number, items in enumerate(all_requests):
        current["request"] = number
        for turn in ((0, 1) if number % 2 else (1, 0)):
            if turn == 0:
                started = time.perf_counter()
                for item in items:
                    logger.send(item)
                logger_seconds += time.perf_counter() - started
            else:
                request_started.send(sender=None)
                started = time.perf_counter()
                for item in items:
                    charity.send(item)
                send_seconds += time.perf_counter() - started
                started = time.perf_counter()
                request_finished.send(sender=None)
                flush_seconds += time.perf_counter() - started
    handler.close()

    worst = max(published.values(), default=0)
    with_messages = sum(1 for value in published.values() if value)
    ratio = send_seconds / logger_seconds
    print(f"{count:,} requests, {events:,} tracking events; {with_messages:,} requests had something to count")
    print(f"event-tracking LoggerBackend: {logger_seconds / events * 1e6:.2f} µs per event")
    print(f"CharityTrackingBackend in the request: {send_seconds / events * 1e6:.2f} µs per event")
    print(f"its message at request_finished: {flush_seconds / max(with_messages, 1) * 1e6:.0f} µs per request that "
          f"had one ({flush_seconds / events * 1e6:.2f} µs per event; with it the ratio is "
          f"{(send_seconds + flush_seconds) / logger_seconds:.2f})")
    print(f"broker messages per request: at most {worst}")
    print(f"tracking/logger in-request cost ratio: {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET and worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
