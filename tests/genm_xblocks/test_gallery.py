"""The gallery: cards, filters, keyset paging, likes and reports, as visitors and learners use them over HTTP."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from genm_xblocks import api
from genm_xblocks.models import Like, Report, Work
from genm_xblocks.signals.signals import WORK_LIKED, WORK_UNLIKED

XSS = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>', "<svg onload=alert(3)>"]


@pytest.fixture
def crowd(make_user, people):
    """Ten learners aged 14-18 from two regions, and their usernames."""
    names = [f"kid{number}" for number in range(10)]
    for index, name in enumerate(names):
        api.save_profile(make_user(name), "14-18", "RU-TA" if index % 2 else "RU-MOW")
    return names


def card_ids(workbench, gallery, student="anonymous", **data):
    return [card["id"] for card in workbench.post(gallery, "page", student, data).json()["cards"]]


def test_cards_show_only_what_is_safe_to_show(workbench, gallery, people, publish):
    work_id = publish("alyona", "Закат")
    card = workbench.post(gallery, "page", "anonymous").json()["cards"][0]
    assert card["id"] == work_id
    assert set(card) == {"id", "title", "public_name", "age_group", "region_code", "region_name", "nomination",
                         "like_count", "liked", "is_winner", "published_at", "cover"}
    text = json.dumps(card, ensure_ascii=False)
    assert "alyona" not in text and "Смирнова" not in text
    assert card["cover"]["width"] and card["cover"]["thumbnail_url"].endswith("thumbnail=1")
    assert card["cover"]["thumbnail_url"].startswith("/unauth_handler/")  # one public URL for every visitor
    assert workbench.client.get(card["cover"]["thumbnail_url"]).status_code == 200


def test_the_work_view_has_the_files_and_description(workbench, gallery, people, publish):
    work_id = publish("alyona", "Закат")
    work = workbench.post(gallery, "work", "anonymous", {"work_id": work_id}).json()
    assert work["description"] == "Про Закат"
    assert work["files"][0]["kind"] == "image"
    assert workbench.get(gallery, "file", "anonymous", id=work["files"][0]["id"]).status_code == 200


def test_moderators_preview_pending_files_through_signed_in_urls(workbench, gallery, people, hand_in):
    hand_in("alyona", "Ждёт")
    item = workbench.post(gallery, "moderation", "staff").json()["pending"][0]
    url = item["files"][0]["thumbnail_url"]
    assert url.startswith("/handler/")
    assert workbench.client.get(url).status_code == 200
    assert workbench.client.get(url.replace("/handler/", "/unauth_handler/", 1)).status_code == 404


def test_unpublished_works_and_their_files_are_not_in_the_gallery(workbench, gallery, people, hand_in):
    work_id = hand_in("alyona", "Секрет")
    assert workbench.post(gallery, "work", "anonymous", {"work_id": work_id}).status_code == 404
    file_id = str(Work.objects.get(uuid=work_id).files.get().uuid)
    assert workbench.get(gallery, "file", "anonymous", id=file_id).status_code == 404
    assert workbench.get(gallery, "file", "masha", id=file_id).status_code == 404


def test_filters_by_region_age_group_and_nomination(workbench, gallery, creative_block, crowd, hand_in):
    art = creative_block('nomination="Рисунок"')
    ids = {}
    for name in crowd[:4]:
        ids[name] = hand_in(name, name, target=art)
        workbench.post(gallery, "approve", "staff", {"work_id": ids[name]})
    assert set(card_ids(workbench, gallery, region_code="RU-TA")) == {ids["kid1"], ids["kid3"]}
    assert set(card_ids(workbench, gallery, age_group="14-18")) == set(ids.values())
    assert card_ids(workbench, gallery, age_group="6-9") == []
    assert set(card_ids(workbench, gallery, nomination="Рисунок")) == set(ids.values())
    facets = workbench.post(gallery, "facets", "anonymous").json()
    assert facets["nominations"] == ["Рисунок"]
    assert [code for code, _name in facets["regions"]] == ["RU-MOW", "RU-TA"]


def test_gallery_scope_can_be_limited_to_chosen_blocks(workbench, creative_block, crowd, hand_in, gallery):
    first, second = creative_block(), creative_block()
    one = hand_in("kid0", "A", target=first)
    two = hand_in("kid1", "B", target=second)
    for work_id in (one, two):
        workbench.post(gallery, "approve", "staff", {"work_id": work_id})
    only_first = workbench.scenario(f"<genm_gallery block_ids='[\"{first}\"]'/>")
    assert card_ids(workbench, only_first) == [one]


def test_sorting_newest_most_liked_and_winners_first(workbench, gallery, crowd, publish):
    ids = [publish(name, name) for name in crowd[:3]]
    assert card_ids(workbench, gallery, sort="newest") == ids[::-1]
    workbench.post(gallery, "like", "kid5", {"work_id": ids[0]})
    workbench.post(gallery, "like", "kid6", {"work_id": ids[0]})
    workbench.post(gallery, "like", "kid5", {"work_id": ids[1]})
    assert card_ids(workbench, gallery, sort="most_liked") == [ids[0], ids[1], ids[2]]
    Work.objects.filter(uuid=ids[1]).update(is_winner=True)
    assert card_ids(workbench, gallery, sort="winners") == [ids[1], ids[2], ids[0]]
    assert workbench.post(gallery, "page", "anonymous", {"sort": "random"}).status_code == 400


def test_cursor_paging_walks_every_work_once_even_while_new_ones_arrive(workbench, gallery, crowd, publish,
                                                                       monkeypatch):
    from genm_xblocks import gallery as gallery_module

    monkeypatch.setattr(gallery_module.gallery_page, "__defaults__", (api.GallerySort.NEWEST, None, None, 3))
    ids = [publish(name, name) for name in crowd[:7]]
    first = workbench.post(gallery, "page", "anonymous").json()
    late = publish(crowd[7], "late")  # published between two page loads
    seen = [card["id"] for card in first["cards"]]
    cursor = first["next_cursor"]
    while cursor:
        page = workbench.post(gallery, "page", "anonymous", {"cursor": cursor}).json()
        seen += [card["id"] for card in page["cards"]]
        cursor = page["next_cursor"]
    assert seen == ids[::-1]  # every work once, in order; the newcomer shows on a fresh first page
    assert card_ids(workbench, gallery)[0] == late


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4IiwgMV0", "WzEsMiwzLDRd", "WyIyMDI2LTAxLTAxIiwidHJ1ZSJd"])
def test_a_broken_cursor_is_a_client_error(workbench, gallery, people, cursor):
    response = workbench.post(gallery, "page", "anonymous", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["field_errors"]


def test_a_page_costs_the_same_few_queries_whatever_the_page_or_filter(workbench, gallery, crowd, publish,
                                                                      monkeypatch):
    from genm_xblocks import gallery as gallery_module

    monkeypatch.setattr(gallery_module.gallery_page, "__defaults__", (api.GallerySort.NEWEST, None, None, 2))
    for name in crowd[:6]:
        publish(name, name)
    counts = []
    cursor = None
    for data in ({}, {"region_code": "RU-TA"}, {"sort": "most_liked"}, {"sort": "winners"}):
        for _page in range(2):
            with CaptureQueriesContext(connection) as queries:
                body = workbench.post(gallery, "page", "kid9", {**data, "cursor": cursor}).json()
            counts.append(len(queries))
            cursor = body["next_cursor"]
        cursor = None
    assert len(set(counts)) == 1 and counts[0] <= 8, counts


def test_likes_count_once_and_toggle(workbench, gallery, crowd, publish):
    work_id = publish("kid0", "Кит")
    heard = []
    WORK_LIKED.connect(lambda sender, like, **kw: heard.append(("like", like.user_id)), weak=False, dispatch_uid="l")
    WORK_UNLIKED.connect(lambda sender, like, **kw: heard.append(("unlike", like.user_id)), weak=False,
                         dispatch_uid="u")
    try:
        first = workbench.post(gallery, "like", "kid1", {"work_id": work_id}).json()
        again = workbench.post(gallery, "like", "kid1", {"work_id": work_id, "liked": True}).json()
        other = workbench.post(gallery, "like", "kid2", {"work_id": work_id}).json()
        off = workbench.post(gallery, "like", "kid1", {"work_id": work_id, "liked": False}).json()
        off_again = workbench.post(gallery, "like", "kid1", {"work_id": work_id, "liked": False}).json()
    finally:
        WORK_LIKED.disconnect(dispatch_uid="l")
        WORK_UNLIKED.disconnect(dispatch_uid="u")
    assert (first["like_count"], again["like_count"], other["like_count"]) == (1, 1, 2)
    assert (off["liked"], off["like_count"], off_again["like_count"]) == (False, 1, 1)
    kid1 = Like.objects.model._meta.get_field("user").related_model.objects.get(username="kid1").pk
    assert [kind for kind, _user in heard] == ["like", "like", "unlike"]
    assert heard[0][1] == kid1
    cards = workbench.post(gallery, "page", "kid2").json()["cards"]
    assert cards[0]["liked"] is True and cards[0]["like_count"] == 1


def test_a_like_is_one_insert_and_one_counter_update(workbench, gallery, crowd, publish):
    work_id = publish("kid0", "Кит")
    for name in crowd[1:5]:
        workbench.post(gallery, "like", name, {"work_id": work_id})
    with CaptureQueriesContext(connection) as queries:
        workbench.post(gallery, "like", "kid6", {"work_id": work_id})
    writes = [_statement(q["sql"]) for q in queries.captured_queries
              if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    # The gallery's own tables: listeners of WORK_LIKED (the charity ledger) run in a worker in production, and only
    # here, with Celery eager, inside the request.
    writes = [write for write in writes if write.split()[1].startswith("genm_xblocks_")]
    assert writes == ["UPDATE genm_xblocks_work", "INSERT genm_xblocks_like"], writes


def _statement(sql):
    """("INSERT", table) of an INSERT INTO / UPDATE / DELETE FROM statement."""
    words = sql.split()
    table = words[1] if words[0].upper() == "UPDATE" else words[2]
    return f"{words[0].upper()} {table.strip(chr(34) + chr(96))}"


def test_owners_cannot_like_their_own_work_and_visitors_cannot_like_at_all(workbench, gallery, crowd, publish):
    work_id = publish("kid0", "Кит")
    assert workbench.post(gallery, "like", "kid0", {"work_id": work_id}).status_code == 403
    assert workbench.post(gallery, "like", "anonymous", {"work_id": work_id}).status_code == 403
    assert Work.objects.get(uuid=work_id).like_count == 0


def test_likes_are_rate_limited_per_account(workbench, gallery, crowd, publish, settings):
    settings.GENM_LIKES_PER_HOUR = 3
    ids = [publish(name, name) for name in crowd[:5]]
    answers = [workbench.post(gallery, "like", "kid9", {"work_id": work_id}) for work_id in ids]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429, 429]
    assert answers[-1].json()["error"]
    assert workbench.post(gallery, "like", "kid8", {"work_id": ids[0]}).status_code == 200  # others unaffected


def test_only_published_works_can_be_liked(workbench, gallery, crowd, hand_in):
    work_id = hand_in("kid0", "Кит")
    assert workbench.post(gallery, "like", "kid1", {"work_id": work_id}).status_code == 404
    assert workbench.post(gallery, "like", "kid1", {"work_id": "nonsense"}).status_code == 404


def test_reports_are_deduplicated_and_enough_of_them_hide_the_work(workbench, gallery, crowd, publish, settings):
    settings.GENM_REPORT_HIDE_THRESHOLD = 3
    work_id = publish("kid0", "Кит")
    for _reload in range(5):
        result = workbench.post(gallery, "report", "kid1", {"work_id": work_id, "category": "bullying"}).json()
    assert result["recorded"] is False and Report.objects.count() == 1
    workbench.post(gallery, "report", "kid2", {"work_id": work_id, "category": "copied", "comment": "Это не его"})
    assert Work.objects.get(uuid=work_id).status == "published"
    last = workbench.post(gallery, "report", "kid3", {"work_id": work_id, "category": "inappropriate"}).json()
    assert last == {**last, "recorded": True, "hidden": True}
    assert Work.objects.get(uuid=work_id).status == "in_review"
    assert card_ids(workbench, gallery) == []
    queue = workbench.post(gallery, "moderation", "staff").json()["pending"]
    assert {r["category"] for r in queue[0]["reports"]} == {"bullying", "copied", "inappropriate"}
    assert queue[0]["decisions"][-1]["action"] == "hide"


def test_staff_see_reports_grouped_by_work_and_approval_settles_them(workbench, gallery, crowd, publish):
    one, two = publish("kid0", "Кит"), publish("kid1", "Кот")
    publish("kid4", "Никто не жаловался")
    workbench.post(gallery, "report", "kid2", {"work_id": one, "category": "copied"})
    workbench.post(gallery, "report", "kid3", {"work_id": one, "category": "other", "comment": "странно"})
    workbench.post(gallery, "report", "kid2", {"work_id": two, "category": "bullying"})
    reported = workbench.post(gallery, "moderation", "staff").json()["reported"]
    assert [(item["id"], len(item["reports"])) for item in reported] == [(one, 2), (two, 1)]
    workbench.post(gallery, "unpublish", "staff", {"work_id": two, "reason_code": "inappropriate"})
    assert Report.objects.get(work__uuid=two).resolved_at is not None


def test_personal_information_reports_tell_the_child_to_ask_an_adult(workbench, gallery, crowd, publish):
    work_id = publish("kid0", "Кит")
    answer = workbench.post(gallery, "report", "kid1", {"work_id": work_id, "category": "personal_info"},
                            HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["recorded"] is True
    assert "parent or teacher" in answer["message"]


@pytest.mark.parametrize(
    ("body", "status"),
    [({"category": "spam"}, 400), ({"category": "other", "comment": "x" * 501}, 400), ({"category": "other"}, 200)],
)
def test_report_input_is_checked(workbench, gallery, crowd, publish, body, status):
    work_id = publish("kid0", "Кит")
    assert workbench.post(gallery, "report", "kid1", {"work_id": work_id, **body}).status_code == status


def test_reporting_needs_an_account_and_not_ones_own_work(workbench, gallery, crowd, publish):
    work_id = publish("kid0", "Кит")
    assert workbench.post(gallery, "report", "anonymous", {"work_id": work_id, "category": "other"}).status_code \
        == 403
    assert workbench.post(gallery, "report", "kid0", {"work_id": work_id, "category": "other"}).status_code == 403


def test_learner_text_is_inert_data_in_every_answer(workbench, gallery, block, people, make_user, publish):
    user = make_user("hacker", first_name=XSS[0], last_name=XSS[1])
    api.save_profile(user, "14-18", "RU-MOW", "")
    work_id = publish("hacker", XSS[1])
    Work.objects.filter(uuid=work_id).update(description="\n".join(XSS), nomination=XSS[2])
    page = workbench.post(gallery, "page", "anonymous")
    assert page["Content-Type"].startswith("application/json")
    card = page.json()["cards"][0]
    assert card["title"] == XSS[1] and card["public_name"] == '<img ".'  # first word and initial, as text
    work = workbench.post(gallery, "work", "anonymous", {"work_id": work_id}).json()
    assert work["description"].split("\n") == XSS
    html = workbench.client.get(f"/scenario/{workbench.names[-1]}/?student=anonymous").content.decode()
    assert "onerror=alert" not in html and "<script>alert" not in html


@pytest.mark.parametrize("handler", ["like", "report"])
def test_gallery_actions_refuse_get(workbench, gallery, people, handler):
    assert workbench.get(gallery, handler, "alyona").status_code == 405


def test_button_words_keep_their_meaning_beside_other_apps_catalogs():
    """Django merges every app's catalog: "Open" the button must not become another app's "Open" (a status)."""
    from django.utils import translation

    from genm_xblocks.blocks.creative_work_state import translated_strings
    from genm_xblocks.blocks.gallery import gallery_strings

    with translation.override("ru"):
        assert gallery_strings()["open"] == translated_strings()["open"] == "Открыть"
