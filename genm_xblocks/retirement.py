"""Forget a retired learner (GDPR / 152-FZ): profile, consents, works, likes, reports and every stored file."""
from django.db import transaction
from django.db.models import F

from . import storage
from .models import GuardianConsent, Like, ParticipantProfile, Report, Work, WorkFile


def retire_participant(user_id):
    """Safe to run twice; stored files are removed only after the rows are gone for good."""
    with transaction.atomic():
        names = [
            name
            for pair in WorkFile.objects.filter(work__user_id=user_id).values_list("storage_name", "thumbnail_name")
            for name in pair
            if name
        ]
        liked = list(Like.objects.filter(user_id=user_id).values_list("work_id", flat=True))
        Like.objects.filter(user_id=user_id).delete()
        Work.objects.filter(pk__in=liked, like_count__gt=0).update(like_count=F("like_count") - 1)
        Report.objects.filter(reporter_id=user_id).delete()
        Work.objects.filter(user_id=user_id).delete()
        GuardianConsent.objects.filter(user_id=user_id).delete()
        ParticipantProfile.objects.filter(user_id=user_id).delete()
        transaction.on_commit(lambda: storage.delete_quietly(*names))
