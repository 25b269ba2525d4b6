"""Conversion rules: which actions count, for how many points, how many per learner and day, and for whom.

Rules come from a YAML file (``genm_load_rules``) or the admin. Either way they are validated here and stored as a
new numbered version; activating a version is what makes the ledger use it, and each ledger entry records the
version that converted it. A version that has been active is never edited again.

The file is read with PyYAML's ``safe_load``; its composed node tree (also safe) only supplies the line of each key,
so every problem names the line and the dotted key it is about.
"""
import re
from dataclasses import dataclass

import yaml
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .data import ActivityKind, RuleSetData, RuleSpec, RulesSpec
from .errors import CharityConflictError, CharityNotFoundError, RulesError
from .models import Fund, Rule, RuleSet

TOP_KEYS = ("label", "fund", "point_value_kopecks", "test_accounts", "kinds")
REQUIRED_TOP_KEYS = ("fund", "point_value_kopecks", "kinds")
RULE_KEYS = ("points", "daily_cap", "count_staff")
USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


@dataclass(frozen=True)
class ActiveRules:
    """The active version as the ledger applies it to a batch."""

    rule_set_id: int
    version: int
    fund_id: int
    point_value_kopecks: int
    by_kind: dict
    test_accounts: tuple[str, ...]

    @property
    def excludes_anyone(self):
        return any(not rule.count_staff for rule in self.by_kind.values())


# ---------------------------------------------------------------------------------------------- reading YAML
def parse(text, source="rules"):
    """
    Validate a rule set written in YAML and return it as a :class:`RulesSpec`.

    Raises:
        RulesError: every problem found, each naming ``source``, the line and the key.
    """
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulesError([_problem(source, line, "", _("the file is not valid YAML: %(problem)s")
                                   % {"problem": problem})]) from exc
    lines, problems = {}, []
    _index(root, (), lines, problems, source)
    checker = _Checker(source, lines, problems)
    spec = checker.check(data)
    if checker.problems:
        raise RulesError(checker.problems)
    return spec


def _problem(source, line, key, text):
    if key:
        return _("%(source)s, line %(line)s, %(key)s: %(problem)s") % {
            "source": source, "line": line, "key": key, "problem": text}
    return _("%(source)s, line %(line)s: %(problem)s") % {"source": source, "line": line, "problem": text}


