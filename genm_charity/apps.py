"""Plugin app for the Generation M charity app: the LMS and Studio find it through the *.djangoapp entry points."""
from django.apps import AppConfig

LMS, CMS = "lms.djangoapp", "cms.djangoapp"


def _receiver(name, signal_path, sender_path=None):
    receiver = {"receiver_func_name": name, "signal_path": signal_path,
                "dispatch_uid": f"genm_charity.signals.handlers.{name}"}
    if sender_path:
        receiver["sender_path"] = sender_path
    return receiver


class GenmCharityConfig(AppConfig):
    """Partner funds, campaigns and the ledger that turns activity into donations."""

    name = "genm_charity"
    label = "genm_charity"
    verbose_name = "Generation M: charity"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        # The REST API lives under api/genm/v1/ and the public impact page under genm/, so the app mounts at the root.
        "url_config": {LMS: {"namespace": "genm_charity", "regex": r"^", "relative_path": "urls"}},
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
                    _receiver("work_submitted", "genm_xblocks.api.WORK_SUBMITTED"),
                    _receiver("work_published", "genm_xblocks.api.WORK_PUBLISHED"),
                    _receiver("like_given", "genm_xblocks.api.WORK_LIKED"),
                    _receiver("contest_won", "genm_xblocks.api.WORK_WON"),
                    _receiver("course_enrolled", "openedx_events.learning.signals.COURSE_ENROLLMENT_CREATED"),
                    _receiver("course_passed", "openedx_events.learning.signals.COURSE_PASSING_STATUS_UPDATED"),
                    _receiver("certificate_earned", "openedx_events.learning.signals.CERTIFICATE_CREATED"),
                    _receiver("block_completed", "django.db.models.signals.post_save",
                              sender_path="genm_charity.signals.signals.BLOCK_COMPLETION"),
                    _receiver("retire_learner", "genm_charity.signals.signals.USER_RETIRE_LMS_MISC"),
                ],
            },
        },
    }
