"""The event-tracking backend: registered additively, filters in the request, at most one message per request."""
import datetime
import sys
import types

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from edx_django_utils.plugins import add_plugins
from kombu.exceptions import OperationalError

from genm_charity import tasks, tracking
from genm_charity.models import LedgerEntry
from genm_charity.tracking import CharityTrackingBackend

COURSE = "course-v1:GenM+Art+2026"
WHEN = datetime.datetime(2026, 12, 10, 9, 0, tzinfo=datetime.UTC)


def event(name, data, user_id=7):
    return {"name": name, "timestamp": WHEN, "data": data, "context": {"user_id": user_id, "course_id": COURSE}}


def solved(problem, user_id=7):
    return event("problem_check", {"problem_id": f"block-v1:GenM+Art+2026+type@problem+block@{problem}",
                                   "success": "correct"}, user_id)


NOISE = [event("play_video", {"id": "v1"}), event("edx.ui.lms.link_clicked", {}), event("pause_video", {}),
         event("problem_check", "input_p1=1"), event("problem_check", {"problem_id": "p", "success": "incorrect"})]


@pytest.fixture
def messages(monkeypatch):
    """Every Celery message the backend sends, still delivered (eagerly) so the ledger records them."""
    sent = []
    original = tasks.record_activities.apply_async

    def apply_async(args, **options):
        sent.append(args[0])
        return original(args, **options)

    monkeypatch.setattr(tasks.record_activities, "apply_async", apply_async)
    return sent


@pytest.fixture
def backend():
    """The backend, with the test's database connection kept open through the simulated requests (Django's test
    client does the same: ``close_old_connections`` would end the test's transaction)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield CharityTrackingBackend()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
    tracking._request.pending = None  # pylint: disable=protected-access  (a failed test must not leak a buffer)


def request(*events, backend):
    request_started.send(sender=None)
    for item in events:
        backend.send(item)
    request_finished.send(sender=None)


def test_a_request_sends_at_most_one_message_however_many_events(charity, backend, messages):
    request(*NOISE, solved("p1"), solved("p2"), event("complete_video", {"id": "v9"}), solved("p1"), *NOISE,
            backend=backend)
    assert len(messages) == 1
    assert len(messages[0]) == 4
    assert sorted(LedgerEntry.objects.values_list("kind", flat=True)) == ["problem_solved"] * 2 + ["video_completed"]


def test_a_request_with_nothing_to_count_sends_nothing(charity, backend, messages):
    request(*NOISE, backend=backend)
    request(backend=backend)
    assert messages == []


def test_nothing_leaves_before_the_request_ends(charity, backend, messages):
    request_started.send(sender=None)
    backend.send(solved("p1"))
    assert messages == [] and not LedgerEntry.objects.exists()
    request_finished.send(sender=None)
    assert len(messages) == 1


def test_a_request_that_never_finished_loses_nothing(charity, backend, messages):
    request_started.send(sender=None)
    backend.send(solved("p1"))
    request(solved("p2"), backend=backend)  # the next request starts before the first one said it finished
    assert [len(batch) for batch in messages] == [1, 1]
    assert LedgerEntry.objects.count() == 2


def test_outside_a_request_each_activity_leaves_at_once(charity, backend, messages):
    backend.send(solved("p1"))
    backend.send(NOISE[0])
    assert len(messages) == 1
    assert LedgerEntry.objects.count() == 1


def test_solving_a_problem_again_counts_the_first_time_only(charity, backend, messages):
    request(solved("p1"), backend=backend)
    request(solved("p1"), solved("p1"), backend=backend)
    assert LedgerEntry.objects.count() == 1
    assert len(messages) == 2  # sent, and recognised by the ledger as seen


def test_when_the_broker_refuses_the_activities_are_recorded_in_the_process(charity, backend, monkeypatch):
    def refuse(args, **options):
        raise OperationalError("broker down")

    monkeypatch.setattr(tasks.record_activities, "apply_async", refuse)
    request(solved("p1"), solved("p2"), backend=backend)
    assert LedgerEntry.objects.count() == 2


def test_plugin_settings_add_the_backend_next_to_the_platforms_own():
    module = types.ModuleType("genm_fake_lms_envs")
    module.EVENT_TRACKING_BACKENDS = {"tracking_logs": {"ENGINE": "track.backends.logger.LoggerBackend"}}
    sys.modules[module.__name__] = module
    try:
        add_plugins(module.__name__, "lms.djangoapp", "common")
        assert set(module.EVENT_TRACKING_BACKENDS) == {"tracking_logs", "genm_charity"}
        engine = module.EVENT_TRACKING_BACKENDS["genm_charity"]["ENGINE"]
        assert engine == "genm_charity.tracking.CharityTrackingBackend"
        module.EVENT_TRACKING_BACKENDS["genm_charity"] = {"ENGINE": "operator.Own"}
        add_plugins(module.__name__, "lms.djangoapp", "production")
        assert module.EVENT_TRACKING_BACKENDS["genm_charity"] == {"ENGINE": "operator.Own"}
    finally:
        del sys.modules[module.__name__]


def test_event_tracking_builds_the_backend_from_settings_and_routes_events_to_it(charity, settings, messages,
                                                                                backend):
    django_tracker = pytest.importorskip("eventtracking.django.django_tracker")
    settings.EVENT_TRACKING_BACKENDS = {
        "logger": {"ENGINE": "eventtracking.backends.logger.LoggerBackend", "OPTIONS": {"name": "genm.test"}},
        "genm_charity": {"ENGINE": "genm_charity.tracking.CharityTrackingBackend", "OPTIONS": {}},
    }
    settings.EVENT_TRACKING_PROCESSORS = []
    tracker = django_tracker.DjangoTracker()
    request_started.send(sender=None)
    with tracker.context("request", {"user_id": 7, "course_id": COURSE}):
        tracker.emit("problem_check", {"problem_id": "block-v1:GenM+Art+2026+type@problem+block@p1",
                                       "success": "correct"})
        tracker.emit("play_video", {"id": "v1"})
        tracker.emit("complete_video", {"id": "v1"})
    request_finished.send(sender=None)
    assert len(messages) == 1
    assert sorted(LedgerEntry.objects.values_list("kind", flat=True)) == ["problem_solved", "video_completed"]
