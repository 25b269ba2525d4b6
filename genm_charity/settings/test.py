"""Settings for the platform's own test runs: no caching of public answers, so tests see every change."""
from . import common


def plugin_settings(settings):
    """Defaults, with the public cache off."""
    common.plugin_settings(settings)
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = 0
