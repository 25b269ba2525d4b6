"""Hand activities to the ledger's Celery task: one message per call, the task imported only when needed.

If the broker cannot take the message, the activities are recorded right here instead, slower but not lost: an
action must count once, and "never" is not once.
"""
import logging

from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def send(activities):
    """Queue ``activities`` for recording as one Celery message."""
    if not activities:
        return
    from .tasks import record_activities  # pylint: disable=import-outside-toplevel  (tasks import the ledger)

    try:
        # The message's printable form (shown by monitoring tools) says how many, not who did what.
        record_activities.apply_async(([activity.to_message() for activity in activities],),
                                      argsrepr=f"[{len(activities)} activities]")
    except OperationalError:
        log.warning("the broker refused %d activities; recording them in this process", len(activities))
        from .ledger import record  # pylint: disable=import-outside-toplevel

        record(activities)
