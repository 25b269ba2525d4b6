"""Defaults for the creative-work app, applied to the LMS and Studio settings by the plugin machinery.

Operators override any of them in the LMS/CMS YAML or a Tutor settings patch; code reads them at call time
through :func:`genm_xblocks.conf.setting`, so an override made after this runs is honoured.
"""

DEFAULTS = {
    # Learners younger than this need a guardian's consent before anything of theirs is published.
    "GENM_GUARDIAN_CONSENT_AGE": 14,
    # The most any CreativeWork block may allow; authors set smaller limits per block.
    "GENM_MEDIA_LIMITS": {
        "max_file_mb": 50,
        "max_files": 20,
        "max_total_mb": 200,
        "max_megapixels": 40,
        "max_frames": 500,
    },
    # Likes (and un-likes) one account may make per hour; more get a friendly "take a break".
    "GENM_LIKES_PER_HOUR": 60,
    # A published work reported by this many different accounts is hidden at once and goes back to moderation.
    "GENM_REPORT_HIDE_THRESHOLD": 3,
    # How long a staff zip of a block's files is kept before a new request rebuilds it.
    "GENM_EXPORT_TTL_HOURS": 24,
}


def plugin_settings(settings):
    """Add each default the host settings do not define yet."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
