"""Production settings: values arrive from YAML (strings are common there), so normalise and check them."""
import zoneinfo

from django.core.exceptions import ImproperlyConfigured

from . import common


def plugin_settings(settings):
    """Apply the defaults, then coerce what the operator's YAML provided."""
    common.plugin_settings(settings)
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = _whole(settings, "GENM_CHARITY_PUBLIC_CACHE_SECONDS", minimum=0)
    settings.GENM_CHARITY_BATCH_SIZE = _whole(settings, "GENM_CHARITY_BATCH_SIZE", minimum=1)
    try:
        zoneinfo.ZoneInfo(str(settings.GENM_CHARITY_TIME_ZONE))
    except (ValueError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise ImproperlyConfigured("GENM_CHARITY_TIME_ZONE must name a time zone, e.g. Europe/Moscow") from exc
    settings.GENM_CHARITY_TIME_ZONE = str(settings.GENM_CHARITY_TIME_ZONE)
    settings.GENM_CHARITY_RULES_FILE = str(settings.GENM_CHARITY_RULES_FILE or "")


def _whole(settings, name, minimum):
    try:
        value = int(getattr(settings, name))
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name} cannot be less than {minimum}" if minimum else f"{name} cannot be negative")
    return value
