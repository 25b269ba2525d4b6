"""Connects the plugin apps' receivers, as the LMS does once every app is loaded."""
from django.apps import AppConfig


class GenmDemoConfig(AppConfig):
    name = "genm_demo"
    verbose_name = "Generation M demo host"

    def ready(self):
        from edx_django_utils.plugins import connect_plugin_receivers  # pylint: disable=import-outside-toplevel

        from .celery import APP  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import

        connect_plugin_receivers("lms.djangoapp")
