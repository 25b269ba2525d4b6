"""Production settings: values arrive from YAML (strings are common there), so normalise and check them."""
from django.core.exceptions import ImproperlyConfigured

from . import common


def plugin_settings(settings):
    """Apply the defaults, then coerce what the operator's YAML provided."""
    common.plugin_settings(settings)
    try:
        settings.GENM_GUARDIAN_CONSENT_AGE = int(settings.GENM_GUARDIAN_CONSENT_AGE)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"GENM_GUARDIAN_CONSENT_AGE must be a whole number of years, not {settings.GENM_GUARDIAN_CONSENT_AGE!r}"
        ) from exc
