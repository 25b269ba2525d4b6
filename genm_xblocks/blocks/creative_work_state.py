"""The JSON the CreativeWork block's page works from: the learner's whole state, and what staff see of a work."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import api

Status = api.WorkStatus


def status_labels():
    return {
        "draft": _("Draft"),
        "submitted": _("Submitted"),
        "in_review": _("Waiting for moderation"),
        "published": _("In the gallery"),
        "returned": _("Returned for changes"),
        "winner": _("Winner"),
    }


def display_status(work):
    """What the learner is told: a winner is a winner, whatever the moderation state."""
    return "winner" if work.is_winner else str(work.status)


def learner_state(block, viewer):
    """Everything the learner's page shows, after any action: one shape, so the page can redraw from it."""
    context = block.context()
    policy = context.policy
    work = api.get_work(viewer.user, context.block_key)
    profile = api.get_profile(viewer.user)
    consent = api.active_consent(viewer.user_id)
    past_due = bool(policy.due and timezone.now() > policy.due)
    open_statuses = {Status.DRAFT, Status.RETURNED}
    editable = not past_due and (work is None or work.status in open_statuses)
    withdrawable = (not past_due and policy.allow_resubmission and work is not None and work.grade is None
                    and work.status in {Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED})
    return {
        "work": work_json(block, work) if work else None,
        "profile": profile_json(profile),
        "consent": consent_json(consent),
        "consent_text": api.consent_text(),
        "needs_consent": bool(profile and profile.needs_guardian_consent),
        "limits": {
            "kinds": list(policy.kinds),
            "extensions": api.accepted_extensions(policy.kinds),
            "accept": ",".join(f".{ext}" for ext in api.accepted_extensions(policy.kinds)),
            "max_file_bytes": policy.max_file_bytes,
            "max_files": policy.max_files,
            "max_total_bytes": policy.max_total_bytes,
        },
        "due": policy.due.isoformat() if policy.due else None,
        "past_due": past_due,
        "allow_resubmission": policy.allow_resubmission,
        "gallery_allowed": policy.gallery_allowed,
        "can_edit": editable,
        "can_submit": editable,
        "can_withdraw": withdrawable,
        "regions": [[code, name] for code, name in api.region_choices()],
        "age_groups": [group.value for group in api.AgeGroup],
    }


def work_json(block, work):
    grade = None
    if work.grade is not None:
        grade = {
            "points": work.grade.points_earned,
            "max_points": work.grade.points_possible,
            "feedback": work.grade.feedback,
            "graded_at": work.grade.graded_at.isoformat(),
            "feedback_file": file_json(block, work.grade.feedback_file) if work.grade.feedback_file else None,
        }
    status = display_status(work)
    return {
        "id": work.uuid,
        "title": work.title,
        "description": work.description,
        "gallery_opt_in": work.gallery_opt_in,
        "status": status,
        "status_label": status_labels()[status],
        "return_reason": work.return_reason,
        "submitted_at": work.submitted_at.isoformat() if work.submitted_at else None,
        "files": [file_json(block, file) for file in work.files],
        "total_size": work.total_size,
        "grade": grade,
    }


def file_json(block, file):
    url = block.runtime.handler_url(block, "file", query=f"id={file.uuid}")
    ready = file.status == "ready"
    return {
        "id": file.uuid,
        "name": file.display_name,
        "kind": file.kind,
        "content_type": file.content_type,
        "size": file.size,
        "status": file.status,
        "error": file.error,
        "width": file.width,
        "height": file.height,
        "url": url if ready else None,
        "download_url": f"{url}&download=1" if ready else None,
        "thumbnail_url": f"{url}&thumbnail=1" if ready and file.has_thumbnail else None,
    }


def profile_json(profile):
    if profile is None:
        return None
    return {"age_group": str(profile.age_group), "region_code": profile.region_code,
            "region_name": profile.region_name, "nickname": profile.nickname, "public_name": profile.public_name,
            "needs_guardian_consent": profile.needs_guardian_consent}


