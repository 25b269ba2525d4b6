"""Plugin app for the Generation M XBlocks: the LMS and Studio find it through the *.djangoapp entry points."""
from django.apps import AppConfig

LMS, CMS = "lms.djangoapp", "cms.djangoapp"


class GenmXBlocksConfig(AppConfig):
    """Creative works, their files, moderation and the participant profile."""

    name = "genm_xblocks"
    label = "genm_xblocks"
    verbose_name = "Generation M: creative works"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {LMS: {"namespace": "genm_xblocks", "regex": r"^api/genm/v1/", "relative_path": "urls"}},
        "settings_config": {
            project: {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
                "test": {"relative_path": "settings.test"},
            }
            for project in (LMS, CMS)
        },
        "signals_config": {
            LMS: {
                "relative_path": "signals.handlers",
                "receivers": [
                    {
                        "receiver_func_name": "retire_participant",
                        "signal_path": "genm_xblocks.signals.signals.USER_RETIRE_LMS_MISC",
                        "dispatch_uid": "genm_xblocks.signals.handlers.retire_participant",
                    },
                ],
            },
        },
    }