def _index(node, path, lines, problems, source):
    """Map each key path to the line it is written on, and report keys written twice (YAML keeps the last)."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.append(_problem(source, line, ".".join((*path, str(key))),
                                     _("written twice (first on line %(first)s)") % {"first": seen[key]}))
        seen.setdefault(key, line)
        lines.setdefault((*path, str(key)), line)
        _index(value_node, (*path, str(key)), lines, problems, source)


class _Checker:
    def __init__(self, source, lines, problems):
        self.source, self.lines, self.problems = source, lines, problems

    def fail(self, path, text):
        line = self.lines.get(tuple(path))
        while line is None and path:
            path = path[:-1]
            line = self.lines.get(tuple(path))
        self.problems.append(_problem(self.source, line or 1, ".".join(path), text))

    def check(self, data):
        if data is None:
            self.problems.append(_problem(self.source, 1, "", _("the file is empty")))
            return None
        if not isinstance(data, dict):
            self.problems.append(_problem(self.source, 1, "", _(
                "the rules must be a mapping with the keys fund, point_value_kopecks and kinds")))
            return None
        self.unknown_keys(data, (), TOP_KEYS)
        for key in REQUIRED_TOP_KEYS:
            if key not in data:
                self.problems.append(_problem(self.source, 1, key, _("this key is required")))
        fund = self.fund(data.get("fund"))
        value = self.whole(("point_value_kopecks",), data.get("point_value_kopecks"), minimum=1)
        label = data.get("label", "")
        if not isinstance(label, str) or len(label) > 100:
            self.fail(("label",), _("must be text of at most 100 characters"))
            label = ""
        rules = self.kinds(data.get("kinds"))
        accounts = self.accounts(data.get("test_accounts", []))
        if self.problems:
            return None
        return RulesSpec(fund_slug=fund, point_value_kopecks=value, rules=rules, label=label,
                         test_accounts=accounts)

    def unknown_keys(self, mapping, path, known):
        for key in mapping:
            if key not in known:
                self.fail((*path, str(key)), _("unknown key; expected one of: %(keys)s") % {"keys": ", ".join(known)})

    def whole(self, path, value, minimum):
        if value is None:  # a missing required key is reported once, by the caller
            return None
        if type(value) is not int or value < minimum:  # bool is an int subclass: ``yes`` is no number
            self.fail(path, _("must be a whole number of at least %(minimum)s, not %(value)r")
                      % {"minimum": minimum, "value": value})
            return None
        return value

    def fund(self, slug):
        if slug is None:
            return ""
        if not isinstance(slug, str) or not Fund.objects.filter(slug=slug, is_active=True).exists():
            self.fail(("fund",), _("no active fund has the slug %(slug)r") % {"slug": slug})
            return ""
        return slug

    def kinds(self, kinds):
        if kinds is None:
            return ()
        if not isinstance(kinds, dict) or not kinds:
            self.fail(("kinds",), _("must map each counted kind of action to its rule"))
            return ()
        known = [kind.value for kind in ActivityKind]
        rules = []
        for kind, rule in kinds.items():
            path = ("kinds", str(kind))
            if kind not in known:
                self.fail(path, _("unknown kind of action; known kinds: %(kinds)s") % {"kinds": ", ".join(known)})
                continue
            if not isinstance(rule, dict):
                self.fail(path, _("must be a mapping with points and, optionally, daily_cap and count_staff"))
                continue
            self.unknown_keys(rule, path, RULE_KEYS)
            if "points" not in rule:
                self.fail(path, _("points is required"))
            points = self.whole((*path, "points"), rule.get("points"), minimum=0)
            cap = self.whole((*path, "daily_cap"), rule.get("daily_cap"), minimum=1)
            count_staff = rule.get("count_staff", False)
            if not isinstance(count_staff, bool):
                self.fail((*path, "count_staff"), _("must be true or false, not %(value)r") % {"value": count_staff})
            if points is not None:
                rules.append(RuleSpec(kind=ActivityKind(kind), points=points, daily_cap=cap,
                                      count_staff=count_staff is True))
        return tuple(rules)

    def accounts(self, accounts):
        if not isinstance(accounts, list):
            self.fail(("test_accounts",), _("must be a list of usernames"))
            return ()
        bad = [name for name in accounts if not isinstance(name, str) or not USERNAME.match(name)]
        if bad:
            self.fail(("test_accounts",), _("not a username: %(names)s") % {"names": ", ".join(map(repr, bad))})
        return tuple(name for name in accounts if name not in bad)


# ---------------------------------------------------------------------------------------------- versions
def create(spec, source="", activate=False):
    """Store ``spec`` as the next version (and make it the active one when ``activate``)."""
    from .ledger import locked  # pylint: disable=import-outside-toplevel  (ledger imports this module)

    with locked():
        fund = Fund.objects.filter(slug=spec.fund_slug, is_active=True).first()
        if fund is None:
            raise RulesError([_("no active fund has the slug %(slug)r") % {"slug": spec.fund_slug}])
        rule_set = RuleSet.objects.create(version=next_version(), label=spec.label, fund=fund,
                                          point_value_kopecks=spec.point_value_kopecks,
                                          test_accounts="\n".join(spec.test_accounts), source=source)
        Rule.objects.bulk_create(Rule(rule_set=rule_set, kind=rule.kind, points=rule.points,
                                      daily_cap=rule.daily_cap, count_staff=rule.count_staff) for rule in spec.rules)
        if activate:
            _activate(rule_set)
    return rule_set_data(rule_set)


def load_file(path, activate=True):
    """Read, validate and store the YAML rules at ``path``; returns the new version."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError([_("%(source)s: cannot read the file: %(problem)s") % {"source": path, "problem": exc}]) \
            from exc
    return create(parse(text, source=str(path)), source=text, activate=activate)


