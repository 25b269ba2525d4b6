"""Moderation: the state machine, the publication rules and the audit trail."""
import pytest

from genm_xblocks.models import ModerationDecision, Work
from genm_xblocks.signals.signals import WORK_PUBLISHED, WORK_UNPUBLISHED

CONSENT = {"guardian_name": "Ольга Иванова", "given_on": "2026-01-15", "agreed": True}


def status(work_id):
    return Work.objects.get(uuid=work_id).status


def test_an_opted_in_work_waits_for_review_and_approval_publishes_it(workbench, gallery, people, hand_in):
    work_id = hand_in("alyona", "Закат")
    assert status(work_id) == "in_review"
    assert workbench.post(gallery, "page", "anonymous").json()["cards"] == []  # nothing public before moderation
    queue = workbench.post(gallery, "moderation", "staff").json()
    assert [item["id"] for item in queue["pending"]] == [work_id] and queue["pending_total"] == 1
    assert queue["pending"][0]["username"] == "alyona"
    heard = []
    WORK_PUBLISHED.connect(lambda sender, work, **kw: heard.append(work.uuid), weak=False, dispatch_uid="t-pub")
    try:
        assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).json()["status"] == "published"
    finally:
        WORK_PUBLISHED.disconnect(dispatch_uid="t-pub")
    assert heard == [work_id]
    cards = workbench.post(gallery, "page", "anonymous").json()["cards"]
    assert [card["id"] for card in cards] == [work_id]
    assert cards[0]["public_name"] == "Алёна С." and cards[0]["cover"]["thumbnail_url"]


def test_a_work_not_opted_in_never_reaches_the_queue(workbench, gallery, people, hand_in):
    work_id = hand_in("alyona", "Личное", gallery_opt_in=False)
    assert status(work_id) == "submitted"
    assert workbench.post(gallery, "moderation", "staff").json()["pending"] == []
    assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).status_code == 409


def test_a_young_learner_is_published_only_with_consent(workbench, gallery, block, people, hand_in):
    work_id = hand_in("masha", "Ёжик")
    assert status(work_id) == "submitted"
    assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).status_code == 409
    workbench.post(block, "give_consent", "masha", CONSENT)
    assert status(work_id) == "in_review"
    assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).status_code == 200


def test_approval_is_refused_if_consent_was_revoked_meanwhile(workbench, gallery, block, people, hand_in):
    workbench.post(block, "give_consent", "masha", CONSENT)
    work_id = hand_in("masha", "Ёжик")
    Work.objects.filter(uuid=work_id).update(status="in_review")
    from django.utils import timezone

    from genm_xblocks.models import GuardianConsent

    GuardianConsent.objects.update(revoked_at=timezone.now())
    assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).status_code == 409


