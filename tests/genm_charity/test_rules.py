"""Conversion rules from YAML: validated with errors that name the line and key, stored as numbered versions."""
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from genm_charity import api
from genm_charity.models import RuleSet
from tests.genm_charity.factories import RULES

pytestmark = pytest.mark.django_db

DEFAULT_RULES = Path(api.__file__).parent / "default_rules.yaml"


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here (the demo's language is Russian; one test checks that too)."""
    with translation.override("en"):
        yield


def problems(text, source="rules.yaml"):
    with pytest.raises(api.RulesError) as raised:
        api.parse_rules(text, source=source)
    return raised.value.problems


def test_a_valid_file_becomes_a_spec(fund):
    spec = api.parse_rules(RULES)
    assert (spec.fund_slug, spec.point_value_kopecks, spec.label, spec.test_accounts) == (
        "sistema", 50, "Тестовые правила", ("qa_bot",))
    rules = {rule.kind: rule for rule in spec.rules}
    assert len(rules) == len(api.ActivityKind)
    assert rules["like_given"] == api.RuleSpec(kind="like_given", points=1, daily_cap=3, count_staff=False)
    assert rules["contest_won"].daily_cap is None
    assert rules["course_enrolled"].count_staff is True


def test_the_packaged_default_rules_are_valid(fund):
    spec = api.parse_rules(DEFAULT_RULES.read_text(encoding="utf-8"))
    assert {rule.kind for rule in spec.rules} == set(api.ActivityKind)


@pytest.mark.parametrize(("text", "expected"), [
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: ten}\n",
     "rules.yaml, line 4, kinds.like_given.points: must be a whole number of at least 0, not 'ten'"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given:\n    points: 1\n    daily_cap: 0\n",
     "rules.yaml, line 6, kinds.like_given.daily_cap: must be a whole number of at least 1, not 0"),
    ("fund: sistema\npoint_value_kopecks: yes\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 2, point_value_kopecks: must be a whole number of at least 1, not True"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  likes: {points: 1}\n",
     "rules.yaml, line 4, kinds.likes: unknown kind of action; known kinds: work_submitted"),
    ("fund: sistema\npoint_value_kopecks: 50\nfnd: x\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 3, fnd: unknown key; expected one of: label, fund"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: 1, dialy_cap: 3}\n",
     "rules.yaml, line 4, kinds.like_given.dialy_cap: unknown key; expected one of: points, daily_cap, count_staff"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: 1, count_staff: maybe}\n",
     "rules.yaml, line 4, kinds.like_given.count_staff: must be true or false, not 'maybe'"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {daily_cap: 2}\n",
     "rules.yaml, line 4, kinds.like_given: points is required"),
    ("fund: nobody\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 1, fund: no active fund has the slug 'nobody'"),
    ("fund: sistema\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 1, point_value_kopecks: this key is required"),
    ("fund: sistema\npoint_value_kopecks: 50\ntest_accounts: qa_bot\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 3, test_accounts: must be a list of usernames"),
    ("fund: sistema\npoint_value_kopecks: 50\ntest_accounts: [\"bad name\"]\nkinds:\n  like_given: {points: 1}\n",
     "rules.yaml, line 3, test_accounts: not a username: 'bad name'"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds: []\n",
     "rules.yaml, line 3, kinds: must map each counted kind of action to its rule"),
    ("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: 1}\n  like_given: {points: 2}\n",
     "rules.yaml, line 5, kinds.like_given: written twice (first on line 4)"),
    ("fund: sistema\n  point_value_kopecks: 50\n", "rules.yaml, line 2: the file is not valid YAML: mapping values"),
    ("", "rules.yaml, line 1: the file is empty"),
    ("- fund\n- kinds\n", "rules.yaml, line 1: the rules must be a mapping"),
])
def test_each_problem_names_the_line_and_the_key(fund, text, expected):
    assert any(problem.startswith(expected) for problem in problems(text)), problems(text)


def test_problems_are_told_in_the_operators_language(fund):
    with translation.override("ru"):
        found = problems("fund: sistema\npoint_value_kopecks: 50\nkinds:\n  like_given: {points: ten}\n")
    assert found == ("rules.yaml, строка 4, kinds.like_given.points: должно быть целым числом не меньше 0, "
                     "а не 'ten'",)


def test_every_problem_is_reported_at_once(fund):
    found = problems("fund: nobody\npoint_value_kopecks: -5\nkinds:\n  like_given: {points: -1}\n  likes: {}\n")
    assert [problem.split(":")[0] for problem in found] == [
        "rules.yaml, line 1, fund", "rules.yaml, line 2, point_value_kopecks",
        "rules.yaml, line 4, kinds.like_given.points", "rules.yaml, line 5, kinds.likes"]


def test_yaml_tags_that_would_build_objects_are_refused(fund):
    found = problems("fund: !!python/object/apply:os.system ['true']\npoint_value_kopecks: 50\nkinds: {}\n")
    assert "not valid YAML" in found[0]


def test_loading_makes_a_new_active_version_each_time(fund, rules_file):
    first = api.load_rules_file(rules_file())
    second = api.load_rules_file(rules_file())
    assert (first.version, second.version) == (1, 2)
    assert api.get_rules().version == 2
    assert api.get_rules(1).is_active is False
    assert RuleSet.objects.get(version=1).source == RULES


def test_a_draft_waits_until_it_is_activated(fund, rules_file):
    api.load_rules_file(rules_file())
    draft = api.load_rules_file(rules_file(), activate=False)
    assert (draft.version, draft.is_active, api.get_rules().version) == (2, False, 1)
    assert api.activate_rules(2).is_active
    assert api.get_rules().version == 2
    with pytest.raises(api.CharityConflictError):
        api.activate_rules(2)
    with pytest.raises(api.CharityNotFoundError):
        api.activate_rules(99)


def test_a_copy_is_an_editable_draft_with_the_same_rules(rules):
    copy = api.copy_rules(1)
    assert (copy.version, copy.is_active, copy.rules) == (2, False, api.get_rules(1).rules)
    assert RuleSet.objects.get(version=2).is_draft


def test_an_unreadable_file_is_a_clear_error(fund, tmp_path):
    with pytest.raises(api.RulesError, match="cannot read the file"):
        api.load_rules_file(tmp_path / "missing.yaml")


def test_the_command_loads_a_file_and_reports(fund, rules_file, capsys):
    call_command("genm_load_rules", str(rules_file()))
    assert "as version 1 (active): 10 kinds of action, 50 kopecks a point, for the fund sistema" in (
        capsys.readouterr().out)
    call_command("genm_load_rules", str(rules_file()), "--draft")
    assert "version 2 (a draft)" in capsys.readouterr().out


def test_the_command_reads_the_setting_when_given_no_file(fund, rules_file, settings, capsys):
    settings.GENM_CHARITY_RULES_FILE = str(rules_file())
    call_command("genm_load_rules")
    assert api.get_rules().version == 1
    settings.GENM_CHARITY_RULES_FILE = ""
    with pytest.raises(CommandError, match="GENM_CHARITY_RULES_FILE"):
        call_command("genm_load_rules")


def test_the_command_lists_every_problem_and_changes_nothing(fund, rules_file):
    bad = rules_file("fund: sistema\npoint_value_kopecks: 0\nkinds:\n  like_given: {points: x}\n", name="bad.yaml")
    with pytest.raises(CommandError) as raised:
        call_command("genm_load_rules", str(bad))
    assert f"{bad}, line 2, point_value_kopecks" in str(raised.value)
    assert f"{bad}, line 4, kinds.like_given.points" in str(raised.value)
    assert not RuleSet.objects.exists()
