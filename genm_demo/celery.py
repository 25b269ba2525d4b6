"""The Celery app of the demo host, configured like the LMS's: Django settings with the ``CELERY_`` prefix.

Run a worker from the repository root with ``celery -A genm_demo.celery worker``.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genm_demo.settings")

APP = Celery("genm_demo")
APP.config_from_object("django.conf:settings", namespace="CELERY")
APP.autodiscover_tasks()
