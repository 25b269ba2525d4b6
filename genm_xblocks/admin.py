"""Django admin for the creative-work app: operators look things up here; learners' content is read-only.

Moderation itself happens in the Gallery block, where every decision is recorded; the admin shows that trail but
never edits it.
"""
from django.contrib import admin

from .models import GuardianConsent, Like, ModerationDecision, ParticipantProfile, Report, Work, WorkExport, WorkFile


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are evidence (decisions, consents, reports) are never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ParticipantProfile)
class ParticipantProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "age_group", "region_code", "nickname", "modified")
    list_filter = ("age_group", "region_code")
    search_fields = ("user__username", "nickname")
    raw_id_fields = ("user",)


class WorkFileInline(admin.TabularInline):
    model = WorkFile
    fields = ("uuid", "role", "kind", "content_type", "display_name", "size", "status", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False


class DecisionInline(admin.TabularInline):
    model = ModerationDecision
    fields = ("created", "action", "moderator", "reason_code", "reason_text")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Work)
class WorkAdmin(ReadOnlyAdmin):
    list_display = ("title", "user", "status", "nomination", "age_group", "region_code", "like_count",
                    "points_earned", "submitted_at")
    # Date ranges, not date_hierarchy: that needs the database's time zone tables, which many MySQL hosts lack.
    list_filter = ("status", "is_winner", "age_group", "gallery_opt_in", "submitted_at")
    search_fields = ("title", "user__username", "public_name", "uuid", "block_key")
    inlines = [WorkFileInline, DecisionInline]
    list_select_related = ("user",)
    show_full_result_count = False  # no COUNT(*) over 67,000 works on every page


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdmin):
    list_display = ("created", "action", "work", "moderator", "reason_code")
    list_filter = ("action", "reason_code")
    search_fields = ("work__title", "work__uuid", "moderator__username")
    list_select_related = ("work", "moderator")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("created", "category", "work", "reporter", "resolved_at")
    list_filter = ("category", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("work__title", "reporter__username", "comment")
    list_select_related = ("work", "reporter")


@admin.register(GuardianConsent)
class GuardianConsentAdmin(ReadOnlyAdmin):
    list_display = ("user", "guardian_name", "given_on", "recorded_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "guardian_name")
    list_select_related = ("user",)


@admin.register(Like)
class LikeAdmin(ReadOnlyAdmin):
    list_display = ("created", "work", "user")
    search_fields = ("work__uuid", "user__username")
    list_select_related = ("work", "user")
    show_full_result_count = False


@admin.register(WorkExport)
class WorkExportAdmin(ReadOnlyAdmin):
    list_display = ("created", "block_key", "requested_by", "status", "file_count", "finished")
    list_filter = ("status",)
