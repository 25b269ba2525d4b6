"""Plugin app for the Generation M charity app: the LMS and Studio find it through the *.djangoapp entry points."""
from django.apps import AppConfig

LMS, CMS = "lms.djangoapp", "cms.djangoapp"


class GenmCharityConfig(AppConfig):
    """Partner funds, campaigns and the ledger that turns activity into donations."""

    name = "genm_charity"
    label = "genm_charity"
    verbose_name = "Generation M: charity"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {LMS: {"namespace": "genm_charity", "regex": r"^api/genm/v1/", "relative_path": "urls"}},
        "settings_config": {
            project: {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
                "test": {"relative_path": "settings.test"},
            }
            for project in (LMS, CMS)
        },
        "signals_config": {
            LMS: {"relative_path": "signals.handlers", "receivers": []},
        },
    }
