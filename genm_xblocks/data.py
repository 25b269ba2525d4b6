"""Frozen data passed across this app's boundary: api.py returns these, never models or querysets."""
from dataclasses import dataclass
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
