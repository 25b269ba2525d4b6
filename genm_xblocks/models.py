"""Database models of the creative-work app. Other code reaches them only through api.py."""
from django.conf import settings
from django.db import models

from .data import AgeGroup


class ParticipantProfile(models.Model):
    """
    The age band, region and public nickname a learner gives once, used by contests and the gallery.

    No birth date, school or exact location is stored: the age band and the region are all a contest needs.

    .. pii: The learner's self-chosen nickname; with age band and region it describes a child.
    .. pii_types: name, other
    .. pii_retirement: local_api
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_profile", primary_key=True
    )
    age_group = models.CharField(max_length=5, choices=[(group.value, group.value) for group in AgeGroup])
    region_code = models.CharField(max_length=6, help_text="ISO 3166-2:RU code, e.g. RU-MOW")
    nickname = models.CharField(max_length=32, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["region_code", "age_group"], name="genm_profile_region_age")]

    def __str__(self):
        return f"profile of user {self.user_id}"
