"""The one error family of the charity app: each error knows its HTTP status and a message safe to show."""
from django.utils.translation import gettext_lazy as _


class CharityError(Exception):
    """Base of every error this app raises on purpose; ``message`` is translated and safe to show."""

    status = 500

    def __init__(self, message=None):
        self.message = message or _("Something went wrong. Please try again later.")
        super().__init__(str(self.message))


class CharityRequestError(CharityError):
    """The caller sent something invalid; ``field_errors`` maps each bad field to its messages."""

    status = 400

    def __init__(self, field_errors):
        self.field_errors = {field: [str(message) for message in messages] for field, messages in field_errors.items()}
        super().__init__("; ".join(f"{field}: {' '.join(messages)}" for field, messages in self.field_errors.items()))


class CharityNotFoundError(CharityError):
    """The fund, campaign or rule set asked for does not exist."""

    status = 404


class CharityConflictError(CharityError):
    """The request is valid but not in the current state (activating a rule set that is already active)."""

    status = 409


class RulesError(CharityError):
    """A rule set is invalid; ``problems`` lists each one, naming the line and the key where it can."""

    status = 400

    def __init__(self, problems):
        self.problems = tuple(str(problem) for problem in problems)
        super().__init__("\n".join(self.problems))
