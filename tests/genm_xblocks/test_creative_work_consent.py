"""The consent gate: a learner under 14 is graded like anyone, but published only with a guardian's consent."""
import datetime

import pytest
from django.utils import timezone

from genm_xblocks.models import GuardianConsent, Work
from genm_xblocks.signals.signals import WORK_UNPUBLISHED
from tests.samples import picture

TODAY = timezone.localdate().isoformat()
CONSENT = {"guardian_name": "Ольга Иванова", "given_on": TODAY, "agreed": True}


@pytest.fixture
def submitted(workbench, block, people, upload):
    """Masha (6-9) has handed in a work and asked for the gallery."""
    workbench.post(block, "save_draft", "masha", {"title": "Ёжик", "gallery_opt_in": True})
    upload(block, "masha", "hedgehog.png", picture())
    return workbench.post(block, "submit", "masha").json()


def test_without_consent_a_young_learners_work_waits_outside_moderation(submitted):
    assert submitted["needs_consent"] is True
    assert submitted["consent"] is None
    assert submitted["work"]["status"] == "submitted"


def test_the_consent_text_is_shown_in_the_learners_language(workbench, block, people):
    state = workbench.post(block, "get_state", "masha", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert "законный представитель" in state["consent_text"]


def test_consent_sends_the_work_to_moderation_and_is_recorded_word_for_word(workbench, block, people, submitted):
    state = workbench.post(block, "give_consent", "masha", CONSENT).json()
    assert state["work"]["status"] == "in_review"
    assert state["consent"]["guardian_name"] == "Ольга Иванова"
    assert state["consent"]["given_on"] == TODAY
    record = GuardianConsent.objects.get(user=people["masha"])
    assert record.consent_text == state["consent_text"]


def test_staff_see_the_consent_on_record(workbench, block, people, submitted):
    workbench.post(block, "give_consent", "masha", CONSENT)
    work = Work.objects.get(user=people["masha"])
    staff_view = workbench.post(block, "staff_work", "staff", {"work_id": str(work.uuid)}).json()
    assert staff_view["consent"]["guardian_name"] == "Ольга Иванова"
    assert staff_view["consent"]["consent_text"]


def test_a_work_submitted_after_consent_goes_straight_to_review(workbench, creative_block, people, upload):
    workbench.post(creative_block(), "give_consent", "masha", CONSENT)
    block = creative_block()
    workbench.post(block, "save_draft", "masha", {"title": "Кит", "gallery_opt_in": True})
    upload(block, "masha", "whale.png", picture())
    assert workbench.post(block, "submit", "masha").json()["work"]["status"] == "in_review"


def test_revoking_takes_every_work_out_of_the_gallery(workbench, block, people, submitted):
    workbench.post(block, "give_consent", "masha", CONSENT)
    Work.objects.filter(user=people["masha"]).update(status=Work.Status.PUBLISHED, published_at=timezone.now())
    heard = []
    WORK_UNPUBLISHED.connect(lambda sender, work, **kwargs: heard.append(work.uuid), weak=False,
                             dispatch_uid="test-unpublished")
    try:
        state = workbench.post(block, "revoke_consent", "masha").json()
    finally:
        WORK_UNPUBLISHED.disconnect(dispatch_uid="test-unpublished")
    assert state["consent"] is None
    assert state["work"]["status"] == "submitted"
    assert heard == [state["work"]["id"]]
    assert GuardianConsent.objects.get(user=people["masha"]).revoked_at is not None  # kept, marked revoked


def test_revoking_without_a_consent_is_a_conflict(workbench, block, people):
    assert workbench.post(block, "revoke_consent", "masha").status_code == 409


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"guardian_name", "given_on", "agreed"}),
        ({**CONSENT, "guardian_name": "Я"}, {"guardian_name"}),
        ({**CONSENT, "guardian_name": "12345"}, {"guardian_name"}),
        ({**CONSENT, "given_on": "tomorrow"}, {"given_on"}),
        ({**CONSENT, "given_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()}, {"given_on"}),
        ({**CONSENT, "given_on": "1999-12-31"}, {"given_on"}),
        ({**CONSENT, "agreed": "yes"}, {"agreed"}),
        ({**CONSENT, "agreed": False}, {"agreed"}),
    ],
)
def test_an_incomplete_consent_is_refused_field_by_field(workbench, block, people, body, fields):
    response = workbench.post(block, "give_consent", "masha", body)
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == fields
    assert not GuardianConsent.objects.exists()


def test_an_older_learner_needs_no_consent(workbench, block, people, upload):
    state = workbench.post(block, "get_state", "alyona").json()
    assert state["needs_consent"] is False
