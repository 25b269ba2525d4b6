"""The upload pipeline: the shared hostile corpus, every kind, metadata stripping, colour handling and limits.

Every file here is generated in code (Pillow, wave, zipfile, struct, mutagen's Ogg pager), never downloaded.
"""
import io
import json
import pickle
import random
import struct
import tracemalloc
import wave
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngInfo

from genm_xblocks import media
from genm_xblocks.media import (
    ALLOWED_FORMATS,
    KINDS,
    Inspection,
    MediaLimits,
    MediaRejected,
    Processed,
    check_file,
    inspect_upload,
    process_upload,
)
from tests.samples import (
    ASCII_STL,
    OBJ,
    PLAIN_PDF,
    PROJECT,
    animation,
    binary_stl_bytes,
    glb_bytes,
    manifest_category,
    mp3_bytes,
    mp4_bytes,
    object_stream_pdf,
    ogg_vorbis_bytes,
    opened,
    pdf_bytes,
    picture,
    sb3_bytes,
    swapped_primaries_profile,
    wav_bytes,
    webm_bytes,
    zip_bytes,
)

LIMITS = MediaLimits()
MB = 1024 * 1024


@pytest.fixture(autouse=True, scope="module")
def _django_settings():
    """Run alone, with no settings module, translation still needs configured settings and a ready registry."""
    if not settings.configured:
        settings.configure(USE_I18N=True)
        django.setup()


# Helpers ------------------------------------------------------------------------------------------------


def run(data: bytes, name: str, kind: str, limits: MediaLimits = LIMITS) -> tuple[Inspection, Processed]:
    fileobj = io.BytesIO(data)
    inspection = inspect_upload(fileobj, name, kind, limits)
    return inspection, process_upload(fileobj, inspection, limits)


def refusal(data: bytes, name: str, kind: str, limits: MediaLimits = LIMITS) -> MediaRejected:
    with pytest.raises(MediaRejected) as caught:
        run(data, name, kind, limits)
    return caught.value


def english(rejected: MediaRejected) -> str:
    with translation.override("en"):
        return str(rejected.message)


# The shared hostile corpus ------------------------------------------------------------------------------




def test_corpus_every_entry_gets_its_manifest_verdict(corpus):
    folder, manifest = corpus
    assert len(manifest) >= 27
    assert {entry["expect"] for entry in manifest} == {"accept", "reject"}
    wrong = []
    for entry in manifest:
        result = check_file(folder / entry["file"], entry["kind"], entry["upload_name"])
        expected = (entry["expect"] == "accept", manifest_category(entry))
        if (result["accepted"], result["category"]) != expected:
            wrong.append(f"{entry['file']}: expected {expected}, got {result}")
        elif not result["accepted"]:
            assert result["category"] in media.CATEGORIES
            assert isinstance(result["reason"], str) and result["reason"]
    assert not wrong, "\n".join(wrong)


def test_corpus_refusals_name_what_they_found(corpus):
    folder, manifest = corpus
    detected = {entry["file"]: check_file(folder / entry["file"], entry["kind"], entry["upload_name"])
                for entry in manifest}
    assert detected["exe_as_png.png"]["detected_type"] == "application/x-msdownload"
    assert "Windows program" in detected["exe_as_png.png"]["reason"]
    assert detected["elf_as_wav.wav"]["detected_type"] == "application/x-executable"
    assert detected["html_as_jpg.jpg"]["detected_type"] == "text/html"
    assert detected["svg_script.svg"]["detected_type"] == "image/svg+xml"
    assert "SVG" in detected["svg_script.svg"]["reason"]
    assert "glTF binary" in detected["bad_glb.glb"]["reason"]
    assert "JavaScript" in detected["pdf_js.pdf"]["reason"]
    assert detected["pixel_bomb.png"]["detected_type"] == "image/png"


def check_after(entry: dict, original: bytes, inspection: Inspection, stored: Processed) -> None:
    """What the manifest's ``after`` asks of an accepted file, plus what holds for every stored file."""
    after = entry["after"]
    assert "/" not in inspection.display_name and "\\" not in inspection.display_name
    assert len(inspection.display_name) <= 255
    if entry["kind"] == "image":
        image = opened(stored.content)
        assert not image.getexif() and "exif" not in image.info, "EXIF survived"
        assert not {"icc_profile", "comment", "xmp"} & set(image.info)
        assert image.mode in ("RGB", "RGBA")
        thumbnail = opened(stored.thumbnail)
        assert thumbnail.format == "WEBP" and stored.thumbnail_type == "image/webp"
        assert thumbnail.size == (stored.thumbnail_width, stored.thumbnail_height)
        assert max(thumbnail.size) <= 480
    elif inspection.kind == "model3d":  # kept as uploaded, with a picture of the mesh (or a cube)
        assert stored.content == original and stored.thumbnail_type == "image/webp"
    else:
        assert stored.content == original and stored.thumbnail is None
    if "GPS" in after:
        for secret in (b"PhoneMaker", b"KidPhone"):
            assert secret not in stored.content
    if "appended archive" in after:
        assert b"PK\x03\x04" not in stored.content and b"payload" not in stored.content
    if "no slashes" in after:
        assert inspection.display_name == Path(entry["upload_name"]).name
    if "255" in after:
        assert len(inspection.display_name) == 255 and inspection.display_name.endswith(".png")
    if "RGB" in after:
        assert opened(stored.content).mode == "RGB"


