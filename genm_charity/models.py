"""Database models of the charity app. Other code reaches them only through api.py.

Money is an integer number of kopecks everywhere. Configuration (funds, campaigns, purses, rule sets) is edited by
operators; the ledger and the counters are written only by ``ledger.py``, inside one transaction per batch, so
the counters always equal what the ledger says (``genm_recompute_totals`` checks it).
"""
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .data import ActivityKind, Outcome


class Fund(models.Model):
    """
    A partner charity fund that receives the money learners' activity raises.

    .. no_pii: A fund is an organisation; its record names no person.
    """

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True, help_text="Only active funds are shown and receive donations.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Campaign(models.Model):
    """
    A fund's fundraising goal for one child, in the fund's queue: the first open campaign is the active one, and
    money beyond its goal flows to the next (ShareTheMeal's "one goal at a time").

    ``status`` and ``funded_at`` are set by the ledger only; the admin saves the operator's fields alone.

    .. pii: The beneficiary's first name, age and what the money pays for, as the fund publishes them with the
       family's consent; never a surname, photo, diagnosis details or place.
    .. pii_types: name, other
    .. pii_retirement: retained
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FUNDED = "funded", _("Funded")
        CLOSED = "closed", _("Closed")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="campaigns")
    position = models.PositiveIntegerField(
        default=0, help_text="Order in the fund's queue: the open campaign with the lowest position is the active one.")
    beneficiary_name = models.CharField(max_length=60, help_text="First name only, as the fund publishes it.")
    beneficiary_age = models.PositiveSmallIntegerField(null=True, blank=True)
    purpose = models.CharField(max_length=200, help_text="What the money pays for, e.g. a heart operation.")
    story = models.TextField(blank=True)
    goal_kopecks = models.PositiveBigIntegerField(validators=[MinValueValidator(1)])
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Receives money from this moment on.")
    ends_at = models.DateTimeField(null=True, blank=True,
                                   help_text="After this moment the campaign is closed and the queue moves on.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, editable=False)
    funded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fund", "position", "id"]
        indexes = [models.Index(fields=["fund", "status", "position"], name="genm_campaign_queue")]
        constraints = [
            models.CheckConstraint(condition=models.Q(goal_kopecks__gte=1), name="genm_campaign_goal_positive",
                                   violation_error_message=_("The goal must be at least one kopeck.")),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True) | models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="genm_campaign_ends_after_start",
                violation_error_message=_("A campaign must end after it starts.")),
        ]

    def __str__(self):
        return f"{self.beneficiary_name}: {self.purpose}"


class Purse(models.Model):
    """
    The sponsor's budget for one period (a month, usually): counted actions are paid from it until it is spent,
    as Charity Miles pays "subject to the amount of the Purse". Periods do not overlap; a day no purse covers
    pays nothing.

    .. no_pii: A budget and its dates.
    """

    label = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The last day the purse pays for (inclusive).")
    budget_kopecks = models.PositiveBigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="genm_purse_ends_after_start",
                                   violation_error_message=_("A purse must end on or after the day it starts.")),
            models.UniqueConstraint(fields=["starts_on"], name="genm_purse_one_per_start"),
        ]

    def __str__(self):
        return self.label


class RuleSet(models.Model):
    """
    One version of the conversion rules. A version that has ever been active is never changed again, so every
    ledger entry can say which rules converted it; a change is a new version.

    .. pii: Usernames of the operator's own test accounts, whose actions do not count; never learners.
    .. pii_types: username
    .. pii_retirement: retained
    """

    version = models.PositiveIntegerField(unique=True, editable=False)
    label = models.CharField(max_length=100, blank=True)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rule_sets",
                             help_text="The fund whose campaign queue receives the money.")
    point_value_kopecks = models.PositiveIntegerField(validators=[MinValueValidator(1)],
                                                      help_text="What one point is worth, in kopecks.")
    test_accounts = models.TextField(blank=True, help_text="Usernames of test accounts, one per line.")
    source = models.TextField(blank=True, editable=False, help_text="The YAML this version was loaded from.")
    is_active = models.BooleanField(null=True, default=None, unique=True, editable=False,
                                    help_text="True for the one active version, empty for every other.")
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"v{self.version} {self.label}".strip()

    @property
    def is_draft(self):
        return self.activated_at is None

    def test_account_list(self):
        return tuple(name.strip() for name in self.test_accounts.splitlines() if name.strip())


class Rule(models.Model):
    """
    What one kind of action is worth under a rule set, and how many of them a learner may earn per day.

    .. no_pii: Numbers per activity kind.
    """

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(max_length=24, choices=[(kind.value, kind.value) for kind in ActivityKind])
    points = models.PositiveIntegerField()
    daily_cap = models.PositiveIntegerField(null=True, blank=True, validators=[MinValueValidator(1)],
                                            help_text="Most counted actions of this kind per learner per day; "
                                                      "empty for no cap.")
    count_staff = models.BooleanField(default=False,
                                      help_text="Count this kind for staff and the listed test accounts too.")

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "kind"], name="genm_rule_one_per_kind")]

    def __str__(self):
        return f"{self.kind}: {self.points}"


class LedgerEntry(models.Model):
    """
    One learner action, recorded once and never changed (retirement only forgets whose it was).

    ``key`` is the SHA-256 of the source's idempotency key and is unique, so an action is recorded once whatever
    is replayed. ``kopecks`` is what the action paid; ``campaign_kopecks`` of it went to ``campaign`` and the rest
    to later campaigns (``Overflow``) or, with no open campaign, to the fund itself.

    .. pii: The numeric id of the learner who acted. Retirement clears it; kind, course, time and money stay, so
       the totals survive without pointing at anyone.
    .. pii_types: id
    .. pii_retirement: local_api
    """

    key = models.CharField(max_length=64, unique=True)
    user_id = models.PositiveIntegerField(null=True)
    kind = models.CharField(max_length=24, choices=[(kind.value, kind.value) for kind in ActivityKind])
    course_key = models.CharField(max_length=255, blank=True)
    occurred_at = models.DateTimeField()
    day = models.DateField(db_index=True, help_text="The sponsor's local day of the action: caps and purses use it.")
    recorded_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=[(outcome.value, outcome.value) for outcome in Outcome])
    points = models.PositiveIntegerField(default=0)
    kopecks = models.PositiveBigIntegerField(default=0)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, null=True, related_name="+")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, null=True, related_name="+")
    purse = models.ForeignKey(Purse, on_delete=models.PROTECT, null=True, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, related_name="+")
    campaign_kopecks = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "ledger entries"
        indexes = [models.Index(fields=["user_id", "day", "outcome", "kind"], name="genm_ledger_learner_day")]

    def __str__(self):
        return f"{self.kind} {self.outcome} {self.kopecks}"


class Overflow(models.Model):
    """
    The part of one counted action that a campaign reaching its goal passed on to the next one, to the kopeck.

    .. no_pii: Money between campaigns.
    """

    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, to_field="key", related_name="overflow")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    kopecks = models.PositiveBigIntegerField()

    def __str__(self):
        return f"{self.kopecks} to campaign {self.campaign_id}"


class Tally(models.Model):
    """
    A counter the ledger keeps exact in the same transaction as the entries it counts, so reading it costs one row.

    Scopes: ``total``, ``fund:<id>``, ``campaign:<id>``, ``purse:<id>``, ``day:<YYYY-MM-DD>``, ``month:<YYYY-MM>``,
    ``outcome:<outcome>`` (every recorded action) and ``funded`` (campaigns that reached their goal).

    .. no_pii: Sums over many learners.
    """

    scope = models.CharField(max_length=64, primary_key=True)
    actions = models.BigIntegerField(default=0)
    points = models.BigIntegerField(default=0)
    kopecks = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "tallies"

    def __str__(self):
        return self.scope


class LearnerTally(models.Model):
    """
    One learner's counted actions and the money they gave: the "your 134 actions gave 268 ₽" of the block.

    .. pii: The learner's numeric id with their totals. Deleted when the account is retired.
    .. pii_types: id
    .. pii_retirement: local_api
    """

    user_id = models.PositiveIntegerField(primary_key=True)
    actions = models.BigIntegerField(default=0)
    points = models.BigIntegerField(default=0)
    kopecks = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "learner tallies"

    def __str__(self):
        return f"learner {self.user_id}"
