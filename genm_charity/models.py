"""Database models of the charity app. Other code reaches them only through api.py."""
from django.db import models


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