def test_corpus_accepted_files_are_stored_as_the_manifest_says(corpus):
    folder, manifest = corpus
    accepted = [entry for entry in manifest if entry["expect"] == "accept"]
    assert len(accepted) >= 8
    for entry in accepted:
        original = (folder / entry["file"]).read_bytes()
        with (folder / entry["file"]).open("rb") as fileobj:
            inspection = inspect_upload(fileobj, entry["upload_name"], entry["kind"], LIMITS)
            stored = process_upload(fileobj, inspection, LIMITS)
        check_after(entry, original, inspection, stored)


def test_corpus_cmyk_photo_keeps_its_colour_in_rgb(corpus):
    folder, _manifest = corpus
    _inspection, stored = run((folder / "cmyk.jpg").read_bytes(), "print.jpg", "image")
    red, green, blue = opened(stored.content).getpixel((32, 32))
    assert red > 230 and 180 < green < 230 and 130 < blue < 180  # CMYK (0, 50, 100, 0): a light orange


def test_corpus_pixel_bomb_is_refused_without_its_bitmap(corpus):
    """How fast is measured by scripts/bench/bench_upload.py; here, that nothing big is ever allocated."""
    folder, _manifest = corpus
    run(picture(), "warm.png", "image")  # first-use costs (imports, codecs) are not the bomb's
    images_before = Image.core.get_stats()["new_count"]
    with (folder / "pixel_bomb.png").open("rb") as fileobj:
        tracemalloc.start()
        with pytest.raises(MediaRejected) as caught:
            inspect_upload(fileobj, "huge.png", "image", LIMITS)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert caught.value.category == "bomb"
    assert peak < 20 * MB, f"Python peak {peak / MB:.1f} MB"
    # tracemalloc cannot see Pillow's C allocations: its own counter shows no image was ever allocated.
    assert Image.core.get_stats()["new_count"] == images_before


def test_our_pixel_limit_binds_below_pillows_guard_without_decoding():
    data = picture((2000, 1000), mode="1", color=0)
    images_before = Image.core.get_stats()["new_count"]
    rejected = refusal(data, "wide.png", "image", MediaLimits(max_megapixels=1))
    assert rejected.category == "bomb" and "1 megapixels" in english(rejected)
    assert Image.core.get_stats()["new_count"] == images_before


def test_frame_bomb_is_counted_without_decoding_frames(corpus):
    folder, _manifest = corpus
    images_before = Image.core.get_stats()["new_count"]
    rejected = refusal((folder / "frame_bomb.gif").read_bytes(), "anim.gif", "image")
    assert rejected.category == "bomb"
    assert Image.core.get_stats()["new_count"] == images_before


@pytest.mark.parametrize("damage", ["truncate", "checksum"])
def test_damaged_png_is_refused_by_the_cheap_check(damage):
    data = bytearray(picture((64, 64), color=(1, 2, 3)))
    idat = data.find(b"IDAT")
    if damage == "truncate":
        data = data[:idat + 12]
    else:
        data[idat + 6] ^= 0xFF
    with pytest.raises(MediaRejected) as caught:
        inspect_upload(io.BytesIO(bytes(data)), "drawing.png", "image", LIMITS)
    assert (caught.value.category, caught.value.detected_type) == ("decode", "image/png")


def test_truncated_jpeg_passes_the_cheap_check_and_fails_processing(corpus):
    folder, _manifest = corpus
    fileobj = io.BytesIO((folder / "truncated.jpg").read_bytes())
    inspection = inspect_upload(fileobj, "photo.jpg", "image", LIMITS)
    with pytest.raises(MediaRejected) as caught:
        process_upload(fileobj, inspection, LIMITS)
    assert caught.value.category == "decode"


# Each kind accepted -------------------------------------------------------------------------------------

