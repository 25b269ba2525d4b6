"""Defaults for the charity app, applied to the LMS and Studio settings by the plugin machinery.

Code reads them at call time through :func:`genm_charity.conf.setting`.
"""

DEFAULTS = {
    # How long public, anonymous answers (the list of partner funds) may be served from the cache.
    "GENM_CHARITY_PUBLIC_CACHE_SECONDS": 60,
}


def plugin_settings(settings):
    """Add each default the host settings do not define yet."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
