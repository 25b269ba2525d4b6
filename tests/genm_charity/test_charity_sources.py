"""Every source of activity: mapped to the right kind and key, delivered through the real signals, counted once
however often it is delivered."""
import datetime
import sys
import types
from types import SimpleNamespace

import pytest
from django.db.models.signals import post_save
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CertificateData,
    CourseData,
    CourseEnrollmentData,
    CoursePassingStatusData,
    UserData,
    UserPersonalData,
)
from openedx_events.learning.signals import (
    CERTIFICATE_CREATED,
    COURSE_ENROLLMENT_CREATED,
    COURSE_PASSING_STATUS_UPDATED,
)

from genm_charity import api, sources
from genm_charity.models import LedgerEntry
from genm_charity.signals import handlers, signals
from genm_xblocks.api import (
    WORK_LIKED,
    WORK_PUBLISHED,
    WORK_SUBMITTED,
    WORK_UNLIKED,
    WORK_WON,
    LikeData,
    WorkData,
    WorkStatus,
)

COURSE = "course-v1:GenM+Art+2026"
WHEN = datetime.datetime(2026, 12, 10, 9, 0, tzinfo=datetime.UTC)
WORK_UUID = "0c7a1e47-5bd6-4b5e-9df3-2a8a5e51c001"
USAGE = "block-v1:GenM+Art+2026+type@problem+block@p1"


def work(user_id=7, uuid=WORK_UUID):
    return WorkData(uuid=uuid, user_id=user_id, course_key=COURSE, block_key="block-v1:GenM+Art+2026+type@x+block@w",
                    title="Кит", description="", status=WorkStatus.PUBLISHED, gallery_opt_in=True, is_winner=False,
                    return_reason="", submitted_at=WHEN, published_at=WHEN, age_group="6-9", region_code="RU-MOW",
                    public_name="Маша", files=(), grade=None)


def user(user_id=7):
    return UserData(id=user_id, is_active=True, pii=UserPersonalData(username=f"u{user_id}", email="u@x.invalid"))


def course():
    return CourseData(course_key=CourseKey.from_string(COURSE))


def enrollment(user_id=7):
    return CourseEnrollmentData(user=user(user_id), course=course(), mode="audit", is_active=True, creation_date=WHEN)


def passing(is_passing=True):
    return CoursePassingStatusData(is_passing=is_passing, course=course(), user=user())


def certificate():
    return CertificateData(user=user(), course=course(), mode="audit", grade="0.9", download_url="",
                           name="", current_status="downloadable")


def completion(value=1.0):
    return SimpleNamespace(user_id=7, context_key=CourseKey.from_string(COURSE), block_key=USAGE, completion=value,
                           modified=WHEN)


def tracking(name, data, user_id=7, source="server"):
    return {"name": name, "timestamp": WHEN, "data": data,
            "context": {"user_id": user_id, "course_id": COURSE, "event_source": source}}


@pytest.mark.parametrize(("activity", "kind", "key"), [
    (sources.work_submitted(work()), "work_submitted", f"work_submitted:{WORK_UUID}"),
    (sources.work_published(work()), "work_published", f"work_published:{WORK_UUID}"),
    (sources.like_given(LikeData(work_uuid=WORK_UUID, user_id=9, course_key=COURSE, liked_at=WHEN)),
     "like_given", f"like_given:9:{WORK_UUID}"),
    (sources.contest_won(work(), "Гран-при"), "contest_won", f"contest_won:{WORK_UUID}:Гран-при"),
    (sources.course_enrolled(enrollment()), "course_enrolled", f"course_enrolled:7:{COURSE}"),
    (sources.course_passed(passing()), "course_passed", f"course_passed:7:{COURSE}"),
    (sources.certificate_earned(certificate()), "certificate_earned", f"certificate_earned:7:{COURSE}"),
    (sources.block_completed(completion()), "block_completed", f"block_completed:7:{USAGE}"),
    (sources.tracking_event(tracking("problem_check", {"problem_id": USAGE, "success": "correct"})),
     "problem_solved", f"problem_solved:7:{USAGE}"),
    (sources.tracking_event(tracking("complete_video", {"id": "abc123"}, source="browser")),
     "video_completed", f"video_completed:7:{COURSE}:abc123"),
    (sources.tracking_event(tracking("edx.video.completed",
                                     {"module_id": "block-v1:GenM+Art+2026+type@video+block@abc123"})),
     "video_completed", f"video_completed:7:{COURSE}:abc123"),
])
def test_each_source_maps_to_its_kind_and_key(activity, kind, key):
    assert (activity.kind, activity.key) == (kind, key)
    assert activity.user_id in (7, 9)
    assert activity.course_key == COURSE


