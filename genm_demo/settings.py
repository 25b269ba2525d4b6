"""Workbench settings that host the package the way the LMS does: plugin apps, plugin settings, plugin URLs.

SQLite, Celery eager and files under ``var/``: the embedded default of ``make demo`` and ``make test``.
"""
import os
from pathlib import Path

from edx_django_utils.plugins import add_plugins, get_plugin_apps
from workbench.settings import *  # noqa: F403  pylint: disable=wildcard-import,unused-wildcard-import
from workbench.settings import INSTALLED_APPS, LOGGING, MIDDLEWARE, WORKBENCH

PROJECT = "lms.djangoapp"
VAR_DIR = Path(os.environ.get("GENM_VAR_DIR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the workbench's log handler fails without it

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "rest_framework",
    "submissions",
    *get_plugin_apps(PROJECT),
    "genm_demo.apps.GenmDemoConfig",
]
ROOT_URLCONF = "genm_demo.urls"
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],
]
LOGGING["handlers"]["logfile"]["filename"] = str(VAR_DIR / "workbench.log")
if "WORKBENCH_DATABASES" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "workbench.db")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
TIME_ZONE = "Europe/Moscow"

MEDIA_ROOT = str(VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "genm_works": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media" / "genm_works"), "base_url": None},
    },
}

WORKBENCH = {
    **WORKBENCH,
    "services": {**WORKBENCH["services"], "user": "genm_demo.services.DemoUserService",
                 "i18n": "genm_demo.services.DemoI18nService"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"

add_plugins(__name__, PROJECT, "common")
OPENEDX_TELEMETRY = []  # no New Relic here: monitoring helpers stay quiet
