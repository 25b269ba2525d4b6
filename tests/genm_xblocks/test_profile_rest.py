"""``/api/genm/v1/profile/``: a signed-in learner reads and writes their own profile, nobody else's."""
import pytest

URL = "/api/genm/v1/profile/"


def put(client, body, language="en"):
    return client.put(URL, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
def test_anonymous_visitors_are_refused(client):
    assert client.get(URL).status_code == 403
    assert put(client, {"age_group": "6-9", "region_code": "RU-MOW"}).status_code == 403


@pytest.mark.django_db
def test_a_learner_without_a_profile_is_told_what_to_do(client, learner):
    client.force_login(learner)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    assert response.json() == {"error": "Сначала укажи свою возрастную группу и регион."}


@pytest.mark.django_db
def test_a_learner_saves_and_reads_their_profile(client, learner):
    client.force_login(learner)
    response = put(client, {"age_group": "6-9", "region_code": "RU-MOW", "nickname": "Звёздочка"}, "ru")
    assert response.status_code == 200
    expected = {
        "age_group": "6-9", "region_code": "RU-MOW", "region_name": "Москва", "nickname": "Звёздочка",
        "public_name": "Звёздочка", "needs_guardian_consent": True,
    }
    assert response.json() == expected
    assert client.get(URL, HTTP_ACCEPT_LANGUAGE="ru").json() == expected


@pytest.mark.django_db
def test_one_learner_cannot_touch_another_learners_profile(client, learner, other_learner):
    client.force_login(other_learner)
    put(client, {"age_group": "14-18", "region_code": "RU-SPE"})
    client.force_login(learner)
    assert client.get(URL).status_code == 404
    put(client, {"age_group": "6-9", "region_code": "RU-MOW", "user_id": other_learner.pk})
    client.force_login(other_learner)
    assert client.get(URL).json()["region_code"] == "RU-SPE"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"age_group", "region_code"}),
        ({"age_group": "6-9"}, {"region_code"}),
        ({"age_group": "99", "region_code": "RU-MOW"}, {"age_group"}),
        ({"age_group": "6-9", "region_code": "US-CA"}, {"region_code"}),
        ({"age_group": "6-9", "region_code": "RU-MOW", "nickname": "<script>"}, {"nickname"}),
    ],
)
def test_bad_input_is_answered_with_the_fields_at_fault(client, learner, body, fields):
    client.force_login(learner)
    response = put(client, body)
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == fields
    assert client.get(URL).status_code == 404


@pytest.mark.django_db
def test_malformed_json_is_a_client_error(client, learner):
    client.force_login(learner)
    response = client.put(URL, "{not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_csrf_is_enforced_for_session_writes(csrf_client, learner):
    csrf_client.force_login(learner)
    response = put(csrf_client, {"age_group": "6-9", "region_code": "RU-MOW"})
    assert response.status_code == 403
