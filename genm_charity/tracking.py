"""An event-tracking backend that counts tracking-log actions: a correct ``problem_check``, a finished video.

``plugin_settings`` adds it next to the platform's own backends (``EVENT_TRACKING_BACKENDS``). It runs inside the
request that emitted the event, so it does as little as it can there: it drops every event whose name it does not
count (one set lookup), turns the others into activities and keeps them in the request's buffer. When the request
finishes, the buffer leaves as at most one Celery message. Outside a request (a Celery task, a management command)
an activity leaves at once.
"""
import threading

from django.core.signals import request_finished, request_started

from . import outbox, sources

_request = threading.local()


class CharityTrackingBackend:
    """``send(event)`` as event-tracking calls it; takes no options."""

    def __init__(self):
        request_started.connect(_start, dispatch_uid="genm_charity.tracking.start")
        request_finished.connect(_flush, dispatch_uid="genm_charity.tracking.flush")

    def send(self, event):
        if event.get("name") not in sources.TRACKED:
            return
        activity = sources.tracking_event(event)
        if activity is None:
            return
        pending = getattr(_request, "pending", None)
        if pending is None:
            outbox.send([activity])
        else:
            pending.append(activity)


def _start(**kwargs):  # pylint: disable=unused-argument
    """A new request; whatever an earlier one left unsent (it never finished) leaves first."""
    _flush()
    _request.pending = []


def _flush(**kwargs):  # pylint: disable=unused-argument
    pending, _request.pending = getattr(_request, "pending", None), None
    if pending:
        outbox.send(pending)
