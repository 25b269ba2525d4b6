"""User retirement: the ledger forgets whose actions they were and keeps what they raised.

Entries lose their user id (kind, course, day and money stay, so every total survives) and the learner's own
counter is deleted. The entries' keys are SHA-256 digests, which name no one; they stay, so a late replay of a
retired learner's action is still recognised and not counted again.
"""
from .ledger import locked
from .models import LearnerTally, LedgerEntry


def retire_learner(user_id):
    """Safe to run again: a second run finds nothing left to forget."""
    with locked():
        LedgerEntry.objects.filter(user_id=user_id).update(user_id=None)
        LearnerTally.objects.filter(user_id=user_id).delete()
