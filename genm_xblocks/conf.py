"""Read this app's settings at call time, falling back to the documented defaults."""
from django.conf import settings

from .settings.common import DEFAULTS


def setting(name):
    """
    The host's value of ``name``, or its default when the host never ran ``plugin_settings``.

    A dictionary setting is merged over its default, so an operator may override one key of it.
    """
    default = DEFAULTS[name]
    value = getattr(settings, name, default)
    if isinstance(default, dict) and isinstance(value, dict):
        return {**default, **value}
    return value
