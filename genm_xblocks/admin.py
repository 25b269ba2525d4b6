"""Django admin for the creative-work app."""
from django.contrib import admin

from .models import ParticipantProfile


@admin.register(ParticipantProfile)
class ParticipantProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "age_group", "region_code", "nickname", "modified")
    list_filter = ("age_group", "region_code")
    search_fields = ("user__username", "nickname")
    raw_id_fields = ("user",)
