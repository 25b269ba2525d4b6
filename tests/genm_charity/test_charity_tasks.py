"""The Celery tasks: late acknowledgement, redelivery on a lost worker, and idempotent effects."""
import pytest

from genm_charity import api, tasks
from tests.genm_charity.factories import act


def test_the_ledger_task_is_acknowledged_late_and_requeued_when_its_worker_dies():
    for task in (tasks.record_activities, tasks.retire_learner):
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True


def test_running_the_same_message_twice_counts_once(charity):
    message = [activity.to_message() for activity in (act("work_submitted", 1), act("like_given", 2))]
    tasks.record_activities.delay(message)
    totals = api.totals()
    tasks.record_activities.delay(message)
    assert api.totals() == totals
    assert totals.actions == 2


def test_a_message_survives_the_trip_through_json(charity):
    activity = act("problem_solved", 5, "block-v1:GenM+Art+2026+type@problem+block@p1")
    assert api.Activity.from_message(activity.to_message()) == activity


def test_a_malformed_message_is_refused_not_retried(charity):
    with pytest.raises(ValueError):
        tasks.record_activities.delay([["key", "not_a_kind", 1, "", "2026-12-10T09:00:00+00:00"]])


def test_the_public_enqueue_sends_one_message_that_names_no_one_in_its_printable_form(charity, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.record_activities, "apply_async", lambda args, **options: sent.append((args, options)))
    api.enqueue_activities([act("like_given", user) for user in range(5)])
    assert len(sent) == 1
    (messages,), options = sent[0]
    assert len(messages) == 5
    assert options == {"argsrepr": "[5 activities]"}
