"""Who may call what: every handler of the CreativeWork block with allowed and refused callers."""
import pytest

from genm_xblocks import api
from genm_xblocks.models import Work
from tests.samples import picture

LEARNER_HANDLERS = ["get_state", "save_profile", "save_draft", "upload_file", "remove_file", "submit", "withdraw",
                    "give_consent", "revoke_consent"]
STAFF_HANDLERS = ["staff_works", "staff_work", "grade", "request_export", "export_status"]


@pytest.fixture
def setup(workbench, creative_block, make_user, upload):
    """Alyona has a submitted work with one image; Masha is another learner; staff is course staff."""
    block = creative_block()
    alyona = make_user("alyona", first_name="Алёна")
    api.save_profile(alyona, "14-18", "RU-SVE")
    make_user("masha")
    make_user("staff", is_staff=True)
    workbench.post(block, "save_draft", "alyona", {"title": "Закат"})
    upload(block, "alyona", "a.png", picture())
    workbench.post(block, "submit", "alyona")
    work = Work.objects.get(user=alyona)
    return {"block": block, "work": work, "file": str(work.files.get().uuid)}


@pytest.mark.parametrize("handler", LEARNER_HANDLERS)
def test_anonymous_visitors_cannot_act_as_learners(workbench, setup, handler):
    response = workbench.post(setup["block"], handler, "anonymous", {"title": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("handler", STAFF_HANDLERS)
@pytest.mark.parametrize("student", ["anonymous", "masha", "alyona"])
def test_staff_handlers_refuse_everyone_but_staff(workbench, setup, handler, student):
    body = {"work_id": str(setup["work"].uuid), "export_id": "x", "search": ""}
    if handler == "grade":
        response = workbench.post(setup["block"], handler, student,
                                  multipart={"work_id": str(setup["work"].uuid), "points": "10"})
    else:
        response = workbench.post(setup["block"], handler, student, body)
    assert response.status_code == 403
    assert Work.objects.get(pk=setup["work"].pk).points_earned is None


@pytest.mark.parametrize("handler", STAFF_HANDLERS)
def test_staff_handlers_answer_staff(workbench, setup, handler):
    if handler == "grade":
        response = workbench.post(setup["block"], handler, "staff",
                                  multipart={"work_id": str(setup["work"].uuid), "points": "7"})
    elif handler == "export_status":
        export_id = workbench.post(setup["block"], "request_export", "staff").json()["id"]
        response = workbench.post(setup["block"], handler, "staff", {"export_id": export_id})
    else:
        response = workbench.post(setup["block"], handler, "staff", {"work_id": str(setup["work"].uuid)})
    assert response.status_code == 200


def test_another_learner_only_ever_touches_their_own_work(workbench, setup):
    block = setup["block"]
    state = workbench.post(block, "get_state", "masha").json()
    assert state["work"] is None
    response = workbench.post(block, "remove_file", "masha", {"file_id": setup["file"]})
    assert response.status_code == 404
    assert workbench.post(block, "withdraw", "masha").status_code == 404
    assert Work.objects.get(pk=setup["work"].pk).status == "submitted"
    assert Work.objects.get(pk=setup["work"].pk).files.count() == 1


@pytest.mark.parametrize(
    ("student", "status"),
    [("alyona", 200), ("staff", 200), ("masha", 404), ("anonymous", 404)],
)
def test_files_of_an_unpublished_work_reach_only_owner_and_staff(workbench, setup, student, status):
    response = workbench.get(setup["block"], "file", student, id=setup["file"])
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content if response.streaming else [response.content])[:4] == b"\x89PNG"


@pytest.mark.parametrize("student", ["masha", "anonymous"])
def test_published_files_are_public(workbench, setup, student):
    Work.objects.filter(pk=setup["work"].pk).update(status=Work.Status.PUBLISHED)
    assert workbench.get(setup["block"], "file", student, id=setup["file"]).status_code == 200
    thumbnail = workbench.get(setup["block"], "file", student, id=setup["file"], thumbnail="1")
    assert thumbnail.status_code == 200
    assert thumbnail["Content-Type"] == "image/webp"


def test_staff_of_another_course_cannot_read_files(workbench, setup):
    Work.objects.filter(pk=setup["work"].pk).update(course_key="course-v1:Other+Course+2026")
    assert workbench.get(setup["block"], "file", "staff", id=setup["file"]).status_code == 404


@pytest.mark.parametrize("file_id", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "../../etc/passwd"])
def test_unknown_file_ids_are_not_found(workbench, setup, file_id):
    assert workbench.get(setup["block"], "file", "alyona", id=file_id).status_code == 404


def test_downloads_are_attachments(workbench, setup):
    response = workbench.get(setup["block"], "file", "alyona", id=setup["file"], download="1")
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''a.png")


def test_export_download_is_staff_only(workbench, setup):
    export = workbench.post(setup["block"], "request_export", "staff").json()
    export = workbench.post(setup["block"], "export_status", "staff", {"export_id": export["id"]}).json()
    assert export["status"] == "ready"
    assert workbench.get(setup["block"], "export", "masha", id=export["id"]).status_code == 403
    assert workbench.get(setup["block"], "export", "staff", id=export["id"]).status_code == 200
