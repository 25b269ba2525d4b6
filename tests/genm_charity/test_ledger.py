"""The conversion maths, to the kopeck: points, caps, the purse, overflow between campaigns, exclusions, versions."""
import datetime

import pytest
from django.db.models import Sum

from genm_charity import api
from genm_charity.models import Campaign, LedgerEntry, Overflow
from tests.genm_charity.factories import DECEMBER, RULES, act

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(LedgerEntry.objects.filter(**filters).order_by("occurred_at", "id"))


def raised(campaign_id):
    return api.campaign_progress(campaign_id).raised_kopecks


def assert_no_drift():
    report = api.recompute_totals(fix=False)
    assert report.drift == ()


def test_points_times_the_point_value_go_to_the_active_campaign(charity):
    masha = charity[0]
    result = api.record_activities([act("work_submitted", 1), act("like_given", 2)])
    assert (result.counted, result.kopecks) == (2, 20 * 50 + 1 * 50)
    assert raised(masha) == 1050
    assert api.totals() == api.TotalsData(actions=2, kopecks=1050, children_helped=0)
    assert api.contribution(1) == api.ContributionData(actions=1, points=20, kopecks=1000)
    assert api.contribution(2) == api.ContributionData(actions=1, points=1, kopecks=50)
    assert api.contribution(3) == api.ContributionData(actions=0, points=0, kopecks=0)
    assert [entry.outcome for entry in entries()] == ["counted", "counted"]
    assert_no_drift()


def test_a_goal_is_reached_to_the_kopeck_and_the_overflow_flows_down_the_queue(charity):
    masha, petya, anya = charity
    works = [act("work_submitted", user) for user in (1, 2, 3) for _ in range(3)]
    api.record_activities(works)
    assert raised(masha) == 9_000
    win = act("contest_won", 4, at=DECEMBER + datetime.timedelta(hours=1))
    api.record_activities([win])
    assert [raised(masha), raised(petya), raised(anya)] == [10_000, 5_000, 14_000]
    funded = {campaign.pk: campaign for campaign in Campaign.objects.all()}
    assert funded[masha].status == funded[petya].status == "funded"
    assert funded[masha].funded_at is not None
    assert funded[anya].status == "open"
    entry = LedgerEntry.objects.get(kind="contest_won")
    assert (entry.kopecks, entry.campaign_id, entry.campaign_kopecks) == (20_000, masha, 1_000)
    assert sorted(Overflow.objects.values_list("campaign_id", "kopecks")) == sorted([(petya, 5_000),
                                                                                    (anya, 14_000)])
    assert api.totals() == api.TotalsData(actions=10, kopecks=29_000, children_helped=2)
    assert api.active_campaign().id == anya
    assert_no_drift()


def test_money_with_no_open_campaign_stays_with_the_fund(charity):
    for campaign_id in charity:
        api.close_campaign(campaign_id)
    api.record_activities([act("work_submitted", 1)])
    entry = LedgerEntry.objects.get()
    assert (entry.outcome, entry.kopecks, entry.campaign_id, entry.fund.slug) == ("counted", 1000, None, "sistema")
    assert api.active_campaign() is None
    assert api.totals().kopecks == 1000
    assert_no_drift()


def test_the_daily_cap_counts_per_learner_kind_and_sponsor_day(charity):
    likes = [act("like_given", 1) for _ in range(5)]
    result = api.record_activities(likes)
    assert (result.counted, result.capped) == (3, 2)
    assert api.record_activities([act("like_given", 2)]).counted == 1  # another learner
    assert api.record_activities([act("work_submitted", 1)]).counted == 1  # another kind
    # 21:30 UTC is already the next day in Moscow, where the sponsor's day is counted
    late = DECEMBER.replace(hour=21, minute=30)
    assert api.record_activities([act("like_given", 1, at=late)]).counted == 1
    assert LedgerEntry.objects.get(occurred_at=late).day == datetime.date(2026, 12, 11)
    capped = entries(outcome="capped")
    assert [(entry.points, entry.kopecks, entry.campaign_id) for entry in capped] == [(0, 0, None)] * 2
    assert api.contribution(1).actions == 5
    assert_no_drift()


