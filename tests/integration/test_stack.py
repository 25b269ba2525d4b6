"""The package on Open edX's production stack: MariaDB, Redis and a Celery worker in its own process."""
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction

from genm_xblocks import api, tasks
from genm_xblocks.signals.signals import USER_RETIRE_LMS_MISC

pytestmark = pytest.mark.integration


def wait_until(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db
def test_the_database_is_mariadb_with_full_unicode():
    assert connection.vendor == "mysql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT VERSION(), @@character_set_database")
        version, charset = cursor.fetchone()
    assert "MariaDB" in version
    assert charset == "utf8mb4"


@pytest.mark.django_db
def test_emoji_and_cyrillic_nicknames_survive_the_round_trip():
    user = get_user_model().objects.create(username="emoji_kid")
    api.save_profile(user, "6-9", "RU-KDA", "Ёжик")
    assert api.get_profile(user).nickname == "Ёжик"


def test_the_cache_is_redis():
    import redis  # pylint: disable=import-outside-toplevel  (only the integration tier installs it)

    cache.set("genm:probe", {"ok": 1}, 30)
    assert cache.get("genm:probe") == {"ok": 1}
    keys = redis.Redis.from_url(cache._cache._servers[0]).keys("*genm:probe*")  # pylint: disable=protected-access
    assert keys


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_task(celery_worker):  # pylint: disable=unused-argument
    user = get_user_model().objects.create(username="leaving")
    api.save_profile(user, "10-13", "RU-NVS", "Уходящий")
    result = tasks.retire_participant.delay(user.pk)
    result.get(timeout=30)
    assert api.get_profile(user) is None


@pytest.mark.django_db(transaction=True)
def test_retirement_reaches_the_worker_only_after_commit(celery_worker):  # pylint: disable=unused-argument
    user = get_user_model().objects.create(username="retiring")
    api.save_profile(user, "14-18", "RU-SPE")
    with transaction.atomic():
        USER_RETIRE_LMS_MISC.send(sender=None, user=user)
        time.sleep(0.5)
        assert api.get_profile(user) is not None  # nothing is queued before the retirement commits
    assert wait_until(lambda: api.get_profile(user) is None)
