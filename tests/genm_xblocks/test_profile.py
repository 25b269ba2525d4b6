"""The participant profile: what a learner tells us once, and the name other people see."""
import pytest
from django.test import override_settings
from django.utils import translation

from genm_xblocks import api
from genm_xblocks.signals.signals import USER_RETIRE_LMS_MISC


@pytest.mark.django_db
def test_a_new_learner_has_no_profile(learner):
    assert api.get_profile(learner) is None


@pytest.mark.django_db
def test_saving_and_reading_a_profile(learner):
    with translation.override("ru"):
        saved = api.save_profile(learner, "10-13", "RU-TA", "  Вера   Звезда ")
        read = api.get_profile(learner)
    assert saved == read
    assert read.age_group is api.AgeGroup.MIDDLE
    assert read.region_code == "RU-TA"
    assert read.region_name == "Республика Татарстан"
    assert read.nickname == "Вера Звезда"
    assert read.public_name == "Вера Звезда"
    assert read.needs_guardian_consent is True


@pytest.mark.django_db
def test_saving_again_updates_the_one_profile(learner):
    api.save_profile(learner, "6-9", "RU-MOW")
    api.save_profile(learner, "14-18", "RU-SPE", "Verochka")
    profile = api.get_profile(learner)
    assert (profile.age_group, profile.region_code, profile.nickname) == ("14-18", "RU-SPE", "Verochka")
    assert profile.needs_guardian_consent is False


@pytest.mark.django_db
def test_region_names_follow_the_language(learner):
    api.save_profile(learner, "6-9", "RU-SPE")
    with translation.override("en"):
        assert api.get_profile(learner).region_name == "Saint Petersburg"
    with translation.override("ru"):
        assert api.get_profile(learner).region_name == "Санкт-Петербург"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age_group", "region", "nickname", "bad_fields"),
    [
        ("5-8", "RU-MOW", "", {"age_group"}),
        ("", "RU-MOW", "", {"age_group"}),
        ("6-9", "RU-XX", "", {"region_code"}),
        ("6-9", "", "", {"region_code"}),
        ("6-9", "RU-MOW", "x" * 33, {"nickname"}),
        ("6-9", "RU-MOW", "call me 89161234567", {"nickname"}),
        ("6-9", "RU-MOW", "vera@example.invalid", {"nickname"}),
        ("6-9", "RU-MOW", "<b>Vera</b>", {"nickname"}),
        ("6-9", "RU-MOW", "learner", {"nickname"}),
        ("6-9", "RU-MOW", "Вера Петрова", {"nickname"}),
        ("6-9", "RU-MOW", "VERA", {"nickname"}),
        ("old", "nowhere", "a/b", {"age_group", "region_code", "nickname"}),
    ],
)
def test_bad_input_names_every_bad_field_and_saves_nothing(learner, age_group, region, nickname, bad_fields):
    with pytest.raises(api.GenmRequestError) as caught:
        api.save_profile(learner, age_group, region, nickname)
    assert set(caught.value.field_errors) == bad_fields
    assert caught.value.status == 400
    assert api.get_profile(learner) is None


@pytest.mark.django_db
def test_errors_are_translated(learner):
    with translation.override("ru"), pytest.raises(api.GenmRequestError) as caught:
        api.save_profile(learner, "6-9", "RU-XX")
    assert str(caught.value.field_errors["region_code"]) == "Выбери свой регион из списка."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "last", "nickname", "shown"),
    [
        ("Вера", "Петрова", "", "Вера П."),
        ("Вера Анна", "Петрова", "", "Вера П."),
        ("Вера", "", "", "Вера"),
        ("Вера", "Петрова", "Звезда", "Звезда"),
    ],
)
def test_public_name_never_shows_the_full_name_or_username(make_user, first, last, nickname, shown):
    user = make_user("vera_p_2014", first_name=first, last_name=last)
    api.save_profile(user, "6-9", "RU-MOW", nickname)
    profile = api.get_profile(user)
    assert profile.public_name == shown
    assert "Петрова" not in profile.public_name
    assert user.username not in profile.public_name


@pytest.mark.django_db
def test_public_name_without_any_name_is_a_neutral_label(make_user):
    user = make_user("kid2014")
    with translation.override("en"):
        api.save_profile(user, "6-9", "RU-MOW")
        assert api.get_profile(user).public_name == f"Participant #{user.pk}"


@pytest.mark.django_db
def test_consent_age_is_read_from_settings_at_call_time(learner):
    api.save_profile(learner, "14-18", "RU-MOW")
    assert api.get_profile(learner).needs_guardian_consent is False
    with override_settings(GENM_GUARDIAN_CONSENT_AGE=19):
        assert api.get_profile(learner).needs_guardian_consent is True


@pytest.mark.django_db(transaction=True)
def test_retirement_signal_forgets_the_profile(learner, other_learner):
    api.save_profile(learner, "6-9", "RU-MOW", "Звезда")
    api.save_profile(other_learner, "6-9", "RU-MOW")
    USER_RETIRE_LMS_MISC.send(sender=None, user=learner)
    assert api.get_profile(learner) is None
    assert api.get_profile(other_learner) is not None


@pytest.mark.django_db
def test_retirement_of_someone_without_a_profile_is_harmless(learner):
    api.retire_participant(learner.pk)
    USER_RETIRE_LMS_MISC.send(sender=None)
    assert api.get_profile(learner) is None