ACCEPTED = [
    ("image", "drawing.png", picture, "image/png", "png"),
    ("image", "photo.JPEG", lambda: picture(format_="JPEG"), "image/jpeg", "jpg"),
    ("image", "still.gif", lambda: picture(mode="P", color=3, format_="GIF"), "image/gif", "gif"),
    ("image", "still.webp", lambda: picture(format_="WEBP"), "image/webp", "webp"),
    ("image", "animated.gif", lambda: animation("GIF"), "image/gif", "gif"),
    ("image", "animated.webp", lambda: animation("WEBP"), "image/webp", "webp"),
    ("image", "animated.png", lambda: animation("PNG"), "image/png", "png"),
    ("audio", "song.wav", wav_bytes, "audio/wav", "wav"),
    ("audio", "song.mp3", mp3_bytes, "audio/mpeg", "mp3"),
    ("audio", "song.ogg", ogg_vorbis_bytes, "audio/ogg", "ogg"),
    ("video", "clip.mp4", mp4_bytes, "video/mp4", "mp4"),
    ("video", "clip.webm", webm_bytes, "video/webm", "webm"),
    ("model3d", "robot.glb", glb_bytes, "model/gltf-binary", "glb"),
    ("model3d", "robot.gltf", lambda: json.dumps({
        "asset": {"version": "2.0"}, "buffers": [{"uri": "data:application/octet-stream;base64,AAAA", "byteLength": 3}],
    }).encode(), "model/gltf+json", "gltf"),
    ("model3d", "cube.stl", lambda: ASCII_STL, "model/stl", "stl"),
    ("model3d", "CUBE.STL", lambda: ASCII_STL.upper(), "model/stl", "stl"),
    ("model3d", "cube-binary.stl", binary_stl_bytes, "model/stl", "stl"),
    ("model3d", "solid-header.stl", lambda: b"solid exported" + binary_stl_bytes()[14:], "model/stl", "stl"),
    ("model3d", "tri.obj", lambda: OBJ, "model/obj", "obj"),
    ("scratch", "game.sb3", lambda: sb3_bytes(("costume.svg", "<svg/>")), media.SCRATCH_TYPE, "sb3"),
    ("document", "essay.pdf", lambda: PLAIN_PDF, "application/pdf", "pdf"),
]


@pytest.mark.parametrize(("kind", "name", "make", "detected_type", "extension"), ACCEPTED,
                         ids=[case[1] for case in ACCEPTED])
def test_each_kind_is_accepted_by_content(kind, name, make, detected_type, extension, tmp_path):
    data = make()
    inspection, stored = run(data, name, kind)
    assert (inspection.kind, inspection.detected_type, inspection.extension) == (kind, detected_type, extension)
    assert inspection.display_name == name and inspection.size == len(data)
    if kind == "image":
        assert inspection.width and inspection.height and inspection.frames >= 1
        assert stored.thumbnail is not None
    elif kind == "model3d":
        assert (inspection.width, inspection.height, inspection.frames) == (None, None, None)
        assert stored == Processed(data, detected_type, extension, None, None, stored.thumbnail, "image/webp", 480, 360)
        assert opened(stored.thumbnail).format == "WEBP"
    else:
        assert (inspection.width, inspection.height, inspection.frames) == (None, None, None)
        assert stored == Processed(data, detected_type, extension, None, None, None, None, None, None)
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    assert check_file(path, kind, upload_name=name)["accepted"]


@pytest.mark.parametrize("format_", ["GIF", "WEBP", "PNG"])
def test_animations_keep_frames_and_timing_as_webp(format_):
    inspection, stored = run(animation(format_), f"anim.{format_.lower()}", "image")
    assert inspection.frames == 3
    result = Image.open(io.BytesIO(stored.content))
    assert (result.format, stored.content_type, stored.extension) == ("WEBP", "image/webp", "webp")
    assert result.n_frames == 3
    durations = []
    for index in range(3):
        result.seek(index)
        result.load()  # WebP reports a frame's delay once it is loaded
        durations.append(result.info["duration"])
    assert durations == [50, 80, 120]
    assert not result.getexif() and not result.info.get("icc_profile")


@pytest.mark.parametrize(("source", "expected_type"), [
    (lambda: picture(format_="JPEG"), "image/jpeg"),
    (lambda: picture(format_="WEBP"), "image/jpeg"),
    (lambda: picture(mode="RGBA", color=(1, 2, 3, 4), format_="WEBP", lossless=True), "image/png"),
    (picture, "image/png"),
    (lambda: picture(mode="P", color=3, format_="GIF"), "image/png"),
])
def test_output_format_follows_transparency_and_source(source, expected_type):
    data = source()
    extension = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png", "GIF": "gif"}[opened(data).format]
    _inspection, stored = run(data, f"picture.{extension}", "image")
    assert stored.content_type == expected_type
    assert opened(stored.content).format == {"image/jpeg": "JPEG", "image/png": "PNG"}[expected_type]


