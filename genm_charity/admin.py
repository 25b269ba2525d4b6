"""Django admin for the charity app: operators keep funds, campaigns, purses and conversion rules here, and read the
ledger (read-only: an entry is never changed or removed).

Sums of money are entered in rubles and stored in kopecks. Fields the ledger maintains (a campaign's status, what
was raised or spent) are never written by an admin form, so saving a form cannot undo what the ledger counted.
"""
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.utils.translation import gettext_lazy as _

from . import api, rules
from .ledger import locked
from .models import Campaign, Fund, LedgerEntry, Overflow, Purse, Rule, RuleSet, Tally
from .purses import validate as validate_purse


class TallyColumnMixin:
    """A list column with the money each row's ``Tally`` (scope ``<tally_prefix>:<pk>``) holds: one query a page."""

    tally_prefix = ""

    def get_changelist(self, request, **kwargs):
        prefix = self.tally_prefix

        class WithTallies(ChangeList):
            def get_results(self, request):
                super().get_results(request)
                scopes = {f"{prefix}:{row.pk}": row for row in self.result_list}
                kopecks = dict(Tally.objects.filter(scope__in=list(scopes)).values_list("scope", "kopecks"))
                for scope, row in scopes.items():
                    row.tally_kopecks = kopecks.get(scope, 0)

        return WithTallies

    def tally_rubles(self, obj):
        if not hasattr(obj, "tally_kopecks"):  # a change form shows one object
            obj.tally_kopecks = Tally.objects.filter(scope=f"{self.tally_prefix}:{obj.pk}").values_list(
                "kopecks", flat=True).first() or 0
        return api.rubles(obj.tally_kopecks)


def _editable_fields(model):
    return [field.name for field in model._meta.concrete_fields if field.editable and not field.primary_key]


