"""Frozen data passed across this app's boundary: api.py returns these, never models or querysets."""
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class AgeGroup(StrEnum):
    """The age bands contests and the gallery are split by; a profile stores the band, never a birth date."""

    JUNIOR = "6-9"
    MIDDLE = "10-13"
    SENIOR = "14-18"

    @property
    def oldest(self) -> int:
        """The oldest age in the band: the band needs a guardian's consent when this is under the consent age."""
        return int(self.value.split("-")[1])


@dataclass(frozen=True)
class ParticipantProfileData:
    """What the platform knows of a learner for contests and the gallery, and the name shown in public."""

    user_id: int
    age_group: AgeGroup
    region_code: str
    region_name: str
    nickname: str
    public_name: str
    needs_guardian_consent: bool


class WorkStatus(StrEnum):
    """Where a work is on its way from the learner's desk to the gallery."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    RETURNED = "returned"


@dataclass(frozen=True)
class WorkFileData:
    """A stored file as its viewers may know it: no storage path, only the public id."""

    uuid: str
    kind: str
    content_type: str
    display_name: str
    size: int
    status: str
    error: str
    width: int | None
    height: int | None
    has_thumbnail: bool


@dataclass(frozen=True)
class GradeData:
    points_earned: int
    points_possible: int
    feedback: str
    graded_at: datetime
    feedback_file: WorkFileData | None


@dataclass(frozen=True)
class WorkData:
    """A learner's work in one block, with its files and, once graded, its grade."""

    uuid: str
    user_id: int
    course_key: str
    block_key: str
    title: str
    description: str
    status: WorkStatus
    gallery_opt_in: bool
    is_winner: bool
    return_reason: str
    submitted_at: datetime | None
    published_at: datetime | None
    age_group: str
    region_code: str
    public_name: str
    files: tuple[WorkFileData, ...]
    grade: GradeData | None
    nomination: str = ""
    like_count: int = 0

    @property
    def total_size(self) -> int:
        return sum(file.size for file in self.files)


@dataclass(frozen=True)
class ConsentData:
    """A guardian's consent to publish, as recorded."""

    guardian_name: str
    given_on: date
    consent_text: str
    recorded_at: datetime


@dataclass(frozen=True)
class BlockPolicy:
    """What one CreativeWork block allows, already capped by the operator's settings."""

    kinds: tuple[str, ...]
    max_file_bytes: int
    max_files: int
    max_total_bytes: int
    max_megapixels: float
    max_frames: int
    due: datetime | None
    allow_resubmission: bool
    gallery_allowed: bool
    points_possible: int
    nomination: str = ""


@dataclass(frozen=True)
class BlockContext:
    """The block a learner or staff member acts in: where it lives and what it allows."""

    course_key: str
    block_key: str
    policy: BlockPolicy


@dataclass(frozen=True)
class StudentItem:
    """Who and where, in edx-submissions' terms; the student is the per-course anonymous id."""

    student_id: str
    course_id: str
    item_id: str
    item_type: str = "genm_creative_work"

    def as_dict(self) -> dict:
        return {"student_id": self.student_id, "course_id": self.course_id, "item_id": self.item_id,
                "item_type": self.item_type}


@dataclass(frozen=True)
class StaffWorkRow:
    uuid: str
    username: str
    public_name: str
    title: str
    status: WorkStatus
    submitted_at: datetime | None
    points_earned: int | None
    file_count: int


@dataclass(frozen=True)
class StaffPage:
    rows: tuple[StaffWorkRow, ...]
    page: int
    num_pages: int
    total: int


@dataclass(frozen=True)
class ExportData:
    uuid: str
    status: str
    file_count: int
    created: datetime
    finished: datetime | None


@dataclass(frozen=True)
class LikeData:
    """One account's like of one published work: what the charity ledger counts (once per account and work)."""

    work_uuid: str
    user_id: int
    course_key: str
    liked_at: datetime


class GallerySort(StrEnum):
    NEWEST = "newest"
    MOST_LIKED = "most_liked"
    WINNERS = "winners"


@dataclass(frozen=True)
class GalleryFilters:
    """What a gallery shows: its scope (a course, optionally only some blocks) and the viewer's filters."""

    course_key: str
    block_keys: tuple[str, ...] = ()
    nomination: str = ""
    age_group: str = ""
    region_code: str = ""


@dataclass(frozen=True)
class GalleryCard:
    """A published work as a gallery card shows it: nothing that identifies the child beyond the public name."""

    uuid: str
    title: str
    public_name: str
    age_group: str
    region_code: str
    nomination: str
    like_count: int
    is_winner: bool
    published_at: datetime
    cover: WorkFileData | None


@dataclass(frozen=True)
class GalleryPage:
    cards: tuple[GalleryCard, ...]
    next_cursor: str | None
    liked: frozenset[str]


@dataclass(frozen=True)
class LikeState:
    work_uuid: str
    liked: bool
    like_count: int


@dataclass(frozen=True)
class ReportResult:
    """``recorded`` is False for a repeat report; ``hidden`` when this report took the work out of the gallery."""

    recorded: bool
    hidden: bool
    category: str


@dataclass(frozen=True)
class ReportData:
    category: str
    comment: str
    created: datetime


@dataclass(frozen=True)
class DecisionData:
    action: str
    moderator: str
    reason_code: str
    reason_text: str
    created: datetime


@dataclass(frozen=True)
class ModerationItem:
    """A work as a moderator sees it: the work, its open reports and every decision taken on it so far."""

    work: WorkData
    username: str
    reports: tuple[ReportData, ...]
    decisions: tuple[DecisionData, ...]


@dataclass(frozen=True)
class OpenedFile:
    """A stored file opened for reading, with what the response needs to serve it safely."""

    fileobj: object
    content_type: str
    display_name: str
    size: int
