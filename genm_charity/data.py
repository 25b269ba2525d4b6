"""Frozen data passed across this app's boundary: api.py returns these, never models or querysets.

Money is always an integer number of kopecks (100 kopecks = 1 ruble).
"""
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum


class ActivityKind(StrEnum):
    """Every learner action the ledger can count, each fed by one source."""

    WORK_SUBMITTED = "work_submitted"
    WORK_PUBLISHED = "work_published"
    LIKE_GIVEN = "like_given"
    CONTEST_WON = "contest_won"
    COURSE_ENROLLED = "course_enrolled"
    COURSE_PASSED = "course_passed"
    CERTIFICATE_EARNED = "certificate_earned"
    BLOCK_COMPLETED = "block_completed"
    PROBLEM_SOLVED = "problem_solved"
    VIDEO_COMPLETED = "video_completed"


class Outcome(StrEnum):
    """What became of a recorded action; only ``counted`` moves money."""

    COUNTED = "counted"
    CAPPED = "capped"
    PURSE_EXHAUSTED = "purse_exhausted"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class FundData:
    """A partner charity as the public sees it."""

    slug: str
    name: str
    description: str
    website: str


@dataclass(frozen=True)
class Activity:
    """
    One learner action as a source saw it. ``key`` names the action itself, so every delivery of the same action
    (a replay, a retry, a duplicate signal, a second worker) carries the same key and is counted once.
    """

    key: str
    kind: ActivityKind
    user_id: int
    course_key: str
    occurred_at: datetime

    @classmethod
    def of(cls, kind, user_id, course_key, occurred_at, *identity):
        """The activity whose key is the kind followed by what identifies the action (``identity``)."""
        if occurred_at is None:
            occurred_at = datetime.now(UTC)
        elif occurred_at.tzinfo is None:
            occurred_at = occurred_at.replace(tzinfo=UTC)
        key = ":".join([str(kind), *(str(part) for part in identity)])
        return cls(key=key, kind=ActivityKind(kind), user_id=int(user_id), course_key=str(course_key or ""),
                   occurred_at=occurred_at)

    @property
    def digest(self) -> str:
        """What the ledger stores and makes unique: the key's SHA-256, fixed-width whatever the key's length."""
        return hashlib.sha256(self.key.encode()).hexdigest()

    def to_message(self) -> list:
        """A compact JSON-safe form for a Celery message."""
        return [self.key, str(self.kind), self.user_id, self.course_key, self.occurred_at.isoformat()]

    @classmethod
    def from_message(cls, message):
        key, kind, user_id, course_key, occurred_at = message
        return cls(key=str(key), kind=ActivityKind(kind), user_id=int(user_id), course_key=str(course_key),
                   occurred_at=datetime.fromisoformat(occurred_at))


@dataclass(frozen=True)
class RecordResult:
    """How many of the activities handed to the ledger got each outcome, and how many it had seen before."""

    counted: int = 0
    capped: int = 0
    purse_exhausted: int = 0
    excluded: int = 0
    duplicates: int = 0
    kopecks: int = 0

    def __add__(self, other):
        return RecordResult(**{name: getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__})

    @property
    def recorded(self) -> int:
        return self.counted + self.capped + self.purse_exhausted + self.excluded


@dataclass(frozen=True)
class RuleSpec:
    """One conversion rule: what an action of ``kind`` is worth, and how often a learner may earn it per day."""

    kind: ActivityKind
    points: int
    daily_cap: int | None = None
    count_staff: bool = False


@dataclass(frozen=True)
class RulesSpec:
    """A whole rule set as a YAML file or the admin describes it, already validated."""

    fund_slug: str
    point_value_kopecks: int
    rules: tuple[RuleSpec, ...]
    label: str = ""
    test_accounts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSetData:
    version: int
    label: str
    fund_slug: str
    point_value_kopecks: int
    rules: tuple[RuleSpec, ...]
    test_accounts: tuple[str, ...]
    is_active: bool
    activated_at: datetime | None


@dataclass(frozen=True)
class CampaignData:
    """A fund's goal for one child, with its progress; the child is described only as the fund published it."""

    id: int
    fund_slug: str
    fund_name: str
    beneficiary_name: str
    beneficiary_age: int | None
    purpose: str
    story: str
    goal_kopecks: int
    raised_kopecks: int
    actions: int
    status: str
    funded_at: datetime | None

    @property
    def percent(self) -> int:
        """Whole percent raised, never 100 before the goal is reached to the kopeck."""
        if self.raised_kopecks >= self.goal_kopecks:
            return 100
        return min(99, self.raised_kopecks * 100 // self.goal_kopecks)


@dataclass(frozen=True)
class TotalsData:
    """What all learners' counted actions have raised so far, and how many children it has paid for."""

    actions: int
    kopecks: int
    children_helped: int


@dataclass(frozen=True)
class ContributionData:
    """One learner's own counted actions and the money they gave."""

    actions: int
    points: int
    kopecks: int


@dataclass(frozen=True)
class PurseData:
    """The sponsor's budget for one period and how much of it is spent."""

    label: str
    starts_on: date
    ends_on: date
    budget_kopecks: int
    spent_kopecks: int

    @property
    def remaining_kopecks(self) -> int:
        return max(self.budget_kopecks - self.spent_kopecks, 0)

    @property
    def is_spent(self) -> bool:
        return self.spent_kopecks >= self.budget_kopecks


@dataclass(frozen=True)
class SeriesPoint:
    """One bar of a chart: a day (actions per day) or the first day of a month (money per month)."""

    day: date
    actions: int
    kopecks: int


@dataclass(frozen=True)
class ImpactData:
    """Everything the public impact page and API show."""

    totals: TotalsData
    campaigns: tuple[CampaignData, ...]
    funded: tuple[CampaignData, ...]
    daily: tuple[SeriesPoint, ...]
    monthly: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class Overview:
    """What the progress block shows one viewer: the active campaign, the totals, their own part, the purse."""

    campaign: CampaignData | None
    totals: TotalsData
    contribution: ContributionData | None
    purse_spent: bool


@dataclass(frozen=True)
class Drift:
    """A counter that disagrees with the ledger: its scope, which number, what it holds and what it should."""

    scope: str
    field: str
    stored: int
    expected: int


@dataclass(frozen=True)
class RecomputeReport:
    entries: int
    counters: int
    drift: tuple[Drift, ...] = field(default_factory=tuple)
