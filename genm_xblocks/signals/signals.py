"""Signals of the creative-work app, and the platform signals its receivers listen to.

Each of ours is sent after the change commits. Work signals carry ``work`` (a :class:`~genm_xblocks.data.WorkData`);
like signals carry ``like`` (a :class:`~genm_xblocks.data.LikeData`); ``WORK_WON`` carries ``work`` and ``award``
(the name of the prize or nomination). Other apps import them from ``genm_xblocks.api``.
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
WORK_LIKED = Signal()
WORK_UNLIKED = Signal()
WORK_WON = Signal()
