"""The one error family of the creative-work app: each error knows its HTTP status and a message safe to show."""
from django.utils.translation import gettext_lazy as _


class GenmError(Exception):
    """Base of every error this app raises on purpose; ``message`` is translated and safe to show a learner."""

    status = 500

    def __init__(self, message=None):
        self.message = message or _("Something went wrong. Please try again later.")
        super().__init__(str(self.message))


class GenmRequestError(GenmError):
    """The caller sent something invalid; ``field_errors`` maps each bad field to its message."""

    status = 400

    def __init__(self, field_errors):
        self.field_errors = dict(field_errors)
        super().__init__(next(iter(self.field_errors.values())))


class GenmPermissionError(GenmError):
    """The current user may not do this."""

    status = 403


class GenmNotFoundError(GenmError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    status = 404


class GenmConflictError(GenmError):
    """The request is valid, but not in the work's current state (submitting twice, editing after the due date)."""

    status = 409
