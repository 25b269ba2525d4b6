"""Seed the demo with its people: course staff, a juror and three learners of different ages and regions.

Run from the repository root: ``DJANGO_SETTINGS_MODULE=genm_demo.settings python scripts/seed_demo.py``.
Safe to run again: everything is created once and brought back to the documented state.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genm_demo.settings")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from genm_demo.services import JUROR_GROUP
from genm_xblocks import api

# username, first name, last name, is course staff, is juror, (age group, region, nickname) or None
PEOPLE = [
    ("staff", "Ольга", "Викторовна", True, False, None),
    ("juror", "Игорь", "Павлов", False, True, None),
    ("masha", "Мария", "Иванова", False, False, ("6-9", "RU-MOW", "Маша")),
    ("timur", "Тимур", "Галиев", False, False, ("10-13", "RU-TA", "Тимур_К")),
    ("alyona", "Алёна", "Смирнова", False, False, ("14-18", "RU-SVE", "")),
]


def seed():
    """Create or refresh every demo identity; returns their usernames."""
    jurors, _created = Group.objects.get_or_create(name=JUROR_GROUP)
    password = os.environ.get("GENM_DEMO_PASSWORD")
    for username, first, last, is_staff, is_juror, profile in PEOPLE:
        user, _created = get_user_model().objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": is_staff, "is_superuser": is_staff,
                      "email": f"{username}@demo.invalid"},
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        if is_juror:
            user.groups.add(jurors)
        if profile:
            age_group, region, nickname = profile
            api.save_profile(user, age_group, region, nickname)
    return [person[0] for person in PEOPLE]


if __name__ == "__main__":
    print("Demo people:", ", ".join(seed()))
