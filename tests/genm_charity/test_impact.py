"""What the public and a learner see: the REST API and the impact page, whose numbers must equal the ledger's."""
import datetime
import re

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from genm_charity import api
from genm_charity.models import LedgerEntry, Overflow
from tests.genm_charity.factories import act

URL, ME_URL, PAGE_URL = "/api/genm/v1/impact/", "/api/genm/v1/impact/me/", "/genm/impact/"


@pytest.fixture
def today_purse(db):
    """A purse for the days around now, so what happens today is paid."""
    today = timezone.now().date()
    return api.add_purse("Сейчас", today - datetime.timedelta(days=40), today + datetime.timedelta(days=2), 1_000_000)


@pytest.fixture
def activity(rules, today_purse, campaigns, make_user):
    """Three learners acting today and yesterday; enough money to fund the first child."""
    now = timezone.now()
    masha, petya = make_user("masha"), make_user("petya")
    actions = [act("contest_won", masha.pk, at=now), act("work_submitted", masha.pk, at=now),
               act("like_given", petya.pk, at=now - datetime.timedelta(days=1)),
               act("like_given", petya.pk, at=now)] + [act("like_given", petya.pk, at=now) for _ in range(5)]
    api.record_activities(actions)
    return {"masha": masha, "petya": petya}


def ledger_sums(**filters):
    counted = LedgerEntry.objects.filter(outcome="counted", **filters)
    row = counted.aggregate(actions=Count("pk"), kopecks=Sum("kopecks"))
    return row["actions"], row["kopecks"] or 0


def campaign_raised_in_ledger(campaign_id):
    first = LedgerEntry.objects.filter(campaign_id=campaign_id).aggregate(k=Sum("campaign_kopecks"))["k"] or 0
    return first + (Overflow.objects.filter(campaign_id=campaign_id).aggregate(k=Sum("kopecks"))["k"] or 0)


def test_anyone_reads_the_impact_and_its_numbers_are_the_ledgers(client, activity, campaigns):
    body = client.get(URL).json()
    actions, kopecks = ledger_sums()
    assert body["totals"] == {"actions": actions, "kopecks": kopecks, "children_helped": 2}
    assert (actions, kopecks) == (6, 21_000 + 4 * 50)  # Petya's fifth to seventh like today were capped
    shown = {campaign["id"]: campaign for campaign in body["campaigns"] + body["funded_children"]}
    for campaign_id in campaigns:
        assert shown[campaign_id]["raised_kopecks"] == campaign_raised_in_ledger(campaign_id)
    assert sorted(child["beneficiary"]["name"] for child in body["funded_children"]) == ["Маша", "Петя"]
    assert {child["percent"] for child in body["funded_children"]} == {100}
    assert [campaign["beneficiary"]["name"] for campaign in body["campaigns"]] == ["Аня"]
    today, yesterday = body["daily"][-1], body["daily"][-2]
    assert (today["actions"], yesterday["actions"]) == (5, 1)
    assert sum(point["kopecks"] for point in body["monthly"]) == kopecks
    assert len(body["daily"]) == 30 and len(body["monthly"]) == 12


def test_the_public_answer_names_no_learner(client, activity):
    text = client.get(URL).content.decode()
    assert "masha" not in text and "petya" not in text
    assert str(activity["masha"].pk) not in re.findall(r'"user[^"]*"', text)


def test_a_learner_reads_their_own_contribution(client, activity):
    client.force_login(activity["petya"])
    body = client.get(ME_URL).json()
    actions, kopecks = ledger_sums(user_id=activity["petya"].pk)
    assert body == {"actions": actions, "points": 4, "kopecks": kopecks}
    assert (actions, kopecks) == (4, 200)


def test_a_visitor_has_no_contribution_to_read(client, activity):
    assert client.get(ME_URL).status_code in (401, 403)


def test_the_api_is_read_only(client, activity):
    assert client.post(URL, {}).status_code == 405
    client.force_login(activity["masha"])
    assert client.post(ME_URL, {}).status_code == 405


def test_the_public_numbers_are_cached_for_the_configured_time(client, activity, settings):
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = 60
    before = client.get(URL).json()["totals"]["actions"]
    api.record_activities([act("work_submitted", activity["masha"].pk, at=timezone.now())])
    assert client.get(URL).json()["totals"]["actions"] == before
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = 0
    assert client.get(URL).json()["totals"]["actions"] == before + 1


def test_reading_a_campaigns_progress_costs_two_queries(activity, campaigns):
    with CaptureQueriesContext(connection) as queries:
        progress = api.campaign_progress(campaigns[2])
    assert len(queries) <= 2
    assert progress.raised_kopecks == campaign_raised_in_ledger(campaigns[2]) == 6_200
    with CaptureQueriesContext(connection) as queries:
        assert api.active_campaign().id == campaigns[2]
    assert len(queries) <= 2


def test_the_page_shows_the_totals_campaigns_and_charts_without_sign_in_or_scripts(client, activity):
    response = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script" not in page.lower()
    assert "script-src" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert page.count("<svg") == 2
    assert len(re.findall(r'<rect class="bar"', page)) == 30 + 12
    assert "212\xa0₽" in page  # 21,200 kopecks
    assert "Маша" in page and "Петя" in page and "Аня" in page
    assert 'lang="ru"' in page
    assert "Сколько собрали добрые дела учеников" in page


def test_the_page_speaks_english_too(client, activity):
    page = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What learners' actions have raised" in page


def test_the_page_has_an_empty_state(client, db):
    page = client.get(PAGE_URL).content.decode()
    assert "<svg" in page
    assert client.get(PAGE_URL).status_code == 200


def test_the_charts_coordinates_are_plain_numbers_in_any_language(client, activity):
    page = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    for value in re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', page):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value


def test_nothing_counted_by_anyone_shows_zeroes(client, rules):
    body = client.get(URL).json()
    assert body["totals"] == {"actions": 0, "kopecks": 0, "children_helped": 0}
    assert all(point["actions"] == 0 for point in body["daily"])
    assert not LedgerEntry.objects.filter(~Q(outcome="counted")).exists()
