"""The demo as a person sees it in Chromium."""
import pytest

pytestmark = pytest.mark.browser


def test_the_home_page_lists_its_scenarios(demo_server, context, page, screenshot):
    response = page.goto(demo_server + "/?student=masha")
    assert response.status == 200
    links = page.locator("a[href*='/scenario/']")
    assert links.count() > 0
    first = links.first.get_attribute("href")
    assert page.goto(demo_server + first).status == 200
    assert screenshot("home").stat().st_size > 0
    assert context.blocked == []