def test_transparent_gif_keeps_its_transparency():
    frame = Image.new("P", (8, 8), 1)
    frame.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    frame.putpixel((0, 0), 0)
    out = io.BytesIO()
    frame.save(out, "GIF", transparency=0)
    _inspection, stored = run(out.getvalue(), "sticker.gif", "image")
    result = opened(stored.content)
    assert result.mode == "RGBA"
    assert result.getpixel((0, 0))[3] == 0 and result.getpixel((4, 4)) == (255, 0, 0, 255)


def test_sixteen_bit_grey_keeps_its_tones():
    _inspection, stored = run(picture(mode="I;16", color=40000), "scan.png", "image")
    grey = opened(stored.content).getpixel((0, 0))
    assert grey[0] == grey[1] == grey[2] and abs(grey[0] - 40000 // 256) <= 1


def test_thumbnail_is_at_most_480_and_never_enlarged():
    _inspection, big = run(picture((1000, 500), format_="JPEG"), "wide.jpg", "image")
    assert (big.width, big.height, big.thumbnail_width, big.thumbnail_height) == (1000, 500, 480, 240)
    assert opened(big.thumbnail).size == (480, 240)
    _inspection, small = run(picture((64, 40)), "small.png", "image")
    assert (small.thumbnail_width, small.thumbnail_height) == (64, 40)


# Metadata and colour ------------------------------------------------------------------------------------


def test_exif_orientation_is_applied_then_dropped():
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (20, 0, 40, 20))  # stored: red left, blue right
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90 degrees clockwise
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    inspection, stored = run(out.getvalue(), "sideways.jpg", "image")
    assert (inspection.width, inspection.height) == (40, 20)
    result = opened(stored.content)
    assert result.size == (20, 40) and (stored.width, stored.height) == (20, 40)
    top, bottom = result.getpixel((10, 5)), result.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60, top  # the left edge went to the top
    assert bottom[2] > 200 and bottom[0] < 60, bottom
    assert not result.getexif() and b"PhoneMaker" not in stored.content
    assert (stored.thumbnail_width, stored.thumbnail_height) == (20, 40)


def test_embedded_icc_profile_is_applied_to_srgb_and_dropped():
    profile = swapped_primaries_profile()
    data = picture((8, 8), color=(255, 0, 0), icc_profile=profile)
    _inspection, stored = run(data, "profiled.png", "image")
    result = opened(stored.content)
    red, green, blue = result.getpixel((4, 4))
    assert blue > 200 and red < 60 and green < 60, (red, green, blue)
    assert "icc_profile" not in result.info


def test_unusable_icc_profile_is_ignored():
    _inspection, stored = run(picture((8, 8), color=(255, 0, 0), icc_profile=b"not a profile"), "odd.png", "image")
    assert opened(stored.content).getpixel((4, 4)) == (255, 0, 0)


def test_jpeg_comments_are_dropped():
    _inspection, stored = run(picture(format_="JPEG", comment=b"Masha Ivanova, school 5"), "photo.jpg", "image")
    assert b"Masha" not in stored.content and "comment" not in opened(stored.content).info


def test_png_text_chunks_are_dropped():
    info = PngInfo()
    info.add_text("Author", "Masha Ivanova, 3B")
    _inspection, stored = run(picture(pnginfo=info), "drawing.png", "image")
    assert b"Masha" not in stored.content and not opened(stored.content).text


# Names and extensions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "shown"), [
    ("../../../etc/passwd.png", "passwd.png"),
    ("C:\\Users\\kid\\Desktop\\cat.png", "cat.png"),
    ("  my   drawing\u00a0copy.png  ", "my drawing copy.png"),
    ("e\u0301te\u0301.png", "\u00e9t\u00e9.png"),
    ("drawing.png.", "drawing.png"),
    ("Рисунок кота.png", "Рисунок кота.png"),
    ("my.best.drawing.png", "my.best.drawing.png"),
])
def test_shown_name_is_a_clean_basename(name, shown):
    inspection, _stored = run(picture(), name, "image")
    assert inspection.display_name == shown


def test_long_name_is_cut_to_255_keeping_the_extension():
    inspection, _stored = run(picture(), "д" * 400 + ".png", "image")
    assert len(inspection.display_name) == 255 and inspection.display_name.endswith("д.png")


