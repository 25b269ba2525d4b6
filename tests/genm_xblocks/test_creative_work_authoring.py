"""Authoring: OLX export and import keep every field, the Studio editor validates, the prompt is sanitised."""
import datetime
import io
import json

import pytest
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from genm_xblocks.blocks.creative_work import CreativeWorkXBlock, sanitize_prompt

FULL = """<genm_creative_work display_name="Костюм будущего" kinds='["model3d", "image"]' max_file_mb="30"
 max_files="4" max_total_mb="90" max_megapixels="25" max_frames="120" submission_due="2027-05-31T20:59:00+00:00"
 allow_resubmission="false" weight="20" gallery_allowed="false" nomination="Цифровая мода">
<prompt><p>Сделай <strong>3D-модель</strong> костюма.</p><ul><li>GLB</li><li>рендер</li></ul></prompt>
</genm_creative_work>"""
FIELDS = ["display_name", "prompt", "kinds", "max_file_mb", "max_files", "max_total_mb", "max_megapixels",
          "max_frames", "submission_due", "allow_resubmission", "weight", "nomination", "gallery_allowed"]


def parse(xml):
    runtime = WorkbenchRuntime("staff")
    return runtime.get_block(runtime.parse_xml_string(xml))


def export(block):
    buffer = io.BytesIO()
    block.runtime.export_to_xml(block, buffer)
    return buffer.getvalue().decode().split("?>", 1)[-1]


@pytest.mark.django_db
def test_olx_round_trip_keeps_every_field():
    block = parse(FULL)
    assert block.kinds == ["model3d", "image"]
    assert block.submission_due == datetime.datetime(2027, 5, 31, 20, 59, tzinfo=datetime.UTC)
    assert block.allow_resubmission is False and block.weight == 20
    olx = export(block)
    node = etree.fromstring(olx.encode())
    assert node.find("prompt") is not None and "prompt" not in node.attrib
    again = parse(olx)
    for name in FIELDS:
        assert getattr(again, name) == getattr(block, name), name


@pytest.mark.django_db
def test_the_prompt_is_exported_as_a_child_element_holding_its_markup():
    olx = export(parse(FULL))
    assert "<![CDATA[<p>Сделай <strong>3D-модель</strong>" in olx
    prompt = etree.fromstring(olx.encode()).find("prompt")
    assert prompt.text.startswith("<p>Сделай")


@pytest.mark.django_db
def test_a_hand_written_prompt_may_be_plain_markup_or_escaped_text():
    escaped = parse("<genm_creative_work><prompt>&lt;p&gt;Hi&lt;/p&gt;</prompt></genm_creative_work>")
    assert escaped.prompt == "<p>Hi</p>"
    markup = parse("<genm_creative_work><prompt> <p>Hi</p> <p>there</p> </prompt></genm_creative_work>")
    assert markup.prompt == "<p>Hi</p> <p>there</p>"


@pytest.mark.django_db
def test_defaults_round_trip_without_noise():
    block = parse("<genm_creative_work/>")
    again = parse(export(block))
    assert again.kinds == ["image"] and again.weight == 10 and again.submission_due is None


@pytest.mark.parametrize(
    ("html", "kept", "gone"),
    [
        ('<p onclick="x()">Hi</p><script>alert(1)</script>', "<p>Hi</p>", "script"),
        ('<a href="javascript:alert(1)">x</a>', "<a", "javascript:"),
        ('<img src="x" onerror="alert(1)" alt="a">', 'alt="a"', "onerror"),
        ('<iframe src="https://evil.invalid"></iframe><b>ok</b>', "<b>ok</b>", "iframe"),
        ('<a href="https://example.org">site</a>', 'rel="noopener noreferrer nofollow"', "target"),
    ],
)
def test_prompt_html_is_sanitised(html, kept, gone):
    clean = sanitize_prompt(html)
    assert kept in clean
    assert gone not in clean


@pytest.mark.django_db
def test_studio_editor_lists_every_setting(workbench):
    usage = workbench.scenario("<genm_creative_work/>")
    response = workbench.client.get(f"/scenario/{workbench.names[-1]}/studio_view/?student=staff")
    assert response.status_code == 200
    page = response.content.decode()
    for name in FIELDS:
        assert f'data-field-name="{name}"' in page, name
    assert usage


def studio_submit(workbench, usage, values):
    return workbench.post(usage, "submit_studio_edits", "staff", {"values": values, "defaults": []})


@pytest.mark.django_db
def test_studio_editor_saves_valid_settings(workbench):
    usage = workbench.scenario("<genm_creative_work/>")
    response = studio_submit(workbench, usage, {"kinds": ["audio", "video"], "max_files": 3, "weight": 5})
    assert response.status_code == 200
    state = workbench.post(usage, "get_state", "alyona").json()
    assert state["limits"]["kinds"] == ["audio", "video"] and state["limits"]["max_files"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [{"kinds": []}, {"kinds": ["spreadsheet"]}, {"max_files": 0}, {"max_file_mb": -5}, {"weight": -1}],
)
def test_studio_editor_refuses_nonsense(workbench, values):
    usage = workbench.scenario("<genm_creative_work/>")
    response = studio_submit(workbench, usage, values)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["messages"]


def test_the_block_declares_its_grading_and_completion():
    assert CreativeWorkXBlock.has_score is True
    assert CreativeWorkXBlock.completion_mode == "completable"
    assert CreativeWorkXBlock.has_custom_completion is True


@pytest.mark.django_db
def test_studio_names_the_kinds_of_files_in_the_authors_language(workbench):
    workbench.scenario("<genm_creative_work/>")
    page = workbench.client.get(f"/scenario/{workbench.names[-1]}/studio_view/?student=staff",
                                HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Картинки (PNG, JPEG, GIF, WebP)" in page and "3D-модели (GLB, glTF, STL, OBJ)" in page
