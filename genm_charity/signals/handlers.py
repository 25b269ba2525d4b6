"""Receivers connected by the plugin machinery (``signals_config`` in apps.py).

Each one turns its payload into an activity (``sources.py``) and hands it to Celery once the sender's transaction
commits; nothing is counted in the request. A payload that is not a countable action is dropped.
"""
from django.db import transaction

from .. import outbox, sources


def work_submitted(sender, work=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.work_submitted(work))


def work_published(sender, work=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.work_published(work))


def like_given(sender, like=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.like_given(like))


def contest_won(sender, work=None, award="", **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.contest_won(work, award))


def course_enrolled(sender, enrollment=None, metadata=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.course_enrolled(enrollment, metadata))


def course_passed(sender, course_passing_status=None, metadata=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.course_passed(course_passing_status, metadata))


def certificate_earned(sender, certificate=None, metadata=None, **kwargs):  # pylint: disable=unused-argument
    _enqueue(sources.certificate_earned(certificate, metadata))


def block_completed(sender, instance=None, raw=False, **kwargs):  # pylint: disable=unused-argument
    """``post_save`` of ``BlockCompletion``; fixtures being loaded (``raw``) are not learners acting."""
    if not raw:
        _enqueue(sources.block_completed(instance))


def retire_learner(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """The LMS is retiring an account: once that commits, the ledger forgets whose entries they were."""
    if user is None:
        return
    from ..tasks import retire_learner as task  # pylint: disable=import-outside-toplevel

    user_id = user.pk
    transaction.on_commit(lambda: task.delay(user_id))


def _enqueue(activity):
    if activity is not None:
        transaction.on_commit(lambda: outbox.send([activity]))
