"""Every kind of file accepted end to end through the upload handler, and the hostile corpus refused or defused."""
import io
import json
import random

import pytest
from django.core.management import call_command
from PIL import Image

from genm_xblocks.media import KINDS
from genm_xblocks.models import WorkFile
from genm_xblocks.storage import get_storage
from tests.samples import (
    ASCII_STL,
    OBJ,
    PLAIN_PDF,
    glb_bytes,
    manifest_category,
    mp3_bytes,
    mp4_bytes,
    ogg_vorbis_bytes,
    picture,
    sb3_bytes,
    wav_bytes,
    webm_bytes,
)


@pytest.fixture
def any_block(creative_block):
    return creative_block('max_files="100"', kinds=KINDS)




@pytest.mark.parametrize(
    ("name", "make", "kind", "content_type"),
    [
        ("picture.png", lambda: picture(), "image", "image/png"),
        ("photo.jpg", lambda: picture(format_="JPEG"), "image", "image/jpeg"),
        ("anim.gif", lambda: picture(format_="GIF", mode="P", color=3), "image", "image/png"),
        ("art.webp", lambda: picture(format_="WEBP"), "image", "image/jpeg"),
        ("song.wav", wav_bytes, "audio", "audio/wav"),
        ("song.mp3", mp3_bytes, "audio", "audio/mpeg"),
        ("song.ogg", ogg_vorbis_bytes, "audio", "audio/ogg"),
        ("clip.mp4", mp4_bytes, "video", "video/mp4"),
        ("clip.webm", webm_bytes, "video", "video/webm"),
        ("dress.glb", glb_bytes, "model3d", "model/gltf-binary"),
        ("dress.stl", lambda: ASCII_STL, "model3d", "model/stl"),
        ("dress.obj", lambda: OBJ, "model3d", "model/obj"),
        ("game.sb3", sb3_bytes, "scratch", "application/x.scratch.sb3"),
        ("essay.pdf", lambda: PLAIN_PDF, "document", "application/pdf"),
    ],
)
def test_each_kind_is_accepted_end_to_end(workbench, any_block, people, upload, name, make, kind, content_type):
    response = upload(any_block, "alyona", name, make())
    assert response.status_code == 200, response.content
    file = workbench.post(any_block, "get_state", "alyona").json()["work"]["files"][0]
    assert (file["kind"], file["status"], file["content_type"]) == (kind, "ready", content_type)
    served = workbench.get(any_block, "file", "alyona", id=file["id"])
    assert served.status_code == 200
    assert served["Content-Type"] == content_type
    if kind == "image":
        assert file["thumbnail_url"]
        thumbnail = workbench.get(any_block, "file", "alyona", id=file["id"], thumbnail="1")
        assert max(Image.open(io.BytesIO(thumbnail.content)).size) <= 480


def _stored(file_id):
    file = WorkFile.objects.get(uuid=file_id)
    with get_storage().open(file.storage_name, "rb") as stored:
        return file, stored.read()


def test_the_whole_hostile_corpus_through_the_upload_handler(workbench, any_block, people, upload, corpus):
    folder, manifest = corpus
    for entry in manifest:
        before = WorkFile.objects.count()
        response = upload(any_block, "alyona", entry["upload_name"], (folder / entry["file"]).read_bytes())
        if entry["expect"] == "reject":
            _assert_refused(workbench, any_block, response, before, entry)
            continue
        assert response.status_code == 200, entry
        file_id = response.json()["work"]["files"][-1]["id"]
        file, content = _stored(file_id)
        assert file.status == WorkFile.Status.READY, entry
        assert "/" not in file.display_name and len(file.display_name) <= 255, entry
        assert entry["upload_name"].rsplit("/", 1)[-1][:20] not in file.storage_name, entry
        if file.kind == "image":
            image = Image.open(io.BytesIO(content))
            assert not image.getexif(), entry
            assert image.mode in ("RGB", "RGBA", "P"), entry
            assert file.thumbnail_name, entry
            assert b"PK\x03\x04" not in content, entry  # nothing glued on after the picture survives
        if entry["upload_name"] == "game.sb3":
            assert content == (folder / entry["file"]).read_bytes()


