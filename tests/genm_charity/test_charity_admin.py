"""The admin: operators keep funds, campaigns, purses and rules; the ledger is read-only; forms never undo counting."""
import datetime

import pytest
from django.urls import reverse

from genm_charity import api
from genm_charity.models import Campaign, LedgerEntry, Purse, Rule, RuleSet
from tests.genm_charity.factories import act


@pytest.fixture
def operator(client, make_user, charity):
    api.record_activities([act("work_submitted", 1), act("like_given", 2), act("contest_won", 3)])
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def url(model, action="changelist", *args):
    return reverse(f"admin:genm_charity_{model}_{action}", args=args)


@pytest.mark.parametrize("model", ["fund", "campaign", "purse", "ruleset", "ledgerentry", "tally"])
def test_every_changelist_opens(operator, model):
    assert operator.get(url(model)).status_code == 200


def test_the_ledger_can_be_filtered_but_never_changed(operator):
    entry = LedgerEntry.objects.get(kind="contest_won")
    listed = operator.get(url("ledgerentry") + "?outcome__exact=counted&kind__exact=contest_won").context["cl"]
    assert [shown.pk for shown in listed.result_list] == [entry.pk]
    assert operator.get(url("ledgerentry", "change", entry.pk)).status_code == 200  # to read
    assert operator.post(url("ledgerentry", "change", entry.pk), {"kopecks": 1}).status_code == 403
    assert operator.get(url("ledgerentry", "add")).status_code == 403
    assert operator.post(url("ledgerentry", "delete", entry.pk), {"post": "yes"}).status_code == 403
    assert LedgerEntry.objects.get(pk=entry.pk).kopecks == 20_000