@pytest.mark.parametrize("name", [
    "drawing.png.exe", "drawing.exe.png", "drawing.png.EXE", "drawing.exe .png", "page.html.png", "x.png.js",
    "drawing.exe.", "cat.png:evil.exe", "cat\u202egnp.exe", "a.png\x00.exe", "line\nbreak.png", "tab\t.png",
])
def test_dangerous_names_are_refused(name):
    rejected = refusal(picture(), name, "image")
    assert rejected.category == "name"


@pytest.mark.parametrize(("data", "name", "kind", "real"), [
    (picture(), "drawing.jpg", "image", "png"),
    (picture(), "drawing", "image", "png"),
    (picture(format_="JPEG"), "photo.png", "image", "jpg"),
    (wav_bytes(), "song.mp3", "audio", "wav"),
    (ASCII_STL, "model.obj", "model3d", "stl"),
    (sb3_bytes(), "game.zip", "scratch", "sb3"),
])
def test_extension_must_agree_with_the_content(data, name, kind, real):
    rejected = refusal(data, name, kind)
    assert rejected.category == "type"
    assert f".{real}" in english(rejected)


# Wrong or broken content --------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "name", "kind", "category", "detected_type"), [
    (b"<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png", "image", "type",
     "image/svg+xml"),
    (b"<!DOCTYPE html><p>hi", "page.png", "image", "type", "text/html"),
    (b"#!/bin/sh\nrm -rf /\n", "song.wav", "audio", "type", "text/x-shellscript"),
    (b"<?php system($_GET['c']); ?>", "model.obj", "model3d", "type", "application/x-httpd-php"),
    (picture(), "song.wav", "audio", "type", "image/png"),
    (PLAIN_PDF, "drawing.png", "image", "type", "application/pdf"),
    (picture()[:60], "cut.png", "image", "decode", "image/png"),
    (wav_bytes()[:30], "cut.wav", "audio", "decode", "audio/wav"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"not sound " * 100, "song.mp3", "audio", "decode", "audio/mpeg"),
    (b"OggS" + b"\x00" * 100, "song.ogg", "audio", "type", "audio/ogg"),  # an Ogg stream of no sound codec
    (ogg_vorbis_bytes(identification=b"\x01vorbis\x00\x00"), "song.ogg", "audio", "decode", "audio/ogg"),
    (mp4_bytes(with_movie=False), "clip.mp4", "video", "decode", "video/mp4"),
    (webm_bytes(b"matroska"), "clip.webm", "video", "type", "video/x-matroska"),
    (webm_bytes(segment=b"\x1f\x43\xb6\x75"), "clip.webm", "video", "decode", "video/webm"),
    (webm_bytes()[:30], "clip.webm", "video", "decode", "video/webm"),
    (picture(), "clip.mp4", "video", "type", "image/png"),
    (glb_bytes(version=1), "old.glb", "model3d", "type", "model/gltf-binary"),
    (glb_bytes(length_delta=8), "cut.glb", "model3d", "decode", "model/gltf-binary"),
    (glb_bytes(raw_json=b"{not json"), "bad.glb", "model3d", "decode", "model/gltf-binary"),
    (glb_bytes({"scene": 0}), "noasset.glb", "model3d", "type", "model/gltf-binary"),
    (glb_bytes({"asset": {"version": "2.0"}, "images": [{"uri": "https://tracker.example/p.png"}]}), "web.glb",
     "model3d", "type", "model/gltf-binary"),
    (json.dumps({"asset": {"version": "2.0"}, "buffers": [{"uri": "robot.bin"}]}).encode(), "robot.gltf", "model3d",
     "type", "model/gltf+json"),
    (json.dumps({"asset": {"version": "1.0"}}).encode(), "old.gltf", "model3d", "type", "model/gltf+json"),
    (b'{"hello": "world"}', "robot.gltf", "model3d", "type", None),
    (b"[[[[" * 50_000, "deep.gltf", "model3d", "type", None),
    (b"{" * 50_000, "deep.gltf", "model3d", "decode", "model/gltf+json"),
    (binary_stl_bytes(extra=b"\x00"), "odd.stl", "model3d", "type", None),
    (ASCII_STL.replace(b"endloop", b"<script>alert(1)</script>"), "cube.stl", "model3d", "type", None),
    (OBJ + b"csh rm -rf ~\n", "tri.obj", "model3d", "type", None),
    (OBJ.replace(b"v 1 0 0", b"v 1 0 \x01"), "tri.obj", "model3d", "type", None),
    (b"just words\n", "notes.obj", "model3d", "type", None),
    (picture(), "game.sb3", "scratch", "type", "image/png"),
    (b"<html>", "essay.pdf", "document", "type", "text/html"),
])
def test_wrong_or_broken_content_is_refused(data, name, kind, category, detected_type):
    rejected = refusal(data, name, kind)
    assert (rejected.category, rejected.detected_type) == (category, detected_type)


