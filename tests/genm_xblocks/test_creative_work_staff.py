"""Course staff: find works, open them, grade them into edx-submissions, return a feedback file, zip everything."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from submissions import api as submissions_api

from genm_xblocks.models import Work, WorkExport
from genm_xblocks.signals.signals import WORK_GRADED, WORK_SUBMITTED
from genm_xblocks.storage import get_storage
from tests.samples import PLAIN_PDF, picture, wav_bytes


@pytest.fixture
def handed_in(workbench, block, people, upload, make_user):
    """Four learners handed in; one more only has a draft."""
    from genm_xblocks import api

    for index, name in enumerate(["anna", "boris", "vera", "gleb"]):
        user = make_user(name)
        api.save_profile(user, "10-13", "RU-TA")
        workbench.post(block, "save_draft", name, {"title": f"Работа {name}"})
        upload(block, name, "art.png", picture(color=(index, 0, 0)))
        upload(block, name, "song.wav", wav_bytes())
        workbench.post(block, "submit", name)
    make_user("draft_only")
    workbench.post(block, "save_draft", "draft_only", {"title": "Черновик"})
    return {name: Work.objects.get(user__username=name) for name in ["anna", "boris", "vera", "gleb"]}


def test_staff_list_shows_handed_in_works_only(workbench, block, handed_in):
    page = workbench.post(block, "staff_works", "staff", {}).json()
    assert page["total"] == 4
    assert {row["username"] for row in page["works"]} == {"anna", "boris", "vera", "gleb"}
    assert all(row["file_count"] == 2 and row["status"] == "submitted" for row in page["works"])


def test_staff_list_searches_by_learner_and_title(workbench, block, handed_in):
    assert [r["username"] for r in workbench.post(block, "staff_works", "staff", {"search": "bor"}).json()["works"]] \
        == ["boris"]
    assert workbench.post(block, "staff_works", "staff", {"search": "Работа vera"}).json()["total"] == 1
    assert workbench.post(block, "staff_works", "staff", {"search": "nobody"}).json()["total"] == 0


def test_staff_list_pages(workbench, block, handed_in, monkeypatch):
    from genm_xblocks import staff

    monkeypatch.setattr(staff, "STAFF_PAGE_SIZE", 3)
    monkeypatch.setattr(staff.list_works, "__defaults__", ("", 1, 3))
    first = workbench.post(block, "staff_works", "staff", {"page": 1}).json()
    second = workbench.post(block, "staff_works", "staff", {"page": 2}).json()
    assert (first["num_pages"], len(first["works"]), len(second["works"])) == (2, 3, 1)
    beyond = workbench.post(block, "staff_works", "staff", {"page": 99}).json()
    assert beyond["page"] == 2
    assert workbench.post(block, "staff_works", "staff", {"page": "x"}).status_code == 200


def test_works_of_other_blocks_are_not_listed_or_opened(workbench, creative_block, handed_in):
    other = creative_block()
    assert workbench.post(other, "staff_works", "staff", {}).json()["total"] == 0
    response = workbench.post(other, "staff_work", "staff", {"work_id": str(handed_in["anna"].uuid)})
    assert response.status_code == 404


def test_grading_with_a_feedback_file_reaches_the_learner(workbench, block, handed_in):
    work = handed_in["anna"]
    response = workbench.post(block, "grade", "staff", multipart={
        "work_id": str(work.uuid), "points": "9", "feedback": "Здорово!",
        "feedback_file": SimpleUploadedFile("notes.pdf", PLAIN_PDF)})
    assert response.status_code == 200
    learner = workbench.post(block, "get_state", "anna").json()
    feedback_file = learner["work"]["grade"]["feedback_file"]
    assert feedback_file["name"] == "notes.pdf" and feedback_file["status"] == "ready"
    assert workbench.get(block, "file", "anna", id=feedback_file["id"]).status_code == 200
    assert workbench.get(block, "file", "boris", id=feedback_file["id"]).status_code == 404
    assert [f["name"] for f in learner["work"]["files"]] == ["art.png", "song.wav"]  # feedback is not a work file


def test_regrading_replaces_the_score_in_the_gradebook(workbench, block, handed_in):
    work = handed_in["boris"]
    workbench.post(block, "grade", "staff", multipart={"work_id": str(work.uuid), "points": "3"})
    workbench.post(block, "grade", "staff", multipart={"work_id": str(work.uuid), "points": "10"})
    student_item = submissions_api.get_submission_and_student(work.submission_uuid)["student_item"]
    assert submissions_api.get_score(student_item)["points_earned"] == 10


@pytest.mark.parametrize(
    ("form", "fields"),
    [
        ({"points": "11"}, {"points"}),
        ({"points": "-1"}, {"points"}),
        ({"points": "seven"}, {"points"}),
        ({}, {"points"}),
        ({"points": "5", "feedback": "x" * 5001}, {"feedback"}),
    ],
)
def test_bad_grades_are_refused_and_change_nothing(workbench, block, handed_in, form, fields):
    work = handed_in["vera"]
    response = workbench.post(block, "grade", "staff", multipart={"work_id": str(work.uuid), **form})
    assert response.status_code == 400
    assert set(response.json()["field_errors"]) == fields
    assert Work.objects.get(pk=work.pk).points_earned is None


def test_a_refused_feedback_file_changes_nothing(workbench, block, handed_in):
    work = handed_in["vera"]
    response = workbench.post(block, "grade", "staff", multipart={
        "work_id": str(work.uuid), "points": "5", "feedback_file": SimpleUploadedFile("run.exe", b"MZ" + b"\0" * 64)})
    assert response.status_code == 400
    assert Work.objects.get(pk=work.pk).points_earned is None


def test_drafts_cannot_be_graded(workbench, block, handed_in):
    draft = Work.objects.get(user__username="draft_only")
    response = workbench.post(block, "grade", "staff", multipart={"work_id": str(draft.uuid), "points": "5"})
    assert response.status_code == 404


def test_the_zip_holds_every_file_under_its_learners_username(workbench, block, handed_in):
    export = workbench.post(block, "request_export", "staff").json()
    assert export["status"] in ("pending", "ready")
    export = workbench.post(block, "export_status", "staff", {"export_id": export["id"]}).json()
    assert export["status"] == "ready" and export["file_count"] == 8
    response = workbench.get(block, "export", "staff", id=export["id"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)
                                         if response.streaming else response.content))
    assert sorted(archive.namelist()) == sorted(f"{name}/{file}" for name in ["anna", "boris", "gleb", "vera"]
                                                for file in ["art.png", "song.wav"])


def test_a_fresh_zip_is_reused_until_someone_submits_again(workbench, block, handed_in, upload, make_user):
    from genm_xblocks import api

    first = workbench.post(block, "request_export", "staff").json()["id"]
    assert workbench.post(block, "request_export", "staff").json()["id"] == first
    late = make_user("late")
    api.save_profile(late, "14-18", "RU-MOW")
    workbench.post(block, "save_draft", "late", {"title": "Поздно"})
    upload(block, "late", "x.png", picture())
    workbench.post(block, "submit", "late")
    assert workbench.post(block, "request_export", "staff").json()["id"] != first
    assert WorkExport.objects.count() == 2


def test_an_unknown_export_is_not_found(workbench, block, handed_in):
    assert workbench.post(block, "export_status", "staff", {"export_id": "nope"}).status_code == 404
    assert workbench.get(block, "export", "staff", id="00000000-0000-0000-0000-000000000000").status_code == 404


def test_signals_fire_after_commit_with_frozen_work_data(workbench, block, people, upload):
    heard = []

    def listener(sender, work, **kwargs):
        heard.append((work.status, work.title, work.public_name))

    WORK_SUBMITTED.connect(listener, dispatch_uid="t-sub")
    WORK_GRADED.connect(listener, dispatch_uid="t-grade")
    try:
        workbench.post(block, "save_draft", "alyona", {"title": "Лес"})
        upload(block, "alyona", "forest.png", picture())
        workbench.post(block, "submit", "alyona")
        work = Work.objects.get(user=people["alyona"])
        workbench.post(block, "grade", "staff", multipart={"work_id": str(work.uuid), "points": "4"})
    finally:
        WORK_SUBMITTED.disconnect(dispatch_uid="t-sub")
        WORK_GRADED.disconnect(dispatch_uid="t-grade")
    assert heard == [("submitted", "Лес", "Алёна С."), ("submitted", "Лес", "Алёна С.")]


def test_tracking_events_are_published_for_each_action(workbench, block, people, upload, monkeypatch):
    from workbench.runtime import WorkbenchRuntime

    names = []
    monkeypatch.setattr(WorkbenchRuntime, "publish", lambda self, blk, name, data: names.append(name))
    workbench.post(block, "save_draft", "alyona", {"title": "Лес"})
    upload(block, "alyona", "forest.png", picture())
    workbench.post(block, "submit", "alyona")
    workbench.post(block, "withdraw", "alyona")
    work = Work.objects.get(user=people["alyona"])
    workbench.post(block, "submit", "alyona")
    workbench.post(block, "grade", "staff", multipart={"work_id": str(work.uuid), "points": "4"})
    workbench.post(block, "request_export", "staff")
    assert [n for n in names if n.startswith("genm.")] == [
        "genm.work.draft_saved", "genm.work.file_added", "genm.work.submitted", "genm.work.withdrawn",
        "genm.work.submitted", "genm.work.graded", "genm.work.export_requested"]
    assert names.count("completion") == 2


def test_retirement_removes_works_and_their_stored_files(workbench, block, handed_in):
    from django.test import TestCase

    from genm_xblocks.signals.signals import USER_RETIRE_LMS_MISC

    work = handed_in["gleb"]
    names = [name for pair in work.files.values_list("storage_name", "thumbnail_name") for name in pair if name]
    assert names and all(get_storage().exists(name) for name in names)
    with TestCase.captureOnCommitCallbacks(execute=True):
        USER_RETIRE_LMS_MISC.send(sender=None, user=work.user)
    assert not Work.objects.filter(pk=work.pk).exists()
    assert not any(get_storage().exists(name) for name in names)
    assert Work.objects.filter(user__username="anna").exists()