def _assert_refused(workbench, block, response, files_before, entry):
    """Refused in the request (400), or, when only decoding can tell (a truncated photo), failed by the Celery
    task: shown with its reason, never served, and blocking submission until removed."""
    if response.status_code == 400:
        assert response.json()["field_errors"]["file"], entry
        assert WorkFile.objects.count() == files_before, entry
        return
    assert response.status_code == 200, entry
    file = workbench.post(block, "get_state", "alyona").json()["work"]["files"][-1]
    assert (file["status"], file["url"]) == ("failed", None), entry
    assert file["error"], entry
    assert workbench.get(block, "file", "alyona", id=file["id"]).status_code == 404
    workbench.post(block, "remove_file", "alyona", {"file_id": file["id"]})


def test_refusals_are_logged_as_tracking_events_with_their_category(workbench, any_block, people, upload, corpus,
                                                                     monkeypatch):
    from workbench.runtime import WorkbenchRuntime

    published = []
    monkeypatch.setattr(WorkbenchRuntime, "publish", lambda self, block, name, data: published.append((name, data)))
    folder, manifest = corpus
    bomb = next(entry for entry in manifest if entry["file"] == "pixel_bomb.png")
    upload(any_block, "alyona", bomb["upload_name"], (folder / bomb["file"]).read_bytes())
    assert published[-1][0] == "genm.work.file_refused"
    assert published[-1][1]["category"] == "bomb"


@pytest.mark.parametrize("index", range(27))
def test_the_check_file_command_gives_every_corpus_verdict(corpus, index, capsys):
    folder, manifest = corpus
    if index >= len(manifest):
        pytest.fail(f"the corpus has {len(manifest)} entries")
    entry = manifest[index]
    call_command("genm_check_file", str(folder / entry["file"]), kind=entry["kind"], name=entry["upload_name"])
    verdict = json.loads(capsys.readouterr().out)
    assert set(verdict) >= {"accepted", "kind", "reason", "detected_type"}
    assert verdict["accepted"] is (entry["expect"] == "accept"), (entry, verdict)
    assert verdict["kind"] == entry["kind"]
    if entry["expect"] == "reject":
        assert verdict["category"] == manifest_category(entry)
        assert verdict["reason"]


def test_the_command_refuses_a_missing_path(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such file"):
        call_command("genm_check_file", str(tmp_path / "nothing.png"), kind="image")


def test_a_type_the_block_does_not_accept_is_refused_by_name_and_content(workbench, block, people, upload):
    response = upload(block, "alyona", "game.sb3", sb3_bytes())
    assert response.status_code == 400
    response = upload(block, "alyona", "song.png", wav_bytes())
    assert response.status_code == 400


def test_limits_of_the_block_are_enforced(workbench, creative_block, people, upload):
    block = creative_block('max_files="2" max_file_mb="1" max_total_mb="1"')
    assert upload(block, "alyona", "a.png", picture()).status_code == 200
    assert upload(block, "alyona", "b.png", picture()).status_code == 200
    third = upload(block, "alyona", "c.png", picture())
    assert third.status_code == 400 and "2" in third.json()["field_errors"]["file"]
    big = creative_block('max_file_mb="1"')
    noisy = Image.frombytes("RGB", (1200, 1200), random.Random(1).randbytes(1200 * 1200 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1024 * 1024
    assert upload(big, "alyona", "big.png", buffer.getvalue()).status_code == 400


def test_operator_caps_bind_the_blocks_limits(workbench, creative_block, people, upload, settings):
    settings.GENM_MEDIA_LIMITS = {"max_files": 1}
    block = creative_block('max_files="10"')
    assert upload(block, "alyona", "a.png", picture()).status_code == 200
    assert upload(block, "alyona", "b.png", picture()).status_code == 400
    assert workbench.post(block, "get_state", "alyona").json()["limits"]["max_files"] == 1


def test_a_missing_file_field_is_a_clear_error(workbench, block, people):
    response = workbench.post(block, "upload_file", "alyona", multipart={"other": "x"})
    assert response.status_code == 400
    assert response.json()["field_errors"]["file"]
