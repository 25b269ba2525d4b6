"""The CreativeWork XBlock: a learner makes something, hands it in, and staff grade it.

Thin by design: every handler parses the request, calls ``genm_xblocks.api`` (which enforces every rule) and
answers JSON; the learner's work lives in the app's models, not in XBlock user state, so staff pages, the gallery
and retirement can reach it.
"""
import copy
import datetime

import nh3
from django.utils import timezone
from django.utils.translation import gettext_lazy
from lxml import etree
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin, XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import Boolean, DateTime, Float, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from .. import api
from ..conf import setting
from . import common
from .creative_work_state import learner_state, staff_row, staff_work, translated_strings

_ = lambda text: text  # noqa: E731  field labels are translated by the Studio editor through the i18n service

PROMPT_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h3", "h4", "a", "img", "blockquote",
               "span"}
PROMPT_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "span": {"lang"}}


def sanitize_prompt(html):
    """The author's prompt, with anything that could run or track removed (nh3, an allow-list)."""
    return nh3.clean(html or "", tags=PROMPT_TAGS, attributes=PROMPT_ATTRIBUTES, url_schemes={"http", "https"},
                     link_rel="noopener noreferrer nofollow")


def _inner_html(element):
    """The prompt's HTML: written as text (CDATA, as this block exports it) or as child elements by hand."""
    if len(element) == 0:
        return (element.text or "").strip()
    parts = [element.text or ""]
    for child in element:
        child = copy.deepcopy(child)
        etree.cleanup_namespaces(child)
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


KIND_LABELS = {
    "image": _("Pictures (PNG, JPEG, GIF, WebP)"),
    "audio": _("Sound (WAV, MP3, OGG)"),
    "video": _("Video (MP4, WebM)"),
    "model3d": _("3D models (GLB, glTF, STL, OBJ)"),
    "scratch": _("Scratch projects (.sb3)"),
    "document": _("Documents (PDF)"),
}


def _kind_options(block):
    """The kinds an author may tick in Studio, named in the author's language."""
    return [{"display_name": block.ugettext(KIND_LABELS[kind]), "value": kind} for kind in api.KINDS]