def test_the_cap_holds_across_batches(charity):
    api.record_activities([act("like_given", 1), act("like_given", 1)])
    assert api.record_activities([act("like_given", 1), act("like_given", 1)]).capped == 1


def test_the_purse_pays_until_it_is_spent_to_the_kopeck_then_no_more(charity):
    api.record_activities([act("contest_won", user) for user in (1, 2, 3, 4)])  # 4 x 200 ₽ of a 1,000 ₽ purse
    api.record_activities([act("work_submitted", 5)])  # 10 ₽ more: 190 ₽ left
    result = api.record_activities([act("contest_won", 6, at=DECEMBER + datetime.timedelta(minutes=1)),
                                    act("contest_won", 7, at=DECEMBER + datetime.timedelta(minutes=2)),
                                    act("like_given", 8, at=DECEMBER + datetime.timedelta(minutes=3))])
    assert (result.counted, result.purse_exhausted, result.kopecks) == (1, 2, 19_000)
    partial = LedgerEntry.objects.get(user_id=6)
    assert (partial.outcome, partial.points, partial.kopecks) == ("counted", 400, 19_000)
    assert [entry.outcome for entry in entries(user_id__in=[7, 8])] == ["purse_exhausted"] * 2
    spent = LedgerEntry.objects.filter(outcome="counted", purse__isnull=False).aggregate(total=Sum("kopecks"))
    assert spent["total"] == 100_000
    assert api.totals().kopecks == 100_000
    assert_no_drift()


def test_a_day_no_purse_covers_pays_nothing_but_is_recorded(charity):
    november = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
    result = api.record_activities([act("work_submitted", 1, at=november)])
    assert result.purse_exhausted == 1
    entry = LedgerEntry.objects.get()
    assert (entry.outcome, entry.kopecks, entry.purse_id) == ("purse_exhausted", 0, None)


def test_each_month_spends_its_own_purse(charity):
    api.add_purse("Январь 2027", datetime.date(2027, 1, 1), datetime.date(2027, 1, 31), 500)
    january = datetime.datetime(2027, 1, 5, 9, tzinfo=datetime.UTC)
    result = api.record_activities([act("work_submitted", 1, at=january), act("work_submitted", 2)])
    assert result.kopecks == 500 + 1000
    assert LedgerEntry.objects.get(user_id=1).kopecks == 500


def test_staff_superusers_and_test_accounts_are_excluded_unless_the_rule_counts_them(charity, make_user):
    staff = make_user("teacher", is_staff=True)
    admin = make_user("root", is_superuser=True)
    tester = make_user("qa_bot")
    learner = make_user("kid")
    result = api.record_activities([act("like_given", user.pk) for user in (staff, admin, tester, learner)])
    assert (result.counted, result.excluded) == (1, 3)
    excluded = entries(outcome="excluded")
    assert {entry.user_id for entry in excluded} == {staff.pk, admin.pk, tester.pk}
    assert all(entry.kopecks == 0 and entry.rule_set.version == 1 for entry in excluded)
    # course_enrolled says count_staff: true
    assert api.record_activities([act("course_enrolled", staff.pk)]).counted == 1


def test_a_kind_without_a_rule_is_excluded(fund, purse, campaigns, rules_file):
    api.load_rules_file(rules_file("fund: sistema\npoint_value_kopecks: 10\nkinds:\n  like_given: {points: 1}\n"))
    result = api.record_activities([act("like_given", 1), act("video_completed", 1)])
    assert (result.counted, result.excluded) == (1, 1)


def test_nothing_counts_before_any_rules_are_active(fund, purse, campaigns):
    result = api.record_activities([act("work_submitted", 1)])
    assert result.excluded == 1
    entry = LedgerEntry.objects.get()
    assert (entry.rule_set_id, entry.kopecks) == (None, 0)
    assert api.totals().actions == 0


def test_a_zero_point_rule_counts_the_action_without_money_even_without_a_purse(fund, campaigns, rules_file):
    api.load_rules_file(rules_file("fund: sistema\npoint_value_kopecks: 10\nkinds:\n  like_given: {points: 0}\n"))
    result = api.record_activities([act("like_given", 1)])
    assert (result.counted, result.kopecks) == (1, 0)
    assert api.contribution(1).actions == 1


