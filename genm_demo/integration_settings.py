"""The production stack of Open edX for the integration tier: MariaDB, Redis cache and a Celery worker on Redis.

Addresses come from the environment so CI and developers can point elsewhere; the defaults are this machine's.
"""
import os

from .settings import *  # noqa: F403  pylint: disable=wildcard-import,unused-wildcard-import

MYSQL_HOST = os.environ.get("GENM_MYSQL_HOST", "127.0.0.1")
MYSQL_PORT = int(os.environ.get("GENM_MYSQL_PORT", "3306"))
REDIS_URL = os.environ.get("GENM_REDIS_URL", "redis://127.0.0.1:6379")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("GENM_MYSQL_DB", "genm"),
        "USER": os.environ.get("GENM_MYSQL_USER", "root"),
        "PASSWORD": os.environ.get("GENM_MYSQL_PASSWORD", ""),
        "HOST": MYSQL_HOST,
        "PORT": MYSQL_PORT,
        "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    }
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"{REDIS_URL}/1"},
}

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = f"{REDIS_URL}/2"
CELERY_RESULT_BACKEND = f"{REDIS_URL}/3"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# edx-submissions' migration 0006 (in 3.12 and 4.0) alters ``uuid`` columns that submissions_studentitem and
# submissions_score do not have, so migrating a fresh MariaDB fails. A fresh database needs no conversion (Django
# 5.2 creates native uuid columns on MariaDB): its tables come from one migration generated from its models.
MIGRATION_MODULES = {"submissions": "genm_demo.submissions_migrations"}