class RublesField(forms.DecimalField):
    """A sum in rubles with kopecks (``1234.50``) that the model keeps as integer kopecks."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, min_value=Decimal("0.01"), **kwargs)

    @staticmethod
    def kopecks(rubles):
        return int(rubles * 100)

    @staticmethod
    def rubles(kopecks):
        return (Decimal(kopecks) / 100).quantize(Decimal("0.01"))


class MoneyForm(forms.ModelForm):
    """A model form whose ``<name>_kopecks`` field is entered as ``<name>_rubles``."""

    money_field = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kopecks = getattr(self.instance, f"{self.money_field}_kopecks", None)
        if kopecks is not None:
            self.initial[f"{self.money_field}_rubles"] = RublesField.rubles(kopecks)

    def clean(self):
        cleaned = super().clean()
        rubles = cleaned.get(f"{self.money_field}_rubles")
        if rubles is not None:
            setattr(self.instance, f"{self.money_field}_kopecks", RublesField.kopecks(rubles))
        return cleaned


@admin.register(Fund)
class FundAdmin(TallyColumnMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "is_active", "raised", "created")
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    tally_prefix = "fund"

    @admin.display(description=_("Raised"))
    def raised(self, fund):
        return self.tally_rubles(fund)


class CampaignForm(MoneyForm):
    money_field = "goal"
    goal_rubles = RublesField(label=_("Goal, ₽"))

    class Meta:
        model = Campaign
        fields = ["fund", "position", "beneficiary_name", "beneficiary_age", "purpose", "story", "starts_at",
                  "ends_at"]


@admin.register(Campaign)
class CampaignAdmin(TallyColumnMixin, admin.ModelAdmin):
    form = CampaignForm
    list_display = ("beneficiary_name", "fund", "position", "purpose", "goal", "raised", "status", "funded_at")
    list_filter = ("status", "fund")
    list_select_related = ("fund",)
    search_fields = ("beneficiary_name", "purpose")
    ordering = ("fund", "position", "id")
    readonly_fields = ("status", "funded_at", "raised")
    actions = ["close_campaigns"]
    tally_prefix = "campaign"

    @admin.display(description=_("Goal"), ordering="goal_kopecks")
    def goal(self, campaign):
        return api.rubles(campaign.goal_kopecks)

    @admin.display(description=_("Raised"))
    def raised(self, campaign):
        return self.tally_rubles(campaign)

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=_editable_fields(Campaign) if change else None)

    @admin.action(description=_("Close the selected open campaigns (the queue moves on)"))
    def close_campaigns(self, request, queryset):
        closed = 0
        for campaign in queryset.filter(status=Campaign.Status.OPEN):
            api.close_campaign(campaign.pk)
            closed += 1
        self.message_user(request, _("Closed %(count)s campaigns.") % {"count": closed}, messages.SUCCESS)


class PurseForm(MoneyForm):
    money_field = "budget"
    budget_rubles = RublesField(label=_("Budget, ₽"))

    class Meta:
        model = Purse
        fields = ["label", "starts_on", "ends_on"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.instance.label = cleaned["label"]
            self.instance.starts_on, self.instance.ends_on = cleaned["starts_on"], cleaned["ends_on"]
            try:
                validate_purse(self.instance)
            except api.CharityRequestError as error:
                for field, problems in error.field_errors.items():
                    self.add_error(field if field in self.fields else None, problems)
        return cleaned


@admin.register(Purse)
class PurseAdmin(TallyColumnMixin, admin.ModelAdmin):
    form = PurseForm
    list_display = ("label", "starts_on", "ends_on", "budget", "spent")
    readonly_fields = ("spent",)
    tally_prefix = "purse"

    @admin.display(description=_("Budget"), ordering="budget_kopecks")
    def budget(self, purse):
        return api.rubles(purse.budget_kopecks)

    @admin.display(description=_("Spent"))
    def spent(self, purse):
        return self.tally_rubles(purse)


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 0
    fields = ("kind", "points", "daily_cap", "count_staff")


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = ["label", "fund", "point_value_kopecks", "test_accounts"]

    def clean_test_accounts(self):
        names = [name.strip() for name in self.cleaned_data["test_accounts"].splitlines() if name.strip()]
        bad = [name for name in names if not rules.USERNAME.match(name)]
        if bad:
            raise forms.ValidationError(_("Not a username: %(names)s") % {"names": ", ".join(bad)})
        return "\n".join(names)

    def clean_fund(self):
        fund = self.cleaned_data["fund"]
        if not fund.is_active:
            raise forms.ValidationError(_("Choose an active fund."))
        return fund


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """A draft is edited here; a version that has been active is only read, and changed by copying it."""

    form = RuleSetForm
    inlines = [RuleInline]
    list_display = ("version", "label", "fund", "point_value_kopecks", "state", "activated_at")
    list_select_related = ("fund",)
    readonly_fields = ("version", "state", "activated_at", "source")
    actions = ["activate", "copy_as_draft"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)

    @admin.display(description=_("State"))
    def state(self, rule_set):
        if rule_set.is_active:
            return _("active")
        return _("draft") if rule_set.is_draft else _("retired")

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=_editable_fields(RuleSet))
            return
        with locked():
            obj.version = rules.next_version()
            obj.save()

    @admin.action(description=_("Activate the selected version (the ledger converts with it from now on)"))
    def activate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version to activate."), messages.ERROR)
            return
        try:
            activated = api.activate_rules(queryset.get().version)
        except api.CharityError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, _("Version %(version)s is active.") % {"version": activated.version},
                          messages.SUCCESS)

    @admin.action(description=_("Copy the selected version as a new draft"))
    def copy_as_draft(self, request, queryset):
        for rule_set in queryset:
            draft = api.copy_rules(rule_set.version)
            self.message_user(request, _("Version %(version)s is a draft copy of version %(original)s.")
                              % {"version": draft.version, "original": rule_set.version}, messages.SUCCESS)


class OverflowInline(admin.TabularInline):
    model = Overflow
    fields = ("campaign", "kopecks")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are only ever added by the ledger."""

    list_display = ("recorded_at", "day", "kind", "outcome", "user_id", "course_key", "points", "money", "campaign",
                    "rule_set")
    list_filter = ("outcome", "kind", "rule_set", "fund", "campaign")
    list_select_related = ("campaign", "rule_set")
    search_fields = ("=user_id", "=key", "course_key")
    date_hierarchy = "day"
    show_full_result_count = False
    inlines = [OverflowInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Money"), ordering="kopecks")
    def money(self, entry):
        return api.rubles(entry.kopecks)


@admin.register(Tally)
class TallyAdmin(admin.ModelAdmin):
    """The counters, for reading; ``genm_recompute_totals`` is what rebuilds them."""

    list_display = ("scope", "actions", "points", "kopecks")
    search_fields = ("scope",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
