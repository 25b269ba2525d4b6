"""Likes under real concurrency: 8 processes toggle likes on the same works against MariaDB."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from genm_xblocks.models import Like, Work

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8
ROUNDS = 300


@pytest.mark.django_db(transaction=True)
def test_eight_processes_liking_and_unliking_leave_exact_counts():
    users = [get_user_model().objects.create(username=f"storm{n}") for n in range(12)]
    author = get_user_model().objects.create(username="author_of_the_storm")
    works = [Work.objects.create(user=author, course_key="storm", block_key=f"storm.{n}", title=f"Storm {n}",
                                 status=Work.Status.PUBLISHED, published_at=timezone.now(), gallery_opt_in=True)
             for n in range(5)]
    assert len(users) == 12
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "genm_demo.integration_settings", "PYTHONPATH": str(ROOT),
           "GENM_MYSQL_DB": settings.DATABASES["default"]["NAME"]}
    storms = [subprocess.Popen([sys.executable, "-m", "tests.integration.like_storm", str(seed), str(ROUNDS)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for seed in range(PROCESSES)]
    reports = []
    for storm in storms:
        out, err = storm.communicate(timeout=300)
        assert storm.returncode == 0, err[-3000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["errors"] for r in reports] == [[] for _ in reports]
    assert sum(r["likes"] + r["unlikes"] for r in reports) == PROCESSES * ROUNDS
    likers = dict(Like.objects.filter(work__in=works).values("work").annotate(n=Count("user", distinct=True))
                  .values_list("work", "n"))
    for work in works:
        work.refresh_from_db()
        assert work.like_count == likers.get(work.pk, 0), (work.title, work.like_count, likers.get(work.pk))
    assert Like.objects.filter(work__in=works).count() == sum(likers.values())
