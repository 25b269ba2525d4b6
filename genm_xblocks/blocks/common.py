"""What every Generation M block needs from its runtime: who is asking, JSON answers, safe file responses."""
import json
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy
from webob import Response
from xblock.utils.resources import ResourceLoader

from .. import api

loader = ResourceLoader("genm_xblocks")
STAFF_ONLY = gettext_lazy("Only course staff can do this.")


@dataclass(frozen=True)
class Viewer:
    """The current user as the LMS user service describes them; ``user`` is the Django user or None."""

    user: object
    user_id: int | None
    is_staff: bool
    anonymous_id: str | None


def current_viewer(block):
    from django.contrib.auth import get_user_model  # pylint: disable=import-outside-toplevel

    xblock_user = block.runtime.service(block, "user").get_current_user()
    attrs = xblock_user.opt_attrs
    user_id = attrs.get("edx-platform.user_id") if attrs.get("edx-platform.is_authenticated", True) else None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    return Viewer(user=user, user_id=user.pk if user else None, is_staff=bool(user and attrs.get(
        "edx-platform.user_is_staff")), anonymous_id=attrs.get("edx-platform.anonymous_user_id"))


def course_key_of(block):
    """The course the block lives in: the usage key's course in the LMS, a fixed name in the workbench."""
    usage_id = block.scope_ids.usage_id
    course_key = getattr(usage_id, "course_key", None) or getattr(block.runtime, "course_id", None)
    return str(course_key) if course_key else "workbench"


def answer(block, request, act, *, staff=False, sign_in=None, body=True):
    """
    The one path of every JSON action: POST only, the caller checked on the server, errors mapped to answers.

    ``act(viewer, data)`` returns what to answer; ``staff`` limits the action to course staff, ``sign_in`` (the
    message to show) to signed-in users; ``body=False`` for multipart requests, whose fields ``act`` reads itself.
    """
    viewer = current_viewer(block)
    if request.method != "POST":
        return json_response({"error": "POST only"}, status=405)
    if staff and not viewer.is_staff:
        return error_response(api.GenmPermissionError(STAFF_ONLY))
    if sign_in is not None and viewer.user is None:
        return error_response(api.GenmPermissionError(sign_in))
    try:
        return json_response(act(viewer, parse_json(request) if body else {}))
    except api.GenmError as error:
        return error_response(error)


def serve_file(block, request):
    """``GET ?id=<uuid>[&thumbnail=1][&download=1]``: a work file for whoever may see it (api.open_file decides)."""
    viewer = current_viewer(block)
    try:
        opened = api.open_file(request.GET.get("id"), viewer_id=viewer.user_id, viewer_is_staff=viewer.is_staff,
                               course_key=course_key_of(block), thumbnail=request.GET.get("thumbnail") == "1")
    except api.GenmError as error:
        return error_response(error)
    return file_response(opened, download=request.GET.get("download") == "1")


def json_response(body, status=200):
    return Response(json.dumps(body, default=str), status=status, content_type="application/json", charset="utf-8")


def error_response(error):
    """One answer shape for every ``api.GenmError``: the translated message and, for bad input, each field's."""
    body = {"error": str(error.message)}
    if isinstance(error, api.GenmRequestError):
        body["field_errors"] = {field: str(message) for field, message in error.field_errors.items()}
    return json_response(body, status=error.status)


def parse_json(request):
    """The request body as a JSON object; anything else is a client error, never a server error."""
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError) as exc:
        raise api.GenmRequestError({"request": "invalid JSON"}) from exc
    if not isinstance(data, dict):
        raise api.GenmRequestError({"request": "a JSON object is expected"})
    return data


def uploaded_file(request, field):
    """(file object, client file name) of a multipart field, or (None, "") when it is absent."""
    part = request.POST.get(field)
    if part is None or not hasattr(part, "file"):
        return None, ""
    return part.file, part.filename or ""


def file_response(opened, download=False):
    """Stream a stored file; the browser may not guess another type or run it (nosniff, sandboxing CSP)."""
    response = Response(content_type=opened.content_type)
    response.app_iter = _chunks(opened.fileobj)
    response.content_length = opened.size
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(opened.display_name)}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _chunks(fileobj, size=256 * 1024):
    try:
        while chunk := fileobj.read(size):
            yield chunk
    finally:
        fileobj.close()