def test_glb_claimed_but_not_glb_says_so():
    rejected = refusal(b"glTX" + b"\x00" * 40, "model.glb", "model3d")
    assert rejected.category == "type" and "glTF binary" in english(rejected)


def test_binary_stl_with_a_zero_header_is_not_mistaken_for_anything_else():
    inspection, _stored = run(binary_stl_bytes(triangles=1), "one.stl", "model3d")
    assert inspection.detected_type == "model/stl"


# Scratch archives ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ["../evil.py", "assets/../../evil.py", "/etc/cron.d/evil", "C:/evil.bat",
                                   "assets\\..\\evil.py", "ok\\name.svg"])
def test_archive_entries_that_escape_are_refused(entry):
    rejected = refusal(sb3_bytes((entry, "x")), "game.sb3", "scratch")
    assert rejected.category == "archive"


def test_duplicate_archive_entries_are_refused():
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = sb3_bytes(("project.json", "{}"))
    assert refusal(data, "game.sb3", "scratch").category == "archive"


@pytest.mark.parametrize("entries", [
    [("Project/project.json", PROJECT)],
    [("project.json", "not json")],
    [("project.json", "[]")],
    [("project.json", '{"objName": "Stage"}')],
    [("readme.txt", "hello")],
])
def test_zip_without_a_scratch_3_project_is_refused(entries):
    rejected = refusal(zip_bytes(entries), "game.sb3", "scratch")
    assert rejected.category == "type" and "Scratch" in english(rejected)


def test_lying_end_record_is_still_caught_by_the_directory():
    data = bytearray(sb3_bytes(("a.svg", "<svg/>"), ("b.svg", "<svg/>")))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # claim a single entry
    rejected = refusal(bytes(data), "game.sb3", "scratch", MediaLimits(max_archive_entries=2))
    assert rejected.category == "bomb"


def test_broken_zip_is_refused_as_damaged():
    data = sb3_bytes()
    rejected = refusal(data[:-10], "game.sb3", "scratch")
    assert rejected.category == "decode"


# Limits -------------------------------------------------------------------------------------------------

NOISE = random.Random(7).randbytes(5000)


@pytest.mark.parametrize(("data", "name", "kind", "limits", "category"), [
    (b"", "empty.png", "image", LIMITS, "empty"),
    (picture(), "drawing.png", "image", MediaLimits(max_file_bytes=50), "size"),
    (PLAIN_PDF, "essay.pdf", "document", MediaLimits(max_file_bytes=50), "size"),
    (picture((64, 64)), "drawing.png", "image", MediaLimits(max_megapixels=0.001), "bomb"),
    (animation("GIF"), "anim.gif", "image", MediaLimits(max_frames=2), "bomb"),
    (animation("WEBP"), "anim.webp", "image", MediaLimits(max_frames=2), "bomb"),
    (animation("PNG"), "anim.png", "image", MediaLimits(max_frames=2), "bomb"),
    (animation("GIF", size=(64, 64)), "anim.gif", "image", MediaLimits(max_animation_megapixels=0.01), "bomb"),
    (sb3_bytes(("a.svg", "<svg/>")), "game.sb3", "scratch", MediaLimits(max_archive_entries=1), "bomb"),
    (sb3_bytes(("noise.bin", NOISE)), "game.sb3", "scratch", MediaLimits(max_archive_uncompressed_bytes=4000),
     "bomb"),
    (sb3_bytes(("zeros.bin", b"\x00" * 200_000)), "game.sb3", "scratch", MediaLimits(max_archive_ratio=50), "bomb"),
    (sb3_bytes(*[(f"{index}.bin", b"\x00" * 60_000) for index in range(10)]), "game.sb3", "scratch",
     MediaLimits(max_archive_ratio=80), "bomb"),  # no entry alone is over the ratio; all together are
    (object_stream_pdf(b"<</Title(" + b"a" * 100_000 + b")>>"), "essay.pdf", "document",
     MediaLimits(max_archive_uncompressed_bytes=10_000), "bomb"),
])
def test_each_limit_is_enforced_with_its_category(data, name, kind, limits, category):
    assert refusal(data, name, kind, limits).category == category


def test_defaults_accept_what_the_limits_refuse():
    for data, name, kind in [(animation("GIF", size=(64, 64)), "anim.gif", "image"),
                             (sb3_bytes(("noise.bin", NOISE)), "game.sb3", "scratch"),
                             (sb3_bytes(("zeros.bin", b"\x00" * 90_000)), "game.sb3", "scratch")]:
        run(data, name, kind)


