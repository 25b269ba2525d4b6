"""Read this app's settings at call time, falling back to the documented defaults."""
from django.conf import settings

from .settings.common import DEFAULTS


def setting(name):
    """The host's value of ``name``, or its default when the host never ran ``plugin_settings``."""
    return getattr(settings, name, DEFAULTS[name])