def test_a_campaign_is_entered_in_rubles_and_kept_in_kopecks(operator, charity):
    response = operator.post(url("campaign", "add"), {
        "fund": Campaign.objects.get(pk=charity[0]).fund_id, "position": 9, "beneficiary_name": "Лёва",
        "beneficiary_age": 4, "purpose": "операция", "story": "", "goal_rubles": "1234.56",
        "starts_at_0": "", "starts_at_1": "", "ends_at_0": "", "ends_at_1": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Campaign.objects.get(beneficiary_name="Лёва").goal_kopecks == 123_456


def test_saving_a_campaign_form_never_undoes_what_the_ledger_decided(operator, charity):
    masha = Campaign.objects.get(pk=charity[0])
    form = {"fund": masha.fund_id, "position": masha.position, "beneficiary_name": "Маша", "beneficiary_age": 8,
            "purpose": masha.purpose, "story": "Новая история", "goal_rubles": "100.00",
            "starts_at_0": "", "starts_at_1": "", "ends_at_0": "", "ends_at_1": ""}
    assert masha.status == "funded"  # the contest win funded her goal
    assert operator.post(url("campaign", "change", masha.pk), form).status_code == 302
    masha.refresh_from_db()
    assert (masha.status, masha.story, masha.beneficiary_age) == ("funded", "Новая история", 8)
    assert masha.funded_at is not None


def test_closing_campaigns_moves_the_queue_on(operator, charity):
    response = operator.post(url("campaign"), {"action": "close_campaigns", "_selected_action": [charity[2]]})
    assert response.status_code == 302
    assert Campaign.objects.get(pk=charity[2]).status == "closed"


def test_purses_may_not_overlap(operator):
    response = operator.post(url("purse", "add"), {"label": "Опять декабрь", "starts_on": "2026-12-20",
                                                   "ends_on": "2027-01-20", "budget_rubles": "500"})
    assert response.status_code == 200
    assert "Декабрь 2026" in response.content.decode()
    assert Purse.objects.count() == 1
    assert operator.post(url("purse", "add"), {"label": "Январь", "starts_on": "2027-01-01", "ends_on": "2027-01-31",
                                               "budget_rubles": "500.50"}).status_code == 302
    assert Purse.objects.get(label="Январь").budget_kopecks == 50_050


def test_an_active_version_is_read_only_and_changed_by_copying(operator):
    active = RuleSet.objects.get(is_active=True)
    assert operator.post(url("ruleset", "change", active.pk), {"label": "x"}).status_code == 403
    response = operator.post(url("ruleset"), {"action": "copy_as_draft", "_selected_action": [active.pk]})
    assert response.status_code == 302
    draft = RuleSet.objects.get(version=2)
    assert draft.is_draft and draft.rules.count() == active.rules.count()
    page = operator.get(url("ruleset", "change", draft.pk))
    assert page.status_code == 200 and b"Save" in page.content or "Сохранить" in page.content.decode()


def test_a_draft_is_edited_with_its_rules_and_then_activated(operator, fund):
    draft = RuleSet.objects.get(is_active=True)
    api.copy_rules(draft.version)
    draft = RuleSet.objects.get(version=2)
    rules = list(draft.rules.order_by("kind"))
    form = {"label": "Зима", "fund": draft.fund_id, "point_value_kopecks": 70, "test_accounts": "qa_bot\n qa_two ",
            "rules-TOTAL_FORMS": len(rules), "rules-INITIAL_FORMS": len(rules), "rules-MIN_NUM_FORMS": 0,
            "rules-MAX_NUM_FORMS": 1000}
    for index, rule in enumerate(rules):
        form.update({f"rules-{index}-id": rule.pk, f"rules-{index}-rule_set": draft.pk,
                     f"rules-{index}-kind": rule.kind, f"rules-{index}-points": rule.points + 1,
                     f"rules-{index}-daily_cap": rule.daily_cap or "",
                     f"rules-{index}-count_staff": "on" if rule.count_staff else ""})
    response = operator.post(url("ruleset", "change", draft.pk), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert (draft.label, draft.point_value_kopecks, draft.test_account_list()) == ("Зима", 70, ("qa_bot", "qa_two"))
    assert Rule.objects.get(rule_set=draft, kind="like_given").points == 2
    operator.post(url("ruleset"), {"action": "activate", "_selected_action": [draft.pk]})
    assert api.get_rules().version == 2
    api.record_activities([act("like_given", 50, at=datetime.datetime(2026, 12, 11, 9, tzinfo=datetime.UTC))])
    assert LedgerEntry.objects.get(user_id=50).kopecks == 2 * 70


def test_a_draft_refuses_nonsense(operator):
    api.copy_rules(1)
    draft = RuleSet.objects.get(version=2)
    response = operator.post(url("ruleset", "change", draft.pk), {
        "label": "", "fund": draft.fund_id, "point_value_kopecks": 0, "test_accounts": "bad name",
        "rules-TOTAL_FORMS": 1, "rules-INITIAL_FORMS": 0, "rules-MIN_NUM_FORMS": 0, "rules-MAX_NUM_FORMS": 1000,
        "rules-0-kind": "like_given", "rules-0-points": -1, "rules-0-daily_cap": 0})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert len(errors) >= 3
    assert RuleSet.objects.get(version=2).point_value_kopecks == 50


def test_a_new_draft_gets_the_next_version_number(operator, fund):
    response = operator.post(url("ruleset", "add"), {
        "label": "С нуля", "fund": RuleSet.objects.get().fund_id, "point_value_kopecks": 10, "test_accounts": "",
        "rules-TOTAL_FORMS": 1, "rules-INITIAL_FORMS": 0, "rules-MIN_NUM_FORMS": 0, "rules-MAX_NUM_FORMS": 1000,
        "rules-0-kind": "like_given", "rules-0-points": 1, "rules-0-daily_cap": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert RuleSet.objects.get(label="С нуля").version == 2
    assert operator.post(url("ruleset"), {"action": "activate",
                                          "_selected_action": list(RuleSet.objects.values_list("pk", flat=True))}
                         ).status_code == 302
    assert api.get_rules().version == 1  # two selected: nothing changes