@XBlock.needs("user")
@XBlock.needs("i18n")
class CreativeWorkXBlock(StudioEditableXBlockMixin, CompletableXBlockMixin, XBlock):
    """A learner hands in a creative work (picture, song, 3D model, animation, Scratch project); staff grade it."""

    display_name = String(display_name=_("Display name"), default="Creative work", scope=Scope.settings,
                          help=_("The name learners see in the course navigation."))
    prompt = String(display_name=_("Task"), scope=Scope.settings, multiline_editor="html",
                    default="<p>Make a drawing of your favourite animal and upload it here.</p>",
                    help=_("What the learner should make; shown above the work. Safe HTML only."))
    kinds = List(display_name=_("Accepted kinds of files"), default=["image"], scope=Scope.settings,
                 list_style="set", list_values_provider=_kind_options,
                 help=_("Which kinds of files learners may add: image, audio, video, model3d, scratch, document."))
    max_file_mb = Integer(display_name=_("Largest file (MB)"), default=20, scope=Scope.settings,
                          values={"min": 1, "max": 1024, "step": 1})
    max_files = Integer(display_name=_("Files per work"), default=5, scope=Scope.settings,
                        values={"min": 1, "max": 100, "step": 1})
    max_total_mb = Integer(display_name=_("All files of a work together (MB)"), default=60, scope=Scope.settings,
                           values={"min": 1, "max": 4096, "step": 1})
    max_megapixels = Integer(display_name=_("Largest picture (megapixels)"), default=40, scope=Scope.settings,
                             values={"min": 1, "max": 200, "step": 1})
    max_frames = Integer(display_name=_("Most animation frames"), default=300, scope=Scope.settings,
                         values={"min": 1, "max": 5000, "step": 1})
    submission_due = DateTime(display_name=_("Due date"), default=None, scope=Scope.settings,
                              help=_("After this moment the server refuses every change and every submission. "
                                     "In the LMS the earlier of this and the subsection's due date applies."))
    allow_resubmission = Boolean(display_name=_("Allow withdrawing and resubmitting"), default=True,
                                 scope=Scope.settings,
                                 help=_("Before the due date, a learner may take a work back, change it and submit "
                                        "it again, until it is graded."))
    weight = Float(display_name=_("Points"), default=10, scope=Scope.settings, values={"min": 0, "step": 1},
                   help=_("The maximum score staff can give."))
    nomination = String(display_name=_("Nomination"), default="", scope=Scope.settings,
                        help=_("The contest nomination works of this task enter, e.g. \"Digital art\"; "
                               "the gallery can be filtered by it."))
    gallery_allowed = Boolean(display_name=_("Offer the gallery"), default=True, scope=Scope.settings,
                              help=_("Learners may ask for their work to be shown in the public gallery after "
                                     "moderation."))

    editable_fields = ("display_name", "prompt", "kinds", "max_file_mb", "max_files", "max_total_mb",
                       "max_megapixels", "max_frames", "submission_due", "allow_resubmission", "weight",
                       "nomination", "gallery_allowed")
    has_score = True
    has_author_view = True
    completion_mode = XBlockCompletionMode.COMPLETABLE
    icon_class = "problem"
    block_type = "genm_creative_work"

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        viewer = common.current_viewer(self)
        fragment = Fragment()
        fragment.add_content(common.loader.render_django_template(
            "templates/creative_work.html",
            {"block": self, "prompt": sanitize_prompt(self.prompt), "viewer": viewer,
             "is_staff": viewer.is_staff},
            i18n_service=self.runtime.service(self, "i18n"),
        ))
        fragment.add_css(common.loader.load_unicode("static/css/genm_ui.css"))
        fragment.add_css(common.loader.load_unicode("static/css/creative_work.css"))
        fragment.add_javascript(common.loader.load_unicode("static/js/genm_ui.js"))
        fragment.add_javascript(common.loader.load_unicode("static/js/creative_work.js"))
        fragment.initialize_js("GenmCreativeWork", {
            "strings": translated_strings(),
            "is_staff": viewer.is_staff,
            "signed_in": viewer.user is not None,
        })
        return fragment

    def author_view(self, context=None):
        """Studio's preview: the task and the limits, without any learner's work."""
        fragment = Fragment()
        fragment.add_content(common.loader.render_django_template(
            "templates/creative_work_author.html",
            {"block": self, "prompt": sanitize_prompt(self.prompt), "policy": self.policy(),
             "extensions": api.accepted_extensions(self.policy().kinds)},
            i18n_service=self.runtime.service(self, "i18n"),
        ))
        fragment.add_css(common.loader.load_unicode("static/css/genm_ui.css"))
        fragment.add_css(common.loader.load_unicode("static/css/creative_work.css"))
        return fragment

    # ------------------------------------------------------------------ what the api needs to know of the block
    def policy(self):
        """The block's settings, capped by the operator's ``GENM_MEDIA_LIMITS``."""
        caps = setting("GENM_MEDIA_LIMITS")
        valid_kinds = tuple(kind for kind in api.KINDS if kind in (self.kinds or ()))
        mb = 1024 * 1024
        return api.BlockPolicy(
            kinds=valid_kinds or ("image",),
            max_file_bytes=min(self.max_file_mb, caps["max_file_mb"]) * mb,
            max_files=min(self.max_files, caps["max_files"]),
            max_total_bytes=min(self.max_total_mb, caps["max_total_mb"]) * mb,
            max_megapixels=min(self.max_megapixels, caps["max_megapixels"]),
            max_frames=min(self.max_frames, caps["max_frames"]),
            due=self._due(),
            allow_resubmission=self.allow_resubmission,
            gallery_allowed=self.gallery_allowed,
            points_possible=self.points_possible(),
            nomination=" ".join((self.nomination or "").split())[:100],
        )

    def context(self):
        return api.BlockContext(course_key=common.course_key_of(self), block_key=str(self.scope_ids.usage_id),
                                policy=self.policy())

    def points_possible(self):
        return max(int(round(self.weight or 0)), 0)

    def max_score(self):
        return self.points_possible()

    def _due(self):
        """The block's own due date, or the subsection's that the LMS lets blocks inherit, whichever comes first.

        Only a real ``due`` field counts: the workbench pins a plain ``due`` attribute of "now" on every block.
        """
        dates = [self.submission_due]
        if "due" in self.fields:
            dates.append(self.fields["due"].read_from(self))
        dates = [date if timezone.is_aware(date) else timezone.make_aware(date, datetime.UTC)
                 for date in dates if date is not None]
        return min(dates, default=None)

    # ------------------------------------------------------------------ learner handlers
    @XBlock.handler
    def get_state(self, request, suffix=""):
        return self._learner(request, lambda viewer, data: None)

    @XBlock.handler
    def save_profile(self, request, suffix=""):
        def act(viewer, data):
            api.save_profile(viewer.user, data.get("age_group"), data.get("region_code"), data.get("nickname", ""))
            self._publish("genm.profile.saved", {})
        return self._learner(request, act)

    @XBlock.handler
    def save_draft(self, request, suffix=""):
        def act(viewer, data):
            work = api.save_draft(viewer.user, self.context(), data.get("title"), data.get("description"),
                                  data.get("gallery_opt_in") is True)
            self._publish("genm.work.draft_saved", {"work_id": work.uuid, "gallery_opt_in": work.gallery_opt_in})
        return self._learner(request, act)

    @XBlock.handler
    def upload_file(self, request, suffix=""):
        def act(viewer, data):
            upload, name = common.uploaded_file(request, "file")
            if upload is None:
                raise api.GenmRequestError({"file": gettext_lazy("Choose a file to upload.")})
            try:
                file = api.add_file(viewer.user, self.context(), upload, name)
            except api.UploadRejected as rejected:
                self._publish("genm.work.file_refused", {"category": rejected.category,
                                                         "detected_type": rejected.detected_type})
                raise
            self._publish("genm.work.file_added", {"file_id": file.uuid, "kind": file.kind,
                                                   "content_type": file.content_type, "size": file.size})
        return self._learner(request, act, body=False)

    @XBlock.handler
    def remove_file(self, request, suffix=""):
        def act(viewer, data):
            api.remove_file(viewer.user, self.context(), data.get("file_id"))
            self._publish("genm.work.file_removed", {"file_id": str(data.get("file_id"))})
        return self._learner(request, act)

    @XBlock.handler
    def submit(self, request, suffix=""):
        def act(viewer, data):
            context = self.context()
            item = api.StudentItem(student_id=viewer.anonymous_id or str(viewer.user_id),
                                   course_id=context.course_key, item_id=context.block_key)
            work = api.submit_work(viewer.user, context, item)
            self.emit_completion(1.0)
            self._publish("genm.work.submitted", {"work_id": work.uuid, "status": work.status,
                                                  "file_count": len(work.files)})
        return self._learner(request, act)

    @XBlock.handler
    def withdraw(self, request, suffix=""):
        def act(viewer, data):
            work = api.withdraw_work(viewer.user, self.context())
            self._publish("genm.work.withdrawn", {"work_id": work.uuid})
        return self._learner(request, act)

    @XBlock.handler
    def give_consent(self, request, suffix=""):
        def act(viewer, data):
            api.give_consent(viewer.user, data.get("guardian_name"), data.get("given_on"), data.get("agreed"))
            self._publish("genm.consent.given", {})
        return self._learner(request, act)

    @XBlock.handler
    def revoke_consent(self, request, suffix=""):
        def act(viewer, data):
            api.revoke_consent(viewer.user)
            self._publish("genm.consent.revoked", {})
        return self._learner(request, act)

    @XBlock.handler
    def file(self, request, suffix=""):
        """Serve a work file (or its thumbnail) to whoever may see it; ``GET ?id=<uuid>[&thumbnail=1][&download=1]``."""
        return common.serve_file(self, request)

    # ------------------------------------------------------------------ staff handlers
    @XBlock.handler
    def staff_works(self, request, suffix=""):
        def act(viewer, data):
            page = api.list_works(str(self.scope_ids.usage_id), data.get("search", ""), data.get("page", 1))
            return {"works": [staff_row(row) for row in page.rows], "page": page.page,
                    "num_pages": page.num_pages, "total": page.total}
        return self._staff(request, act)

    @XBlock.handler
    def staff_work(self, request, suffix=""):
        def act(viewer, data):
            work, username = api.get_work_for_staff(str(self.scope_ids.usage_id), data.get("work_id"))
            return staff_work(self, work, username)
        return self._staff(request, act)

    @XBlock.handler
    def grade(self, request, suffix=""):
        """Multipart: ``work_id``, ``points``, ``feedback`` and, optionally, a ``feedback_file``."""
        def act(viewer, data):
            upload, name = common.uploaded_file(request, "feedback_file")
            work = api.grade_work(self.context(), request.POST.get("work_id"), viewer.user,
                                  request.POST.get("points"), request.POST.get("feedback", ""), upload, name)
            self._publish("genm.work.graded", {"work_id": work.uuid, "points": work.grade.points_earned,
                                               "max_points": work.grade.points_possible,
                                               "feedback_file": upload is not None})
            # Read again: the feedback file's processing ran when the grade committed.
            return staff_work(self, *api.get_work_for_staff(str(self.scope_ids.usage_id), work.uuid))
        return self._staff(request, act, body=False)

    @XBlock.handler
    def request_export(self, request, suffix=""):
        def act(viewer, data):
            export = api.request_export(str(self.scope_ids.usage_id), viewer.user)
            self._publish("genm.work.export_requested", {"export_id": export.uuid})
            return self._export_json(export)
        return self._staff(request, act)

    @XBlock.handler
    def export_status(self, request, suffix=""):
        def act(viewer, data):
            return self._export_json(api.get_export(str(self.scope_ids.usage_id), data.get("export_id")))
        return self._staff(request, act)

    @XBlock.handler
    def export(self, request, suffix=""):
        """Download a finished zip: ``GET ?id=<uuid>``; staff only."""
        viewer = common.current_viewer(self)
        if not viewer.is_staff:
            return common.error_response(api.GenmPermissionError())
        try:
            opened = api.open_export(str(self.scope_ids.usage_id), request.GET.get("id"))
        except api.GenmError as error:
            return common.error_response(error)
        return common.file_response(opened, download=True)

    # ------------------------------------------------------------------ plumbing
    def _learner(self, request, act, body=True):
        """Run a learner action for a signed-in user and answer with the learner's whole state."""
        def act_then_state(viewer, data):
            act(viewer, data)
            return learner_state(self, viewer)
        return common.answer(self, request, act_then_state, sign_in=gettext_lazy("Sign in to hand in your work."),
                             body=body)

    def _staff(self, request, act, body=True):
        return common.answer(self, request, act, staff=True, body=body)

    def _export_json(self, export):
        url = None
        if export.status == "ready":
            url = self.runtime.handler_url(self, "export", query=f"id={export.uuid}")
        return {"id": export.uuid, "status": export.status, "file_count": export.file_count, "url": url}

    def _publish(self, name, data):
        self.runtime.publish(self, name, {"block": str(self.scope_ids.usage_id), **data})

    # ------------------------------------------------------------------ authoring
    def validate_field_data(self, validation, data):
        unknown = [kind for kind in (data.kinds or []) if kind not in api.KINDS]
        if unknown or not data.kinds:
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.ugettext(
                "Choose at least one kind of file from the list.")))
        for name in ("max_file_mb", "max_files", "max_total_mb", "max_megapixels", "max_frames"):
            if (getattr(data, name) or 0) < 1:
                validation.add(ValidationMessage(ValidationMessage.ERROR, self.ugettext(
                    "Every limit must be at least 1.")))
                break
        if (data.weight or 0) < 0:
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.ugettext("Points cannot be negative.")))

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        """OLX: settings as attributes, the prompt as a ``<prompt>`` child holding HTML."""
        block = runtime.construct_xblock_from_class(cls, keys)
        for child in node:
            if child.tag == "prompt":
                block.prompt = _inner_html(child)
        for name, value in node.items():
            field = cls.fields.get(name)
            if field is not None and name != "prompt":
                setattr(block, name, field.from_string(value))
        return block

    def add_xml_to_node(self, node):
        """Settings as attributes; the prompt as CDATA, so pretty-printing never changes the author's markup."""
        super().add_xml_to_node(node)
        node.attrib.pop("prompt", None)
        etree.SubElement(node, "prompt").text = etree.CDATA(sanitize_prompt(self.prompt))

    @staticmethod
    def workbench_scenarios():
        return [
            ("Creative work: a drawing (art)", """<vertical_demo>
<genm_creative_work display_name="Мой любимый зверь" kinds='["image"]' weight="10">
<prompt><p>Нарисуй редкое животное своего края и загрузи рисунок.</p></prompt>
</genm_creative_work></vertical_demo>"""),
            ("Creative work: a song (music)", """<vertical_demo>
<genm_creative_work display_name="Песня о лете" kinds='["audio", "image"]' weight="20">
<prompt><p>Запиши песню о лете (WAV, MP3 или OGG) и добавь обложку.</p></prompt>
</genm_creative_work></vertical_demo>"""),
            ("Creative work: a 3D model (digital fashion)", """<vertical_demo>
<genm_creative_work display_name="Костюм будущего" kinds='["model3d", "image", "video"]' weight="10">
<prompt><p>Сделай 3D-модель костюма (GLB, glTF, STL или OBJ) и добавь рендер.</p></prompt>
</genm_creative_work></vertical_demo>"""),
            ("Creative work: a Scratch game (IT)", """<vertical_demo>
<genm_creative_work display_name="Игра на Scratch" kinds='["scratch", "video", "document"]' weight="10"
 allow_resubmission="false">
<prompt><p>Собери игру в Scratch и загрузи файл .sb3.</p></prompt>
</genm_creative_work></vertical_demo>"""),
        ]
