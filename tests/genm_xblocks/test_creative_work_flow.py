"""The CreativeWork block's learner flow over HTTP, as the page calls it: profile, draft, files, submit, withdraw."""
import pytest
from submissions import api as submissions_api

from genm_xblocks.models import Work
from tests.samples import picture, wav_bytes


def test_a_new_learner_sees_an_empty_state(workbench, block, people, upload):
    response = workbench.post(block, "get_state", "alyona")
    assert response.status_code == 200
    state = response.json()
    assert state["work"] is None
    assert state["profile"]["public_name"] == "Алёна С."
    assert state["can_edit"] and state["can_submit"] and not state["can_withdraw"]
    assert state["limits"]["kinds"] == ["image", "audio"]
    assert ".png" in state["limits"]["accept"] and ".wav" in state["limits"]["accept"]
    assert ["RU-MOW", "Москва"] in state["regions"]


def test_the_whole_way_from_draft_to_grade(workbench, block, people, upload):
    state = workbench.post(block, "save_draft", "alyona",
                           {"title": "Закат", "description": "Акварель", "gallery_opt_in": True}).json()
    assert state["work"]["status"] == "draft"
    state = upload(block, "alyona", "sunset.png", picture()).json()
    assert state["work"]["files"][0]["status"] == "processing"  # re-encoding runs in Celery after the request
    image = workbench.post(block, "get_state", "alyona").json()["work"]["files"][0]
    assert image["status"] == "ready"
    assert image["kind"] == "image" and image["thumbnail_url"]
    state = upload(block, "alyona", "song.wav", wav_bytes()).json()
    assert [f["kind"] for f in state["work"]["files"]] == ["image", "audio"]
    state = workbench.post(block, "submit", "alyona").json()
    assert state["work"]["status"] == "in_review"  # 14-18: no consent needed, asked for the gallery
    assert state["can_edit"] is False and state["can_withdraw"] is True

    work = Work.objects.get(user=people["alyona"])
    submission = submissions_api.get_submission_and_student(work.submission_uuid)
    assert submission["answer"]["title"] == "Закат"
    assert [f["name"] for f in submission["answer"]["files"]] == ["sunset.png", "song.wav"]
    assert submission["student_item"]["item_type"] == "genm_creative_work"

    staff_view = workbench.post(block, "staff_work", "staff", {"work_id": str(work.uuid)}).json()
    assert staff_view["username"] == "alyona"
    graded = workbench.post(block, "grade", "staff",
                            multipart={"work_id": str(work.uuid), "points": "8", "feedback": "Очень красиво!"})
    assert graded.status_code == 200
    assert graded.json()["work"]["grade"]["points"] == 8
    score = submissions_api.get_score(submission["student_item"])
    assert (score["points_earned"], score["points_possible"]) == (8, 10)
    learner = workbench.post(block, "get_state", "alyona").json()
    assert learner["work"]["grade"] == {**learner["work"]["grade"], "points": 8, "max_points": 10,
                                        "feedback": "Очень красиво!"}
    assert learner["can_withdraw"] is False  # graded works stay handed in


