"""Production settings: values arrive from YAML (strings are common there), so normalise and check them."""
from django.core.exceptions import ImproperlyConfigured

from . import common


def _whole_number(name, value):
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc
    if number < 0:
        raise ImproperlyConfigured(f"{name} cannot be negative")
    return number


def plugin_settings(settings):
    """Apply the defaults, then coerce what the operator's YAML provided."""
    common.plugin_settings(settings)
    settings.GENM_GUARDIAN_CONSENT_AGE = _whole_number("GENM_GUARDIAN_CONSENT_AGE", settings.GENM_GUARDIAN_CONSENT_AGE)
    for name in ("GENM_EXPORT_TTL_HOURS", "GENM_LIKES_PER_HOUR", "GENM_REPORT_HIDE_THRESHOLD"):
        setattr(settings, name, _whole_number(name, getattr(settings, name)))
    limits = {**common.DEFAULTS["GENM_MEDIA_LIMITS"], **(settings.GENM_MEDIA_LIMITS or {})}
    settings.GENM_MEDIA_LIMITS = {
        key: _whole_number(f"GENM_MEDIA_LIMITS[{key!r}]", value) for key, value in limits.items()
    }
