"""Receivers connected by the plugin machinery (``signals_config`` in apps.py): each checks one thing and hands off."""
from django.db import transaction


def retire_participant(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """The LMS is retiring an account: forget the learner's participant data once the retirement commits."""
    if user is None:
        return
    from ..tasks import retire_participant as task  # pylint: disable=import-outside-toplevel

    user_id = user.pk
    transaction.on_commit(lambda: task.delay(user_id))
