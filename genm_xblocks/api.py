"""
The public interface of the creative-work app: every other module (the XBlocks, the REST views, the other app)
imports from here and nowhere else in this package.

Functions return the frozen data classes of ``data.py``, never models. Errors belong to one family,
:class:`GenmError`, each carrying its HTTP status and a translated message, so callers map them in one place.
"""
from .consents import active_consent, consent_text, give_consent, has_active_consent, revoke_consent
from .data import (
    AgeGroup,
    BlockContext,
    BlockPolicy,
    ConsentData,
    ExportData,
    LikeData,
    OpenedFile,
    ParticipantProfileData,
    StaffPage,
    StaffWorkRow,
    StudentItem,
    WorkData,
    WorkFileData,
    WorkStatus,
)
from .errors import GenmConflictError, GenmError, GenmNotFoundError, GenmPermissionError, GenmRequestError
from .exports import get_export, open_export, request_export
from .media import ALLOWED_FORMATS, KINDS
from .profiles import PROFILE_MISSING_MESSAGE, get_profile, public_name, region_choices, save_profile
from .retirement import retire_participant
from .signals.signals import (
    WORK_GRADED,
    WORK_LIKED,
    WORK_PUBLISHED,
    WORK_SUBMITTED,
    WORK_UNLIKED,
    WORK_UNPUBLISHED,
    WORK_WITHDRAWN,
    WORK_WON,
)
from .staff import get_work_for_staff, grade_work, list_works
from .works import (
    UploadRejected,
    accepted_extensions,
    add_file,
    get_work,
    open_file,
    remove_file,
    save_draft,
    submit_work,
    withdraw_work,
)

__all__ = [
    "ALLOWED_FORMATS",
    "KINDS",
    "PROFILE_MISSING_MESSAGE",
    "WORK_GRADED",
    "WORK_LIKED",
    "WORK_PUBLISHED",
    "WORK_SUBMITTED",
    "WORK_UNLIKED",
    "WORK_UNPUBLISHED",
    "WORK_WITHDRAWN",
    "WORK_WON",
    "AgeGroup",
    "BlockContext",
    "BlockPolicy",
    "ConsentData",
    "ExportData",
    "GenmConflictError",
    "GenmError",
    "GenmNotFoundError",
    "GenmPermissionError",
    "GenmRequestError",
    "LikeData",
    "OpenedFile",
    "ParticipantProfileData",
    "StaffPage",
    "StaffWorkRow",
    "StudentItem",
    "UploadRejected",
    "WorkData",
    "WorkFileData",
    "WorkStatus",
    "accepted_extensions",
    "active_consent",
    "add_file",
    "consent_text",
    "get_export",
    "get_profile",
    "get_work",
    "get_work_for_staff",
    "give_consent",
    "grade_work",
    "has_active_consent",
    "list_works",
    "open_export",
    "open_file",
    "public_name",
    "region_choices",
    "remove_file",
    "request_export",
    "retire_participant",
    "revoke_consent",
    "save_draft",
    "save_profile",
    "submit_work",
    "withdraw_work",
]
