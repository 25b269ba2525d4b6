"""Turn models into the frozen data of ``data.py``, and send our signals once the change has committed."""
from django.db import transaction

from .data import GradeData, WorkData, WorkFileData, WorkStatus
from .models import WorkFile


def file_data(file):
    return WorkFileData(
        uuid=str(file.uuid), kind=file.kind, content_type=file.content_type, display_name=file.display_name,
        size=file.size, status=file.status, error=file.error, width=file.width, height=file.height,
        has_thumbnail=bool(file.thumbnail_name),
    )


def work_data(work, files=None):
    """``files`` may be passed in when the caller already fetched them (lists of works), else they are read."""
    if files is None:
        files = list(work.files.all())
    work_files = tuple(file_data(f) for f in files if f.role == WorkFile.Role.WORK)
    feedback_files = [file_data(f) for f in files if f.role == WorkFile.Role.FEEDBACK]
    grade = None
    if work.points_earned is not None:
        grade = GradeData(points_earned=work.points_earned, points_possible=work.points_possible,
                          feedback=work.feedback, graded_at=work.graded_at,
                          feedback_file=feedback_files[-1] if feedback_files else None)
    return WorkData(
        uuid=str(work.uuid), user_id=work.user_id, course_key=work.course_key, block_key=work.block_key,
        title=work.title, description=work.description, status=WorkStatus(work.status),
        gallery_opt_in=work.gallery_opt_in, is_winner=work.is_winner, return_reason=work.return_reason,
        submitted_at=work.submitted_at, published_at=work.published_at, age_group=work.age_group,
        region_code=work.region_code, public_name=work.public_name, files=work_files, grade=grade,
        nomination=work.nomination, like_count=work.like_count,
    )


def send_after_commit(signal, data):
    """In-process listeners (the charity ledger, the gallery) hear of a change only once it is durable."""
    transaction.on_commit(lambda: signal.send(sender=WorkData, work=data))
