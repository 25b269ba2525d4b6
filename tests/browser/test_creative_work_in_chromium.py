"""A learner hands in a picture and a song in Chromium; staff grade it; the learner sees the grade."""
import pytest

from tests.samples import picture, wav_bytes

pytestmark = pytest.mark.browser

SONG_SCENARIO = "/scenario/genm_creative_work.1/"  # "Creative work: a song (music)": sound and pictures
WATCH_PROGRESS = """() => {
  window.__sawProgress = false;
  new MutationObserver(() => {
    if (document.querySelector('.genm-cw progress')) { window.__sawProgress = true; }
  }).observe(document.body, {subtree: true, childList: true});
}"""


@pytest.fixture
def files(tmp_path):
    cover, song = tmp_path / "cover.png", tmp_path / "song.wav"
    cover.write_bytes(picture(size=(900, 600), color=(240, 120, 40)))
    song.write_bytes(wav_bytes(seconds=1.5))
    return cover, song


def test_a_learner_hands_in_a_picture_and_a_song_and_staff_grade_it(demo_server, context, page, screenshot, files):
    cover, song = files
    page.goto(f"{demo_server}{SONG_SCENARIO}?student=alyona")
    block = page.locator(".genm-cw").first
    block.locator("[data-learner]").wait_for()
    block.locator("[data-field='title']").fill("Песня о лете")
    block.locator("[data-field='description']").fill("Я спела про море и солнце.")
    block.locator("[data-field='gallery_opt_in']").check()
    block.locator("[data-action='save-draft']").click()
    block.locator("[data-notice='draft']").filter(has_text="").wait_for()

    page.evaluate(WATCH_PROGRESS)
    block.locator("[data-file-input]").set_input_files([str(cover), str(song)])
    block.locator("[data-files] audio").wait_for()
    block.locator("[data-files] img").first.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('.genm-cw [data-files] img')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    assert page.evaluate("window.__sawProgress") is True
    assert block.locator("[data-files] > li").count() == 2
    screenshot("learner-previews")

    block.locator("[data-action='submit']").click()
    dialog = block.locator("[data-dialog]")
    assert dialog.evaluate("node => node.open") is True
    dialog.locator("[data-dialog-ok]").click()
    block.locator("[data-action='withdraw']").wait_for()
    assert block.locator("[data-action='submit']").is_hidden()
    screenshot("learner-submitted")

    staff = context.new_page()
    staff.goto(f"{demo_server}{SONG_SCENARIO}?student=staff")
    desk = staff.locator(".genm-cw").first
    desk.locator("[data-tab='staff']").click()
    row = desk.locator("[data-staff-rows] tr", has_text="alyona")
    row.get_by_role("button").first.click()
    desk.locator("[data-grade-form] [data-field='points']").fill("18")
    desk.locator("[data-grade-form] [data-field='feedback']").fill("Чистый голос, молодец!")
    desk.locator("[data-action='grade']").click()
    staff.wait_for_function("() => document.querySelector(`.genm-cw [data-notice='grade']`).textContent.trim()")
    screenshot("staff-graded", of=staff)

    page.reload()
    grade = page.locator(".genm-cw [data-grade]").first
    grade.wait_for()
    assert "18" in grade.inner_text() and "молодец" in grade.inner_text()
    screenshot("learner-graded")
    assert context.blocked == []
