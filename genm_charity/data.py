"""Frozen data passed across this app's boundary: api.py returns these, never models or querysets."""
from dataclasses import dataclass


@dataclass(frozen=True)
class FundData:
    """A partner charity as the public sees it."""

    slug: str
    name: str
    description: str
    website: str
