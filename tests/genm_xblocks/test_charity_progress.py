"""The charity progress block: the active campaign with an accessible bar, the totals, the learner's own part.

Its numbers must be the ledger's; its handlers answer anyone for the public part and staff only for the budget.
"""
import ast
import datetime
import importlib.metadata
import re
from pathlib import Path
from unittest.mock import Mock

import pytest
import xblock.plugin
from django.db.models import Count, Sum
from django.utils import timezone
from xblock.core import XBlock

from genm_charity import api
from genm_charity.models import LedgerEntry
from genm_xblocks.blocks import charity_progress
from genm_xblocks.blocks.charity_progress import CharityProgressXBlock

TAG = "genm_charity_progress"
RULES = """fund: sistema
point_value_kopecks: 50
kinds:
  work_submitted: {points: 20}
  like_given: {points: 1, daily_cap: 20}
"""


@pytest.fixture(autouse=True)
def _block_is_installed(monkeypatch):
    """Until setup.py declares the ``xblock.v1`` entry point, register the block as XBlock's own tests do."""
    if importlib.metadata.entry_points(group="xblock.v1", name=TAG):
        return
    entry_point = Mock(dist=Mock(key="xblock"), load=Mock(return_value=CharityProgressXBlock), group="xblock.v1")
    entry_point.name = TAG
    monkeypatch.setattr(XBlock, "extra_entry_points", [*XBlock.extra_entry_points, (TAG, entry_point)])
    monkeypatch.setattr(xblock.plugin, "PLUGIN_CACHE", {})


@pytest.fixture
def charity(db, tmp_path):
    """A fund, active rules, a purse around today and two children in the queue (100 ₽ and 500 ₽)."""
    api.add_fund("sistema", "Фонд «Система»")
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    api.load_rules_file(path)
    today = timezone.now().date()
    api.add_purse("Сейчас", today - datetime.timedelta(days=3), today + datetime.timedelta(days=3), 100_000)
    return [api.add_campaign("sistema", "Маша", "операция на сердце", 10_000, beneficiary_age=7,
                             story="Маше нужна операция."),
            api.add_campaign("sistema", "Петя", "реабилитация", 50_000, beneficiary_age=11)]


@pytest.fixture
def acted(charity, learner, other_learner):
    now = timezone.now()
    api.record_activities([api.Activity.of("work_submitted", learner.pk, "c", now, "w1"),
                           api.Activity.of("like_given", learner.pk, "c", now, learner.pk, "w2"),
                           api.Activity.of("work_submitted", other_learner.pk, "c", now, "w3")])
    return learner


@pytest.fixture
def block(workbench):
    def make(attrs=""):
        return workbench.scenario(f"<{TAG} {attrs}/>")

    return make


