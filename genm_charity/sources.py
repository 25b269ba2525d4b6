"""Where activities come from: each source's payload turned into an :class:`~genm_charity.data.Activity`.

Pure functions, no database: the receivers and the tracking backend call them and only enqueue the result. The key
of each activity names the action itself (who did what to which thing), never the delivery, so a replayed signal,
a retried task, a second like after an un-like or the same event seen by two workers all carry the same key.
"""
from .data import Activity, ActivityKind

COMPLETE = 1.0


def work_submitted(work):
    """A learner handed in a work: counted once per work, however often it is withdrawn and handed in again."""
    return Activity.of(ActivityKind.WORK_SUBMITTED, work.user_id, work.course_key, work.submitted_at, work.uuid)


def work_published(work):
    """A work reached the gallery: once per work, whatever unpublishing and publishing again happens later."""
    return Activity.of(ActivityKind.WORK_PUBLISHED, work.user_id, work.course_key, work.published_at, work.uuid)


def like_given(like):
    """One account liked one work: once per account and work, whatever the toggling."""
    return Activity.of(ActivityKind.LIKE_GIVEN, like.user_id, like.course_key, like.liked_at, like.user_id,
                       like.work_uuid)


def contest_won(work, award):
    """A work won a prize or a nomination: once per work and award."""
    return Activity.of(ActivityKind.CONTEST_WON, work.user_id, work.course_key, None, work.uuid, award)


def course_enrolled(enrollment, metadata=None):
    """openedx-events ``COURSE_ENROLLMENT_CREATED``: once per learner and course, re-enrolling included."""
    course_key = str(enrollment.course.course_key)
    return Activity.of(ActivityKind.COURSE_ENROLLED, enrollment.user.id, course_key,
                       enrollment.creation_date or _time(metadata), enrollment.user.id, course_key)


def course_passed(course_passing_status, metadata=None):
    """openedx-events ``COURSE_PASSING_STATUS_UPDATED``: the first time a learner passes a course; failing is None."""
    if not course_passing_status.is_passing:
        return None
    user, course_key = course_passing_status.user, str(course_passing_status.course.course_key)
    return Activity.of(ActivityKind.COURSE_PASSED, user.id, course_key, _time(metadata), user.id, course_key)


def certificate_earned(certificate, metadata=None):
    """openedx-events ``CERTIFICATE_CREATED`` (sent for passing statuses only): once per learner and course."""
    user, course_key = certificate.user, str(certificate.course.course_key)
    return Activity.of(ActivityKind.CERTIFICATE_EARNED, user.id, course_key, _time(metadata), user.id, course_key)


def block_completed(completion):
    """A ``completion.models.BlockCompletion`` saved as complete: once per learner and block."""
    if completion.completion < COMPLETE:
        return None
    return Activity.of(ActivityKind.BLOCK_COMPLETED, completion.user_id, str(completion.context_key),
                       getattr(completion, "modified", None), completion.user_id, completion.block_key)


def tracking_event(event):
    """
    A tracking-log event as event-tracking hands it to a backend: ``problem_check`` with a correct answer (the
    server's event, whose data is a dict) counts once per learner and problem; ``complete_video`` (browser) and
    ``edx.video.completed`` (mobile) count once per learner and video, whichever of them reports it.
    """
    mapper = TRACKED.get(event.get("name"))
    return mapper(event) if mapper else None


def _problem_solved(event):
    data, context = event.get("data"), event.get("context") or {}
    user_id = _user_id(context)
    if not isinstance(data, dict) or data.get("success") != "correct" or not data.get("problem_id") or not user_id:
        return None
    return Activity.of(ActivityKind.PROBLEM_SOLVED, user_id, context.get("course_id", ""), event.get("timestamp"),
                       user_id, data["problem_id"])


def _video_completed(event):
    data, context = event.get("data"), event.get("context") or {}
    user_id = _user_id(context)
    video = (data.get("id") or data.get("module_id")) if isinstance(data, dict) else None
    if not video or not user_id:
        return None
    course_key = context.get("course_id", "")
    block_id = str(video).rsplit("@", 1)[-1]  # the web player sends the block id, the apps the whole usage key
    return Activity.of(ActivityKind.VIDEO_COMPLETED, user_id, course_key, event.get("timestamp"), user_id,
                       course_key, block_id)


TRACKED = {
    "problem_check": _problem_solved,
    "complete_video": _video_completed,
    "edx.video.completed": _video_completed,
}


def _user_id(context):
    """The signed-in learner of a tracking event; anonymous visitors (no id, or an empty one) do not count."""
    try:
        return int(context.get("user_id") or 0) or None
    except (TypeError, ValueError):
        return None


def _time(metadata):
    return getattr(metadata, "time", None)
