"""Defaults for the charity app, applied to the LMS and Studio settings by the plugin machinery.

Code reads them at call time through :func:`genm_charity.conf.setting`. ``plugin_settings`` also adds the app's
event-tracking backend next to the platform's own (``EVENT_TRACKING_BACKENDS``), leaving every other backend alone.
"""

DEFAULTS = {
    # How long public, anonymous answers (partner funds, the impact numbers) may be served from the cache.
    "GENM_CHARITY_PUBLIC_CACHE_SECONDS": 60,
    # The YAML file ``genm_load_rules`` reads when it is given no file.
    "GENM_CHARITY_RULES_FILE": "",
    # The sponsor's time zone: an action's day, for daily caps and the purse of its month, is the day there.
    "GENM_CHARITY_TIME_ZONE": "Europe/Moscow",
    # Most actions the ledger records in one transaction (and one Celery message carries).
    "GENM_CHARITY_BATCH_SIZE": 1000,
}

TRACKING_BACKEND_NAME = "genm_charity"
TRACKING_BACKEND_ENGINE = "genm_charity.tracking.CharityTrackingBackend"


def plugin_settings(settings):
    """Add each default the host settings do not define yet, and the tracking backend if it is not there."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
    backends = getattr(settings, "EVENT_TRACKING_BACKENDS", None)
    if backends is None:
        backends = settings.EVENT_TRACKING_BACKENDS = {}
    backends.setdefault(TRACKING_BACKEND_NAME, {"ENGINE": TRACKING_BACKEND_ENGINE, "OPTIONS": {}})
