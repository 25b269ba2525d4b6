"""Signals of the creative-work app, and the platform signals its receivers listen to.

Each of ours is sent after the change commits, with ``work`` (a :class:`~genm_xblocks.data.WorkData`).
"""
from django.dispatch import Signal

try:
    from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC
except ImportError:  # outside the LMS (workbench, tests) nothing retires users, but receivers stay testable
    USER_RETIRE_LMS_MISC = Signal()

WORK_SUBMITTED = Signal()
WORK_WITHDRAWN = Signal()
WORK_GRADED = Signal()
WORK_PUBLISHED = Signal()
WORK_UNPUBLISHED = Signal()
