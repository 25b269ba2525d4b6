"""Forget a retired learner (GDPR / 152-FZ): profile, consents, works and every stored file of theirs."""
from django.db import transaction

from . import storage
from .models import GuardianConsent, ParticipantProfile, Work, WorkFile


def retire_participant(user_id):
    """Safe to run twice; stored files are removed only after the rows are gone for good."""
    with transaction.atomic():
        names = [
            name
            for pair in WorkFile.objects.filter(work__user_id=user_id).values_list("storage_name", "thumbnail_name")
            for name in pair
            if name
        ]
        Work.objects.filter(user_id=user_id).delete()
        GuardianConsent.objects.filter(user_id=user_id).delete()
        ParticipantProfile.objects.filter(user_id=user_id).delete()
        transaction.on_commit(lambda: storage.delete_quietly(*names))
