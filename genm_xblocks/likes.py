"""Likes: one per account and published work, toggled on and off, never by the work's owner, rate-limited.

A like costs one INSERT and one counter UPDATE, however many likes the work has: the unique pair (work, account)
makes it count once under any replay or race, and ``like_count`` is kept by ``F()`` updates in the same transaction.
"""
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .conf import setting
from .data import LikeData, LikeState
from .errors import GenmError, GenmNotFoundError, GenmPermissionError
from .models import Like, Work
from .signals.signals import WORK_LIKED, WORK_UNLIKED
from .works import parse_uuid


class GenmRateLimitedError(GenmError):
    """Too many actions in a short time: the account should wait."""

    status = 429


def like(user, work_uuid, course_key):
    """Like a published work; liking it again changes nothing."""
    work = _likeable(user, work_uuid, course_key)
    try:
        with transaction.atomic():
            # The work row first, then the like: every writer takes the same locks in the same order (an INSERT
            # would share-lock the work through its foreign key, and two such likes would deadlock on the UPDATE).
            Work.objects.filter(pk=work.pk).update(like_count=F("like_count") + 1)
            created = Like.objects.create(work_id=work.pk, user_id=user.pk)
    except IntegrityError:  # already liked (maybe by a concurrent request): the counter's change is rolled back
        return _state(work.pk, str(work.uuid), liked=True)
    data = LikeData(work_uuid=str(work.uuid), user_id=user.pk, course_key=work.course_key, liked_at=created.created)
    transaction.on_commit(lambda: WORK_LIKED.send(sender=LikeData, like=data))
    return _state(work.pk, str(work.uuid), liked=True)


def unlike(user, work_uuid, course_key):
    """Take a like back; un-liking a work one never liked changes nothing."""
    work = _likeable(user, work_uuid, course_key)
    with transaction.atomic():
        Work.objects.select_for_update().filter(pk=work.pk).values_list("pk", flat=True).first()  # same lock order
        deleted, _details = Like.objects.filter(work_id=work.pk, user_id=user.pk).delete()
        if deleted:
            Work.objects.filter(pk=work.pk, like_count__gt=0).update(like_count=F("like_count") - 1)
    if deleted:
        data = LikeData(work_uuid=str(work.uuid), user_id=user.pk, course_key=work.course_key,
                        liked_at=timezone.now())
        transaction.on_commit(lambda: WORK_UNLIKED.send(sender=LikeData, like=data))
    return _state(work.pk, str(work.uuid), liked=False)


def _likeable(user, work_uuid, course_key):
    if user is None:
        raise GenmPermissionError(_("Sign in to like works."))
    work = (Work.objects.filter(uuid=parse_uuid(work_uuid), course_key=course_key, status=Work.Status.PUBLISHED)
            .only("pk", "uuid", "user_id", "course_key").first())
    if work is None:
        raise GenmNotFoundError(_("This work is not in the gallery."))
    if work.user_id == user.pk:
        raise GenmPermissionError(_("You cannot like your own work, but others can!"))
    if not ratelimit.spend("like", user.pk, setting("GENM_LIKES_PER_HOUR")):
        raise GenmRateLimitedError(_("You have liked a lot of works this hour. Take a break and come back later."))
    return work


def _state(work_id, work_uuid, liked):
    count = Work.objects.filter(pk=work_id).values_list("like_count", flat=True).first() or 0
    return LikeState(work_uuid=work_uuid, liked=liked, like_count=count)
