"""Signals of the creative-work app, and the platform signals its receivers listen to."""
from django.dispatch import Signal

try:
    from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC
except ImportError:  # outside the LMS (workbench, tests) nothing retires users, but receivers stay testable
    USER_RETIRE_LMS_MISC = Signal()
