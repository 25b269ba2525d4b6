"""Defaults for the creative-work app, applied to the LMS and Studio settings by the plugin machinery.

Operators override any of them in the LMS/CMS YAML or a Tutor settings patch; code reads them at call time
through :func:`genm_xblocks.conf.setting`, so an override made after this runs is honoured.
"""

DEFAULTS = {
    # Learners younger than this need a guardian's consent before anything of theirs is published.
    "GENM_GUARDIAN_CONSENT_AGE": 14,
}


def plugin_settings(settings):
    """Add each default the host settings do not define yet."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