@pytest.mark.parametrize("activity", [
    sources.course_passed(passing(is_passing=False)),
    sources.block_completed(completion(0.5)),
    sources.tracking_event(tracking("problem_check", {"problem_id": USAGE, "success": "incorrect"})),
    sources.tracking_event(tracking("problem_check", "input_p1=42", source="browser")),  # the browser's copy
    sources.tracking_event(tracking("problem_check", {"problem_id": USAGE, "success": "correct"}, user_id=None)),
    sources.tracking_event(tracking("problem_check", {"problem_id": USAGE, "success": "correct"}, user_id="")),
    sources.tracking_event(tracking("complete_video", {})),
    sources.tracking_event(tracking("play_video", {"id": "abc123"})),
])
def test_what_is_not_an_accomplished_action_maps_to_nothing(activity):
    assert activity is None


def test_openedx_event_times_come_from_the_event_metadata():
    metadata = SimpleNamespace(time=WHEN)
    assert sources.course_passed(passing(), metadata).occurred_at == WHEN
    assert sources.course_enrolled(enrollment()).occurred_at == WHEN


# ---------------------------------------------------------------------------------- through the real signals
DELIVERIES = {
    "work_submitted": lambda: WORK_SUBMITTED.send(sender=WorkData, work=work()),
    "work_published": lambda: WORK_PUBLISHED.send(sender=WorkData, work=work()),
    "contest_won": lambda: WORK_WON.send(sender=WorkData, work=work(), award="Гран-при"),
    "like_given": lambda: WORK_LIKED.send(sender=LikeData, like=LikeData(work_uuid=WORK_UUID, user_id=7,
                                                                        course_key=COURSE, liked_at=WHEN)),
    "course_enrolled": lambda: COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment()),
    "course_passed": lambda: COURSE_PASSING_STATUS_UPDATED.send_event(course_passing_status=passing()),
    "certificate_earned": lambda: CERTIFICATE_CREATED.send_event(certificate=certificate()),
    "block_completed": lambda: post_save.send(sender=signals.BLOCK_COMPLETION, instance=completion(), created=True),
}


@pytest.mark.parametrize("kind", sorted(DELIVERIES))
def test_each_signal_reaches_the_ledger_once_however_often_it_is_delivered(charity, kind,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        DELIVERIES[kind]()
    assert len(callbacks) == 1  # the receiver only queued the activity, to run after the commit
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.user_id, entry.course_key) == (kind, 7, COURSE)
    totals = api.totals()
    with django_capture_on_commit_callbacks(execute=True):
        DELIVERIES[kind]()
        DELIVERIES[kind]()
    assert LedgerEntry.objects.count() == 1
    assert api.totals() == totals
    assert totals.actions == 1


def test_a_receiver_queues_nothing_until_the_transaction_commits(charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        DELIVERIES["work_submitted"]()
    assert len(callbacks) == 1
    assert not LedgerEntry.objects.exists()


def test_a_payload_that_is_no_action_queues_nothing(charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        COURSE_PASSING_STATUS_UPDATED.send_event(course_passing_status=passing(is_passing=False))
        post_save.send(sender=signals.BLOCK_COMPLETION, instance=completion(0.0), created=True)
        post_save.send(sender=signals.BLOCK_COMPLETION, instance=completion(), created=True, raw=True)
    assert callbacks == []


def test_other_models_saving_never_reach_the_completion_receiver(charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        api.add_fund("arfa", "Арфа")
    assert callbacks == []


def test_a_like_toggled_many_times_counts_once(charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in range(3):  # liked, un-liked, liked again...: the gallery sends a new LikeData each time
            like = LikeData(work_uuid=WORK_UUID, user_id=9, course_key=COURSE,
                            liked_at=WHEN + datetime.timedelta(minutes=minutes))
            WORK_LIKED.send(sender=LikeData, like=like)
            WORK_UNLIKED.send(sender=LikeData, like=like)
    assert LedgerEntry.objects.filter(kind="like_given").count() == 1
    assert api.contribution(9).actions == 1


def test_without_edx_completion_the_receiver_waits_for_a_class_nothing_saves():
    assert signals.BLOCK_COMPLETION is signals.CompletionNotInstalled


def test_with_edx_completion_the_receiver_is_connected_to_its_model(monkeypatch):
    model = type("BlockCompletion", (), {})
    monkeypatch.setitem(sys.modules, "completion", types.ModuleType("completion"))
    monkeypatch.setitem(sys.modules, "completion.models", types.SimpleNamespace(BlockCompletion=model))
    monkeypatch.setattr(signals.apps, "is_installed", lambda label: label == "completion")
    assert signals._block_completion() is model  # pylint: disable=protected-access


def test_every_receiver_is_declared_in_signals_config():
    from genm_charity.apps import GenmCharityConfig

    receivers = GenmCharityConfig.plugin_app["signals_config"]["lms.djangoapp"]["receivers"]
    declared = {receiver["receiver_func_name"] for receiver in receivers}
    assert declared == {"work_submitted", "work_published", "like_given", "contest_won", "course_enrolled",
                        "course_passed", "certificate_earned", "block_completed", "retire_learner"}
    assert all(callable(getattr(handlers, name)) for name in declared)
