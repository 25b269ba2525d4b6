"""Settings for the platform's own test runs: the production defaults, unchanged."""
from . import common


def plugin_settings(settings):
    """Tests of the host platform see the same defaults as production."""
    common.plugin_settings(settings)