def test_every_entry_records_the_rule_version_that_converted_it(charity, rules_file):
    api.record_activities([act("work_submitted", 1)])
    doubled = rules_file(RULES.replace("point_value_kopecks: 50", "point_value_kopecks: 100"),
                         name="v2.yaml")
    assert api.load_rules_file(doubled).version == 2
    api.record_activities([act("work_submitted", 2)])
    assert [(entry.rule_set.version, entry.kopecks) for entry in entries()] == [(1, 1000), (2, 2000)]
    assert api.get_rules(1).is_active is False
    assert api.get_rules().version == 2


def test_a_campaign_that_has_not_started_is_skipped_and_one_that_ended_closes(charity):
    masha, petya, anya = charity
    later = api.add_campaign("sistema", "Оля", "коляска", 1_000, position=0,
                             starts_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    Campaign.objects.filter(pk=masha).update(ends_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    api.record_activities([act("work_submitted", 1)])
    assert raised(later) == raised(masha) == 0
    assert raised(petya) == 1000
    assert Campaign.objects.get(pk=masha).status == "closed"
    assert Campaign.objects.get(pk=later).status == "open"


def test_a_goal_lowered_below_what_was_raised_is_reached_at_the_next_action(charity):
    masha, petya, _anya = charity
    api.record_activities([act("work_submitted", 1)])
    Campaign.objects.filter(pk=masha).update(goal_kopecks=500)
    api.record_activities([act("work_submitted", 2)])
    assert Campaign.objects.get(pk=masha).status == "funded"
    assert raised(petya) == 1000
    assert api.totals().children_helped == 1


def test_one_action_can_fund_several_small_goals(fund, rules, purse):
    tiny = [api.add_campaign("sistema", name, "лекарства", goal) for name, goal in (("А", 300), ("Б", 200),
                                                                                   ("В", 100_000))]
    api.record_activities([act("work_submitted", 1)])  # 1,000 kopecks
    assert [raised(campaign) for campaign in tiny] == [300, 200, 500]
    assert Overflow.objects.count() == 2
    assert_no_drift()


def test_the_same_actions_twice_change_nothing_the_second_time(charity):
    batch = [act("work_submitted", 1), act("like_given", 2), act("contest_won", 3), act("like_given", 2)]
    first = api.record_activities(batch)
    totals, mine = api.totals(), api.contribution(2)
    second = api.record_activities(batch)
    assert first.duplicates == 0 and first.recorded == 4
    assert (second.recorded, second.duplicates) == (0, 4)
    assert (api.totals(), api.contribution(2)) == (totals, mine)
    assert LedgerEntry.objects.count() == 4


def test_duplicates_inside_one_call_are_recorded_once(charity):
    like = act("like_given", 1, "work-1")
    result = api.record_activities([like, like, api.Activity.of("like_given", 1, "other-course", DECEMBER, 1,
                                                                "work-1")])
    assert (result.recorded, result.duplicates) == (1, 2)


def test_batches_split_a_long_list_without_losing_or_doubling(charity, settings):
    settings.GENM_CHARITY_BATCH_SIZE = 7
    activities = [act("block_completed", user % 13) for user in range(100)]
    result = api.record_activities(activities + activities[:30])
    assert (result.recorded, result.duplicates) == (100, 30)
    assert LedgerEntry.objects.count() == 100
    assert_no_drift()


def test_recompute_finds_and_fixes_a_tampered_counter(charity):
    from genm_charity.models import LearnerTally, Tally

    api.record_activities([act("work_submitted", 1), act("like_given", 2)])
    Tally.objects.filter(scope="total").update(kopecks=1)
    LearnerTally.objects.filter(user_id=2).update(actions=9)
    LearnerTally.objects.create(user_id=77, actions=1)
    report = api.recompute_totals(fix=False)
    assert {(drift.scope, drift.field) for drift in report.drift} == {
        ("total", "kopecks"), ("learner:2", "actions"), ("learner:77", "actions")}
    assert api.recompute_totals().drift
    assert api.recompute_totals(fix=False).drift == ()
    assert api.totals().kopecks == 1050
    assert api.contribution(77).actions == 0