def test_reject_returns_the_work_with_the_reason_and_the_learner_can_resubmit(workbench, gallery, block, people,
                                                                              hand_in):
    work_id = hand_in("alyona", "Закат")
    response = workbench.post(gallery, "reject", "staff", {"work_id": work_id, "reason_code": "personal_info",
                                                           "reason_text": "На фото видно номер школы."},
                              HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["status"] == "returned"
    state = workbench.post(block, "get_state", "alyona", HTTP_ACCEPT_LANGUAGE="en").json()
    assert state["work"]["status"] == "returned"
    assert "personal information" in state["work"]["return_reason"]
    assert "номер школы" in state["work"]["return_reason"]
    assert state["can_edit"] and state["can_submit"]
    workbench.post(block, "save_draft", "alyona", {"title": "Закат без школы", "gallery_opt_in": True})
    assert workbench.post(block, "submit", "alyona").json()["work"]["status"] == "in_review"


def test_unpublish_takes_a_published_work_down_with_a_reason(workbench, gallery, people, publish):
    work_id = publish("alyona", "Закат")
    heard = []
    WORK_UNPUBLISHED.connect(lambda sender, work, **kw: heard.append(work.uuid), weak=False, dispatch_uid="t-unp")
    try:
        response = workbench.post(gallery, "unpublish", "staff", {"work_id": work_id, "reason_code": "copied"})
    finally:
        WORK_UNPUBLISHED.disconnect(dispatch_uid="t-unp")
    assert response.json()["status"] == "returned"
    assert heard == [work_id]
    assert workbench.post(gallery, "page", "anonymous").json()["cards"] == []


@pytest.mark.parametrize(
    ("start", "action", "allowed"),
    [
        ("in_review", "approve", True), ("in_review", "reject", True), ("in_review", "unpublish", False),
        ("published", "approve", False), ("published", "reject", False), ("published", "unpublish", True),
        ("submitted", "approve", False), ("submitted", "reject", False), ("submitted", "unpublish", False),
        ("returned", "approve", False), ("returned", "reject", False), ("returned", "unpublish", False),
        ("draft", "approve", False), ("draft", "reject", False), ("draft", "unpublish", False),
    ],
)
def test_every_transition_is_allowed_or_refused_as_the_state_machine_says(workbench, gallery, people, hand_in,
                                                                          start, action, allowed):
    work_id = hand_in("alyona", "Закат")
    Work.objects.filter(uuid=work_id).update(status=start)
    response = workbench.post(gallery, action, "staff", {"work_id": work_id, "reason_code": "off_task"})
    assert response.status_code == (200 if allowed else 409), response.content
    if not allowed:
        assert status(work_id) == start
        assert not ModerationDecision.objects.filter(work__uuid=work_id).exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"reason_code": "rude"}, {"reason_code"}),
        ({}, {"reason_code"}),
        ({"reason_code": "other"}, {"reason_text"}),
        ({"reason_code": "off_task", "reason_text": "x" * 1001}, {"reason_text"}),
    ],
)
def test_a_return_needs_a_reason(workbench, gallery, people, hand_in, body, fields):
    work_id = hand_in("alyona", "Закат")
    response = workbench.post(gallery, "reject", "staff", {"work_id": work_id, **body})
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == fields
    assert status(work_id) == "in_review"


def test_every_decision_is_kept_with_who_when_what_and_why(workbench, gallery, block, people, hand_in):
    work_id = hand_in("alyona", "Закат")
    workbench.post(gallery, "reject", "staff", {"work_id": work_id, "reason_code": "off_task", "reason_text": "Тема"})
    workbench.post(block, "submit", "alyona")
    workbench.post(gallery, "approve", "staff", {"work_id": work_id})
    workbench.post(gallery, "unpublish", "staff", {"work_id": work_id, "reason_code": "copied"})
    trail = workbench.post(gallery, "decisions", "staff", {"work_id": work_id}).json()["decisions"]
    assert [(d["action"], d["moderator"], d["reason_code"], d["reason_text"]) for d in trail] == [
        ("reject", "staff", "off_task", "Тема"), ("approve", "staff", "", ""), ("unpublish", "staff", "copied", "")]
    assert all(d["created"] for d in trail)


def test_the_queue_is_oldest_first(workbench, gallery, people, hand_in, make_user):
    from genm_xblocks import api

    ids = []
    for name in ["first", "second", "third"]:
        user = make_user(name)
        api.save_profile(user, "14-18", "RU-MOW")
        ids.append(hand_in(name, name))
    assert [item["id"] for item in workbench.post(gallery, "moderation", "staff").json()["pending"]] == ids


def test_works_of_another_course_cannot_be_moderated_here(workbench, gallery, people, hand_in):
    work_id = hand_in("alyona", "Закат")
    Work.objects.filter(uuid=work_id).update(course_key="course-v1:Other+X+1")
    assert workbench.post(gallery, "approve", "staff", {"work_id": work_id}).status_code == 404


@pytest.mark.parametrize("handler", ["moderation", "approve", "reject", "unpublish", "decisions"])
@pytest.mark.parametrize("student", ["anonymous", "alyona", "masha"])
def test_moderation_is_staff_only(workbench, gallery, people, hand_in, handler, student):
    work_id = hand_in("alyona", "Закат")
    response = workbench.post(gallery, handler, student, {"work_id": work_id, "reason_code": "off_task"})
    assert response.status_code == 403
    assert status(work_id) == "in_review"