def test_defaults_suit_childrens_work():
    expected = MediaLimits(max_file_bytes=50 * MB, max_megapixels=40, max_frames=500, max_archive_entries=2000,
                           max_archive_uncompressed_bytes=200 * MB, max_archive_ratio=100)
    assert expected == LIMITS
    with pytest.raises(AttributeError):
        LIMITS.max_frames = 1


# PDF ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    pdf_bytes(b"<</Type/Catalog/OpenAction 2 0 R>>", b"<</S/JavaScript/JS(app.alert(1))>>"),
    pdf_bytes(b"<</Type/Catalog/OpenAction 2 0 R>>", b"<</S/J#61vaScript/J#53 3 0 R>>"),
    pdf_bytes(b"<</Type/Catalog/OpenAction 2 0 R>>", b"<</S/Launch/F(cmd.exe)>>"),
    object_stream_pdf(b"2 0 <</S/JavaScript/JS(app.alert(1))>>"),
    object_stream_pdf(b"2 0 <</S/JavaScript>>", b"/Type/Obj#53tm/N 1/First 4/Filter/Fl#61teDecode"),
    object_stream_pdf(b"2 0 <</S/J#61vaScript>>"),
])
def test_pdf_with_programs_is_refused(data):
    rejected = refusal(data, "essay.pdf", "document")
    assert (rejected.category, rejected.detected_type) == ("type", "application/pdf")
    assert "JavaScript" in english(rejected)


def test_pdf_object_streams_without_programs_are_accepted():
    inspection, _stored = run(object_stream_pdf(b"2 0 <</Title(My essay)/JSON(not a program)>>"), "essay.pdf",
                              "document")
    assert inspection.detected_type == "application/pdf"