def activate(version):
    """Make ``version`` the rules the ledger converts with from now on."""
    from .ledger import locked  # pylint: disable=import-outside-toplevel

    with locked():
        rule_set = RuleSet.objects.filter(version=version).first()
        if rule_set is None:
            raise CharityNotFoundError(_("There is no rule set version %(version)s.") % {"version": version})
        if rule_set.is_active:
            raise CharityConflictError(_("Version %(version)s is already active.") % {"version": version})
        if not rule_set.rules.exists():
            raise CharityConflictError(_("Version %(version)s has no rules yet.") % {"version": version})
        _activate(rule_set)
    return rule_set_data(rule_set)


def next_version():
    return (RuleSet.objects.aggregate(top=Max("version"))["top"] or 0) + 1


def _activate(rule_set):
    RuleSet.objects.filter(is_active=True).update(is_active=None)
    rule_set.is_active = True
    rule_set.activated_at = rule_set.activated_at or timezone.now()
    RuleSet.objects.filter(pk=rule_set.pk).update(is_active=True, activated_at=rule_set.activated_at)


def copy_as_draft(version):
    """A new, inactive version with the same rules, for an operator to change in the admin."""
    from .ledger import locked  # pylint: disable=import-outside-toplevel

    with locked():
        original = RuleSet.objects.filter(version=version).first()
        if original is None:
            raise CharityNotFoundError(_("There is no rule set version %(version)s.") % {"version": version})
        draft = RuleSet.objects.create(version=next_version(), label=original.label, fund_id=original.fund_id,
                                       point_value_kopecks=original.point_value_kopecks,
                                       test_accounts=original.test_accounts)
        Rule.objects.bulk_create(Rule(rule_set=draft, kind=rule.kind, points=rule.points, daily_cap=rule.daily_cap,
                                      count_staff=rule.count_staff) for rule in original.rules.all())
    return rule_set_data(draft)


def active():
    """The active version, ready for the ledger, or None when no rules were ever activated (nothing counts).

    One query per batch: the ledger asks for every batch, so that an activation applies from the next batch on.
    """
    rows = list(Rule.objects.filter(rule_set__is_active=True).values_list(
        "rule_set_id", "rule_set__version", "rule_set__fund_id", "rule_set__point_value_kopecks",
        "rule_set__test_accounts", "kind", "points", "daily_cap", "count_staff"))
    if not rows:
        return None
    rule_set_id, version, fund_id, point_value, accounts = rows[0][:5]
    return ActiveRules(
        rule_set_id=rule_set_id, version=version, fund_id=fund_id, point_value_kopecks=point_value,
        by_kind={kind: RuleSpec(kind=ActivityKind(kind), points=points, daily_cap=cap, count_staff=count_staff)
                 for *_set, kind, points, cap, count_staff in rows},
        test_accounts=tuple(name.strip() for name in accounts.splitlines() if name.strip()),
    )


def get(version=None):
    """A version (the active one when ``version`` is None) as data, or None."""
    queryset = RuleSet.objects.select_related("fund").prefetch_related("rules")
    rule_set = queryset.filter(is_active=True).first() if version is None else queryset.filter(version=version).first()
    return rule_set_data(rule_set) if rule_set else None


def rule_set_data(rule_set):
    return RuleSetData(
        version=rule_set.version, label=rule_set.label, fund_slug=rule_set.fund.slug,
        point_value_kopecks=rule_set.point_value_kopecks,
        rules=tuple(_spec(rule) for rule in rule_set.rules.order_by("kind")),
        test_accounts=rule_set.test_account_list(), is_active=bool(rule_set.is_active),
        activated_at=rule_set.activated_at,
    )


def _spec(rule):
    return RuleSpec(kind=ActivityKind(rule.kind), points=rule.points, daily_cap=rule.daily_cap,
                    count_staff=rule.count_staff)
