"""The gallery in Chromium: filter, open, like, report; staff approve a pending work; hostile titles stay text."""
import pytest

from tests.samples import picture

pytestmark = pytest.mark.browser

GALLERY = "/scenario/genm_gallery.0/"  # "Gallery of the course"
ART = "/scenario/genm_creative_work.0/"  # "Creative work: a drawing (art)"
XSS_TITLE = "<img src=x onerror=window.__xss=1>"
XSS_TEXT = '"><script>window.__xss=2</script>'


def open_gallery(page, server, student):
    page.goto(f"{server}{GALLERY}?student={student}")
    gallery = page.locator(".genm-gallery").first
    gallery.locator("[data-card]").first.wait_for()
    return gallery


def test_a_learner_filters_opens_likes_and_reports(demo_server, context, page, screenshot):
    gallery = open_gallery(page, demo_server, "timur")
    assert gallery.locator("[data-card]").count() >= 6
    screenshot("gallery")

    gallery.locator("[data-filter='region_code']").select_option("RU-SPE")
    page.wait_for_function("() => document.querySelectorAll('.genm-gallery [data-card]').length === 1")
    card = gallery.locator("[data-card]").first
    assert "Амурский тигр" in card.inner_text()
    screenshot("filtered-by-region")

    card.locator("[data-open]").click()
    dialog = gallery.locator("[data-work-dialog]")
    gallery.locator("[data-work-dialog][open]").wait_for()  # opens once the work's files have arrived
    dialog.locator("img").first.wait_for()
    like = dialog.locator("[data-like]").first
    before = int(card.locator("[data-like-count]").inner_text().split()[0])
    like.click()
    page.wait_for_function("() => document.querySelector('.genm-gallery [data-work-dialog] [data-like]')"
                           ".getAttribute('aria-pressed') === 'true'")
    page.wait_for_function(f"() => parseInt(document.querySelector('.genm-gallery [data-card] [data-like-count]')"
                           f".textContent) === {before + 1}")
    screenshot("liked")
    dialog.locator("[data-action='close-work']").click()

    gallery.locator("[data-filter='region_code']").select_option("")
    page.wait_for_function("() => document.querySelectorAll('.genm-gallery [data-card]').length > 1")
    other = gallery.locator("[data-card]", has_text="Белый медведь")
    other.locator("[data-open]").click()
    dialog.locator("[data-action='toggle-report']").click()
    dialog.locator("input[type='radio'][value='personal_info']").check()
    assert dialog.locator("[data-personal-hint]").is_visible()
    dialog.locator("[data-action='send-report']").click()
    page.wait_for_function("() => document.querySelector(`.genm-gallery [data-notice='report']`)"
                           ".textContent.trim().length > 0")
    screenshot("reported")
    assert context.blocked == []


def test_staff_approve_a_pending_work_and_it_appears(demo_server, context, page, screenshot):
    gallery = open_gallery(page, demo_server, "staff")
    assert gallery.locator("[data-card]", has_text="Журавли улетают").count() == 0
    gallery.locator("[data-tab='moderation']").click()
    item = gallery.locator("[data-mod-item]", has_text="Журавли улетают")
    item.wait_for()
    screenshot("moderation-queue")
    item.locator("[data-mod-action='approve']").click()
    item.wait_for(state="detached")
    gallery.locator("[data-tab='gallery']").click()
    gallery.locator("[data-card]", has_text="Журавли улетают").wait_for()
    screenshot("approved-appears")
    assert context.blocked == []


def test_hostile_titles_and_descriptions_stay_text_from_hand_in_to_gallery(demo_server, context, page, screenshot,
                                                                         tmp_path):
    drawing = tmp_path / "drawing.png"
    drawing.write_bytes(picture(size=(500, 400), color=(30, 160, 90)))
    page.goto(f"{demo_server}{ART}?student=alyona")
    block = page.locator(".genm-cw").first
    block.locator("[data-field='title']").fill(XSS_TITLE)
    block.locator("[data-field='description']").fill(XSS_TEXT)
    block.locator("[data-field='gallery_opt_in']").check()
    block.locator("[data-action='save-draft']").click()
    block.locator("[data-file-input]").set_input_files(str(drawing))
    block.locator("[data-files] img").first.wait_for()
    block.locator("[data-action='submit']").click()
    block.locator("[data-dialog] [data-dialog-ok]").click()
    block.locator("[data-action='withdraw']").wait_for()

    staff = context.new_page()
    desk = open_gallery(staff, demo_server, "staff")
    desk.locator("[data-tab='moderation']").click()
    item = desk.locator("[data-mod-item]", has_text=XSS_TITLE)
    item.locator("[data-mod-action='approve']").click()
    item.wait_for(state="detached")

    visitor = context.new_page()
    gallery = open_gallery(visitor, demo_server, "anonymous")
    card = gallery.locator("[data-card]", has_text=XSS_TITLE)
    card.locator("[data-open]").click()
    gallery.locator("[data-work-dialog]").get_by_text(XSS_TEXT).wait_for()
    screenshot("hostile-text-inert", of=visitor)
    for view in (page, staff, visitor):
        assert view.evaluate("() => window.__xss === undefined")
        assert view.locator("img[src='x'], .genm-gallery script, .genm-cw script").count() == 0
    assert context.blocked == []
