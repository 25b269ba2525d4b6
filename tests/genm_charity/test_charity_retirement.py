"""User retirement: the ledger forgets whose actions they were and keeps every sum they raised."""
import pytest

from genm_charity import api, tasks
from genm_charity.models import LearnerTally, LedgerEntry
from genm_charity.signals.signals import USER_RETIRE_LMS_MISC
from tests.genm_charity.factories import act


@pytest.fixture
def acted(charity, make_user):
    leaving, staying = make_user("leaving"), make_user("staying")
    actions = [act("work_submitted", leaving.pk), act("like_given", leaving.pk), act("like_given", staying.pk)]
    api.record_activities(actions)
    return leaving, staying, actions


def test_retiring_keeps_the_totals_and_forgets_the_learner(acted, django_capture_on_commit_callbacks):
    leaving, staying, actions = acted
    totals, theirs = api.totals(), api.contribution(staying.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        USER_RETIRE_LMS_MISC.send(sender=None, user=leaving)
    assert len(callbacks) == 1
    assert not LedgerEntry.objects.filter(user_id=leaving.pk).exists()
    assert LedgerEntry.objects.filter(user_id__isnull=True).count() == 2
    assert not LearnerTally.objects.filter(user_id=leaving.pk).exists()
    assert api.contribution(leaving.pk).actions == 0
    assert (api.totals(), api.contribution(staying.pk)) == (totals, theirs)
    assert api.recompute_totals(fix=False).drift == ()
    assert api.record_activities(actions[:2]).duplicates == 2  # a late replay is still recognised


def test_retiring_twice_is_harmless(acted):
    leaving = acted[0]
    tasks.retire_learner.delay(leaving.pk)
    tasks.retire_learner.delay(leaving.pk)
    assert LedgerEntry.objects.filter(user_id__isnull=True).count() == 2


def test_a_retirement_without_a_user_is_ignored(charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        USER_RETIRE_LMS_MISC.send(sender=None)
    assert callbacks == []