def consent_json(consent):
    if consent is None:
        return None
    return {"guardian_name": consent.guardian_name, "given_on": consent.given_on.isoformat(),
            "consent_text": consent.consent_text, "recorded_at": consent.recorded_at.isoformat()}


def staff_row(row):
    status = str(row.status)
    return {"id": row.uuid, "username": row.username, "public_name": row.public_name, "title": row.title,
            "status": status, "status_label": status_labels()[status],
            "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None,
            "points": row.points_earned, "file_count": row.file_count}


def staff_work(block, work, username):
    """A work as staff open it: the learner's username, consent on record and the grading state."""
    return {"username": username, "public_name": work.public_name, "work": work_json(block, work),
            "consent": consent_json(api.active_consent(work.user_id)), "max_points": block.points_possible(),
            "age_group": work.age_group, "region_code": work.region_code}


def translated_strings():
    """Every sentence the page's script shows, translated on the server into the learner's language."""
    return {
        "statuses": status_labels(),
        "uploading": _("Uploading %(name)s…"),
        "processing": _("Preparing the preview…"),
        "failed": _("This file could not be prepared."),
        "remove": _("Remove"),
        "remove_confirm": _("Remove the file %(name)s from your work?"),
        "download": _("Download"),
        "submit_confirm": _("Hand in your work now? You will not be able to change it unless you withdraw it."),
        "withdraw_confirm": _("Take your work back to change it? You will need to submit it again."),
        "revoke_confirm": _("Withdraw the guardian's consent? Your works will leave the gallery."),
        "saved": _("Saved."),
        "submitted": _("Your work has been handed in."),
        "withdrawn": _("Your work is a draft again."),
        "network_error": _("The connection was lost. Please try again."),
        "too_big": _("This file is too big. The limit is %(megabytes)s MB."),
        "wrong_type": _("Files of this type cannot be added here. Allowed: %(types)s."),
        "too_many": _("A work can have at most %(count)s files."),
        "due": _("Due: %(date)s"),
        "past_due": _("The due date has passed: the work can no longer be changed."),
        "no_files": _("No files yet."),
        "model_preview": _("3D model"),
        "file_card": _("File"),
        "score": _("Score: %(points)s of %(max_points)s"),
        "feedback_file": _("Feedback file"),
        "consent_needed": _("Your work can be graded, but it will be shown in the gallery only after a parent or "
                            "guardian gives consent."),
        "staff_search": _("Search by learner or title"),
        "staff_empty": _("No works have been handed in yet."),
        "staff_no_match": _("No handed-in work matches your search."),
        "staff_page": _("Page %(page)s of %(pages)s"),
        "export_building": _("Preparing the zip file…"),
        "export_ready": _("Download the zip (%(count)s files)"),
        "export_failed": _("The zip file could not be made. Please try again."),
        "graded": _("The grade has been saved."),
        "open": pgettext("button that opens a work", "Open"),
        "close": _("Close"),
        "bytes_kb": _("%(size)s KB"),
        "bytes_mb": _("%(size)s MB"),
        "age_years": _("%(group)s years"),
        "profile_summary": _("You take part as %(name)s, %(age)s, %(region)s."),
        "chars_count": _("%(count)s of %(max)s characters"),
        "files_hint": _("Allowed: %(types)s. Up to %(count)s files, each up to %(megabytes)s MB."),
        "total_too_big": _("All files of a work together can be at most %(megabytes)s MB."),
        "uploaded": _("%(name)s has been added."),
        "removed": _("The file has been removed."),
        "server_error": _("Something went wrong. Please try again later."),
        "return_reason": _("What to change: %(reason)s"),
        "submitted_on": _("Handed in: %(date)s"),
        "consent_on_record": _("Consent given by %(name)s on %(date)s"),
        "consent_given": _("Thank you! The consent has been recorded."),
        "consent_revoked": _("The consent has been withdrawn."),
        "points_hint": _("From 0 to %(max)s."),
    }