def test_submit_needs_a_title_a_file_and_a_profile(workbench, block, people, make_user, upload):
    response = workbench.post(block, "submit", "alyona")
    assert response.status_code == 404  # nothing started yet
    workbench.post(block, "save_draft", "alyona", {"title": "", "description": ""})
    response = workbench.post(block, "submit", "alyona", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == {"title", "files"}
    make_user("newcomer")
    workbench.post(block, "save_draft", "newcomer", {"title": "Кот"})
    upload(block, "newcomer", "cat.png", picture())
    response = workbench.post(block, "submit", "newcomer")
    assert set(response.json()["field_errors"]) == {"profile"}


def test_files_can_be_removed_before_submitting_and_not_after(workbench, block, people, upload):
    workbench.post(block, "save_draft", "alyona", {"title": "Кот"})
    file_id = upload(block, "alyona", "a.png", picture()).json()["work"]["files"][0]["id"]
    upload(block, "alyona", "b.png", picture(color=(1, 2, 3)))
    state = workbench.post(block, "remove_file", "alyona", {"file_id": file_id}).json()
    assert [f["name"] for f in state["work"]["files"]] == ["b.png"]
    workbench.post(block, "submit", "alyona")
    other = state["work"]["files"][0]["id"]
    assert workbench.post(block, "remove_file", "alyona", {"file_id": other}).status_code == 409
    assert upload(block, "alyona", "c.png", picture()).status_code == 409
    assert workbench.post(block, "save_draft", "alyona", {"title": "Пёс"}).status_code == 409


def test_withdraw_and_resubmit_creates_a_new_attempt(workbench, block, people, upload):
    workbench.post(block, "save_draft", "alyona", {"title": "Кот"})
    upload(block, "alyona", "a.png", picture())
    workbench.post(block, "submit", "alyona")
    first = Work.objects.get(user=people["alyona"]).submission_uuid
    state = workbench.post(block, "withdraw", "alyona").json()
    assert state["work"]["status"] == "draft" and state["can_edit"]
    workbench.post(block, "save_draft", "alyona", {"title": "Кот в сапогах"})
    workbench.post(block, "submit", "alyona")
    work = Work.objects.get(user=people["alyona"])
    assert work.submission_uuid != first
    assert submissions_api.get_submission(work.submission_uuid)["answer"]["title"] == "Кот в сапогах"
    assert submissions_api.get_submission(work.submission_uuid)["attempt_number"] == 2


def test_withdrawing_is_refused_when_the_author_does_not_allow_it(workbench, creative_block, people, upload):
    block = creative_block('allow_resubmission="false"')
    workbench.post(block, "save_draft", "alyona", {"title": "Кот"})
    upload(block, "alyona", "a.png", picture())
    workbench.post(block, "submit", "alyona")
    assert workbench.post(block, "get_state", "alyona").json()["can_withdraw"] is False
    assert workbench.post(block, "withdraw", "alyona").status_code == 409


@pytest.mark.parametrize("handler", ["save_draft", "upload_file", "remove_file", "submit", "withdraw"])
def test_after_the_due_date_the_server_refuses_every_change(workbench, creative_block, people, upload, handler):
    block = creative_block('submission_due="2020-01-01T00:00:00Z"')
    Work.objects.create(user=people["alyona"], block_key=block, course_key="workbench", title="old")
    if handler == "upload_file":
        response = upload(block, "alyona", "a.png", picture())
    else:
        response = workbench.post(block, handler, "alyona", {"title": "late", "file_id": "x"})
    assert response.status_code == 409
    assert "due date" in response.json()["error"].lower() or "срок" in response.json()["error"].lower()
    state = workbench.post(block, "get_state", "alyona").json()
    assert state["past_due"] is True and state["can_edit"] is False
    assert Work.objects.get(user=people["alyona"]).title == "old"


def test_text_fields_are_cleaned_and_limited(workbench, block, people, upload):
    state = workbench.post(block, "save_draft", "alyona",
                           {"title": "  Мой\x00  кот\n ", "description": "строка 1\r\nстрока 2\x07"}).json()
    assert state["work"]["title"] == "Мой кот"
    assert state["work"]["description"] == "строка 1\nстрока 2"
    response = workbench.post(block, "save_draft", "alyona", {"title": "x" * 201, "description": "y" * 2001})
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == {"title", "description"}


def test_gallery_opt_in_is_ignored_when_the_block_does_not_offer_the_gallery(workbench, creative_block, people):
    block = creative_block('gallery_allowed="false"')
    state = workbench.post(block, "save_draft", "alyona", {"title": "Кот", "gallery_opt_in": True}).json()
    assert state["work"]["gallery_opt_in"] is False


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"'])
def test_malformed_bodies_are_client_errors(workbench, block, people, body):
    response = workbench.client.post(workbench.url(block, "save_draft", "alyona"), body,
                                     content_type="application/json", HTTP_X_CSRFTOKEN=workbench.TOKEN)
    assert response.status_code == 400


def test_handlers_refuse_get(workbench, block, people, upload):
    assert workbench.get(block, "save_draft", "alyona").status_code == 405


def test_csrf_is_required(workbench, block, people, upload):
    response = workbench.client.post(workbench.url(block, "save_draft", "alyona"), "{}",
                                     content_type="application/json")
    assert response.status_code == 403
