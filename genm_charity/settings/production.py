"""Production settings: values arrive from YAML (strings are common there), so normalise and check them."""
from django.core.exceptions import ImproperlyConfigured

from . import common


def plugin_settings(settings):
    """Apply the defaults, then coerce what the operator's YAML provided."""
    common.plugin_settings(settings)
    try:
        seconds = int(settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured("GENM_CHARITY_PUBLIC_CACHE_SECONDS must be a whole number of seconds") from exc
    if seconds < 0:
        raise ImproperlyConfigured("GENM_CHARITY_PUBLIC_CACHE_SECONDS cannot be negative")
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = seconds
