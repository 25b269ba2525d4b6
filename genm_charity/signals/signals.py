"""The platform signals this app listens to that may be missing outside the LMS.

``USER_RETIRE_LMS_MISC`` lives in the LMS (openedx-events has no retirement event); ``BlockCompletion`` comes
with edx-completion, which every LMS installs but the workbench does not. Where one is missing, a stand-in that
nothing ever sends takes its place, so ``signals_config`` connects the same receivers everywhere.
"""
from django.apps import apps
from django.dispatch import Signal

try:
    from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC
except ImportError:  # outside the LMS nothing retires users, but the receiver stays testable
    USER_RETIRE_LMS_MISC = Signal()


class CompletionNotInstalled:
    """Stands in for ``completion.models.BlockCompletion`` where edx-completion is not installed: no model ever
    saves as this class, so the ``post_save`` receiver connected for it never runs."""


def _block_completion():
    if apps.is_installed("completion"):
        from completion.models import BlockCompletion  # pylint: disable=import-outside-toplevel

        return BlockCompletion
    return CompletionNotInstalled


BLOCK_COMPLETION = _block_completion()