def page(client, workbench, student, language="en"):
    return client.get(f"/scenario/{workbench.names[-1]}/?student={student}",
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()


def state(workbench, usage_id, student, language="en"):
    response = workbench.post(usage_id, "refresh", student, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()


def in_ledger(**filters):
    row = LedgerEntry.objects.filter(outcome="counted", **filters).aggregate(n=Count("pk"), k=Sum("kopecks"))
    return row["n"], row["k"] or 0


def test_the_block_shows_the_campaign_totals_and_the_learners_part_as_the_ledger_has_them(
        client, workbench, block, acted):
    usage_id = block()
    body = state(workbench, usage_id, "learner")
    actions, kopecks = in_ledger()
    assert (body["totals"]["actions"], body["totals"]["raised_text"]) == (actions, api.rubles(kopecks))
    assert (actions, kopecks) == (3, 2050)
    mine = in_ledger(user_id=acted.pk)
    assert (body["me"]["actions"], body["me"]["kopecks"]) == mine == (2, 1050)
    assert body["me"]["text"] == "Your 2 actions gave 10.50\xa0₽"
    campaign = body["campaign"]
    assert (campaign["title"], campaign["raised_kopecks"], campaign["goal_kopecks"]) == ("Маша, 7 years old", 2050,
                                                                                          10_000)
    assert campaign["percent"] == 20
    assert campaign["progress_text"] == "20.50\xa0₽ raised of 100\xa0₽"
    assert body["purse_spent"] is False and body["purse_note"] == ""


def test_the_page_draws_an_accessible_progress_bar_in_russian_first(client, workbench, block, acted):
    block()
    html = page(client, workbench, "learner", language="ru")
    bar = re.search(r'<div class="genm-cp__bar" role="progressbar"[^>]*>', html, re.S).group(0)
    assert 'aria-valuemin="0"' in bar and 'aria-valuemax="100"' in bar and 'aria-valuenow="20"' in bar
    assert 'aria-valuetext="' in bar and "20,50\xa0₽" in bar
    assert "aria-labelledby" in bar
    assert "Маша" in html and "операция на сердце" in html
    assert "10,50\xa0₽" in html  # the learner's own part, written the Russian way


def test_a_visitor_sees_the_public_part_only(workbench, block, acted):
    body = state(workbench, block(), "anonymous")
    assert body["me"] is None
    assert body["totals"]["actions"] == 3


def test_an_author_can_hide_the_learners_own_part(workbench, block, acted):
    assert state(workbench, block('show_contribution="false"'), "learner")["me"] is None


def test_a_learner_who_has_done_nothing_yet_is_encouraged(workbench, block, charity, make_user):
    make_user("newcomer")
    me = state(workbench, block(), "newcomer")["me"]
    assert (me["actions"], me["text"]) == (0, "Your actions here will help too: each one counts.")


def test_the_next_child_appears_when_a_goal_is_reached(workbench, block, acted, charity):
    usage_id = block()
    api.record_activities([api.Activity.of("work_submitted", 900 + n, "c", timezone.now(), f"big-{n}")
                           for n in range(8)])
    body = state(workbench, usage_id, "learner")
    assert body["campaign"]["title"] == "Петя, 11 years old"
    assert body["campaign"]["raised_kopecks"] == 2050 + 8000 - 10_000
    assert body["totals"]["children"] == 1
    assert body["totals"]["children_text"] == "1 child helped"


def test_with_no_campaign_the_block_says_the_next_one_is_coming(client, workbench, block, acted, charity):
    for campaign_id in charity:
        api.close_campaign(campaign_id)
    usage_id = block()
    assert state(workbench, usage_id, "learner")["campaign"] is None
    assert "The next child's goal will appear here soon" in page(client, workbench, "learner")


def test_a_spent_purse_is_explained(workbench, block, charity, learner):
    api.record_activities([api.Activity.of("work_submitted", 500 + n, "c", timezone.now(), f"w{n}")
                           for n in range(101)])
    body = state(workbench, block(), "learner")
    assert body["purse_spent"] is True
    assert body["purse_note"].startswith("This month's sponsor budget is spent.")


def test_an_author_can_show_another_funds_campaign(workbench, block, charity):
    api.add_fund("arfa", "Арфа")
    api.add_campaign("arfa", "Оля", "коляска", 30_000)
    assert state(workbench, block('fund="arfa"'), "learner")["campaign"]["title"] == "Оля"


def test_refresh_takes_post_only(workbench, block, charity):
    assert workbench.get(block(), "refresh", "learner").status_code == 405


@pytest.mark.parametrize(("student", "status"), [("staff", 200), ("learner", 403), ("anonymous", 403)])
def test_only_staff_see_the_sponsors_budget(workbench, block, acted, staff, student, status):
    response = workbench.post(block(), "staff_report", student, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["purse"]["budget_kopecks"] == 100_000
        assert body["purse"]["spent_kopecks"] == in_ledger()[1] == 2050
        assert body["rules"]["version"] == 1
    else:
        assert "budget" not in response.content.decode()


def test_the_staff_report_takes_post_only(workbench, block, charity, staff):
    assert workbench.get(block(), "staff_report", "staff").status_code == 405


def test_the_block_calls_only_the_charity_api():
    tree = ast.parse(Path(charity_progress.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {name for name in imported if name.startswith("genm_charity")} == {"genm_charity"}
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "genm_charity" for alias in node.names}
    assert names == {"api"}


def test_the_block_has_a_workbench_scenario_and_takes_no_completion():
    assert CharityProgressXBlock.workbench_scenarios()[0][1].count(f"<{TAG}") == 1
    assert CharityProgressXBlock.completion_mode == "excluded"