@pytest.mark.parametrize(("data", "category", "words"), [
    (pdf_bytes(b"<</Type/Catalog>>") + b"trailer<</Encrypt 5 0 R>>", "type", "password"),
    (object_stream_pdf(b"2 0 <</S/JavaScript>>", b"/Type/ObjStm/N 1/First 4/Filter/ASCIIHexDecode",
                       encode=lambda content: content.hex().encode() + b">"), "type", "cannot check"),
    (object_stream_pdf(b"", b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode").replace(b"x\x9c", b"zz"), "decode",
     "damaged"),
])
def test_pdfs_we_cannot_inspect_are_refused(data, category, words):
    rejected = refusal(data, "essay.pdf", "document")
    assert rejected.category == category and words in english(rejected)


# Surface ------------------------------------------------------------------------------------------------


def test_kinds_and_their_formats():
    assert KINDS == ("image", "audio", "video", "model3d", "scratch", "document")
    assert ALLOWED_FORMATS["image"]["image/jpeg"] == ("jpg", "jpeg")
    assert set(ALLOWED_FORMATS["model3d"]) == {"model/gltf-binary", "model/gltf+json", "model/stl", "model/obj"}
    with pytest.raises(TypeError):
        ALLOWED_FORMATS["image"]["image/svg+xml"] = ("svg",)


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown upload kind"):
        inspect_upload(io.BytesIO(picture()), "drawing.png", "spreadsheet", LIMITS)


def test_messages_are_lazy_with_their_numbers_and_survive_pickling():
    rejected = refusal(b"\x00" * (MB // 2 + 1), "big.png", "image", MediaLimits(max_file_bytes=MB // 2))
    assert isinstance(rejected.message, Promise)
    assert english(rejected) == "This file is too big. The limit is 0.5 MB."
    again = pickle.loads(pickle.dumps(rejected))  # noqa: S301 -- our own object, as Celery's result backend does
    assert (again.category, english(again), again.detected_type) == ("size", english(rejected), None)
    assert "size" in str(rejected)


@pytest.mark.parametrize(("limit", "shown"), [(50 * MB, "50"), (3 * MB // 2, "1.5"), (1000, "0.1")])
def test_size_message_names_the_limit_in_megabytes(limit, shown):
    big = refusal(b"\x00" * (limit + 1), "big.png", "image", MediaLimits(max_file_bytes=limit))
    assert english(big) == f"This file is too big. The limit is {shown} MB."


def test_check_file_reports_in_english_and_uses_the_file_name_by_default(tmp_path):
    path = tmp_path / "drawing.png"
    path.write_bytes(picture())
    assert check_file(path, "image") == {"accepted": True, "kind": "image", "reason": None, "category": None,
                                         "detected_type": "image/png"}
    renamed = tmp_path / "drawing.wav"
    renamed.write_bytes(picture())
    result = check_file(renamed, "audio")
    assert result == {"accepted": False, "kind": "audio", "category": "type", "detected_type": "image/png",
                      "reason": "This file is a picture, not a WAV, MP3 or OGG sound recording."}


@pytest.mark.parametrize("wrapper", ["memory", "temporary"])
def test_django_uploaded_files_work_as_they_come(wrapper):
    data = picture((600, 300), format_="JPEG")
    if wrapper == "memory":
        upload = SimpleUploadedFile("photo.jpg", data, content_type="application/octet-stream")
    else:
        upload = TemporaryUploadedFile("photo.jpg", "text/plain", len(data), None)
        upload.write(data)
    with upload:
        inspection = inspect_upload(upload, upload.name, "image", LIMITS)
        stored = process_upload(upload, inspection, LIMITS)
    assert (inspection.detected_type, inspection.width, stored.thumbnail_width) == ("image/jpeg", 600, 480)


def test_processing_refuses_to_run_when_pillow_pads_truncated_images(monkeypatch):
    fileobj = io.BytesIO(picture())
    inspection = inspect_upload(fileobj, "drawing.png", "image", LIMITS)
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImproperlyConfigured):
        process_upload(fileobj, inspection, LIMITS)


# Tags of recordings ---------------------------------------------------------------------------------------


def test_mp3_tags_naming_a_child_are_dropped():
    from mutagen.id3 import ID3, TPE1

    tagged = io.BytesIO(mp3_bytes())
    tags = ID3()
    tags.add(TPE1(encoding=3, text="Маша Иванова, школа 5"))
    tags.save(tagged)
    assert "Маша".encode("utf-16-le") in tagged.getvalue() or "Маша".encode() in tagged.getvalue()
    _inspection, stored = run(tagged.getvalue(), "song.mp3", "audio")
    assert "Маша".encode() not in stored.content and "Маша".encode("utf-16-le") not in stored.content
    assert stored.content.endswith(mp3_bytes()[-100:])


def test_wav_info_chunks_are_dropped_and_the_sound_kept():
    sound = wav_bytes()
    info = b"INFO" + b"IART" + struct.pack("<I", 12) + "Маша И.".encode()[:12]
    chunk = b"LIST" + struct.pack("<I", len(info)) + info
    tagged = sound[:4] + struct.pack("<I", len(sound) - 8 + len(chunk)) + sound[8:] + chunk
    _inspection, stored = run(tagged, "song.wav", "audio")
    assert b"IART" not in stored.content
    with wave.open(io.BytesIO(stored.content)) as kept, wave.open(io.BytesIO(sound)) as original:
        assert kept.readframes(kept.getnframes()) == original.readframes(original.getnframes())


def test_ogg_comments_are_dropped():
    from mutagen.oggvorbis import OggVorbis

    buffer = io.BytesIO(ogg_vorbis_bytes())
    tagged = OggVorbis(buffer)
    tagged["artist"] = ["Маша Иванова"]
    buffer.seek(0)
    tagged.save(buffer)
    assert "Маша".encode() in buffer.getvalue()
    _inspection, stored = run(buffer.getvalue(), "song.ogg", "audio")
    assert "Маша".encode() not in stored.content


# 3D previews ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "make"), [("ball.stl", "sphere_stl"), ("ball.glb", "sphere_glb"),
                                            ("ball.obj", "sphere_obj")])
def test_a_3d_model_gets_a_wireframe_picture_of_its_own_mesh(name, make):
    import tests.samples as samples

    if make == "sphere_obj":
        triangles = samples.sphere_triangles()
        lines = [f"v {t[i]} {t[i + 1]} {t[i + 2]}" for t in triangles for i in (0, 3, 6)]
        lines += [f"f {3 * n + 1} {3 * n + 2} {3 * n + 3}" for n in range(len(triangles))]
        data = "\n".join(lines).encode()
    else:
        data = getattr(samples, make)()
    inspection, stored = run(data, name, "model3d")
    assert stored.content == data  # the model itself is kept as it was
    assert stored.thumbnail_type == "image/webp"
    preview = opened(stored.thumbnail)
    assert preview.size == (480, 360)
    cube = opened(run(glb_bytes(), "empty.glb", "model3d")[1].thumbnail)
    assert list(preview.getdata()) != list(cube.getdata())  # the sphere is drawn, not the stand-in cube
    assert inspection.kind == "model3d"


def test_a_model_without_a_readable_mesh_gets_a_cube():
    _inspection, stored = run(glb_bytes(), "empty.glb", "model3d")
    assert opened(stored.thumbnail).size == (480, 360)
