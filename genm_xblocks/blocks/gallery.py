"""The Gallery XBlock: a child-safe showcase of approved works, with likes, reports and, for staff, moderation.

Thin by design: handlers parse, call ``genm_xblocks.api`` and answer JSON; the page draws everything with
``textContent``, so nothing a learner wrote can become markup.
"""
from django.utils.translation import gettext, pgettext
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Boolean, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from .. import api, regions
from . import common

_ = lambda text: text  # noqa: E731  field labels are translated by the Studio editor through the i18n service

SORTS = [str(sort) for sort in api.GallerySort]


@XBlock.needs("user")
@XBlock.needs("i18n")
class GalleryXBlock(StudioEditableXBlockMixin, XBlock):
    """Published works of this course (or of chosen CreativeWork blocks): cards, filters, likes and reports."""

    display_name = String(display_name=_("Display name"), default="Gallery", scope=Scope.settings)
    block_ids = List(display_name=_("Only these CreativeWork blocks"), default=[], scope=Scope.settings,
                     help=_("Usage ids of CreativeWork blocks whose works to show; empty shows the whole course."))
    default_sort = String(display_name=_("Order"), default="newest", scope=Scope.settings,
                          values=[{"display_name": sort, "value": sort} for sort in SORTS],
                          help=_("newest, most_liked or winners (winners first)."))
    show_filters = Boolean(display_name=_("Show filters"), default=True, scope=Scope.settings,
                           help=_("Let visitors filter by nomination, age group and region."))

    editable_fields = ("display_name", "block_ids", "default_sort", "show_filters")
    has_author_view = True
    completion_mode = "excluded"
    icon_class = "other"

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        viewer = common.current_viewer(self)
        fragment = Fragment()
        fragment.add_content(common.loader.render_django_template(
            "templates/gallery.html", {"block": self, "is_staff": viewer.is_staff},
            i18n_service=self.runtime.service(self, "i18n"),
        ))
        fragment.add_css(common.loader.load_unicode("static/css/genm_ui.css"))
        fragment.add_css(common.loader.load_unicode("static/css/gallery.css"))
        fragment.add_javascript(common.loader.load_unicode("static/js/genm_ui.js"))
        fragment.add_javascript(common.loader.load_unicode("static/js/gallery.js"))
        fragment.initialize_js("GenmGallery", {
            "strings": gallery_strings(),
            "signed_in": viewer.user is not None,
            "is_staff": viewer.is_staff,
            "default_sort": self.default_sort if self.default_sort in SORTS else "newest",
            "show_filters": self.show_filters,
        })
        return fragment

    def author_view(self, context=None):
        fragment = Fragment()
        fragment.add_content(common.loader.render_django_template(
            "templates/gallery_author.html", {"block": self},
            i18n_service=self.runtime.service(self, "i18n"),
        ))
        fragment.add_css(common.loader.load_unicode("static/css/genm_ui.css"))
        fragment.add_css(common.loader.load_unicode("static/css/gallery.css"))
        return fragment

    def filters(self, data=None):
        data = data or {}
        return api.GalleryFilters(
            course_key=common.course_key_of(self),
            block_keys=tuple(str(key) for key in self.block_ids or ()),
            nomination=str(data.get("nomination") or "")[:100],
            age_group=str(data.get("age_group") or "")[:5],
            region_code=str(data.get("region_code") or "")[:6],
        )

    # ------------------------------------------------------------------ everyone
    @XBlock.handler
    def page(self, request, suffix=""):
        """A page of cards: ``{sort, cursor, nomination, age_group, region_code}``; open to visitors too."""
        def act(viewer, data):
            default_sort = self.default_sort
            page = api.gallery_page(self.filters(data), data.get("sort") or default_sort, data.get("cursor"),
                                    viewer_id=viewer.user_id)
            return {"cards": [self._card(card, card.uuid in page.liked) for card in page.cards],
                    "next_cursor": page.next_cursor}
        return self._answer(request, act)

    @XBlock.handler
    def facets(self, request, suffix=""):
        def act(viewer, data):
            facets = api.gallery_facets(common.course_key_of(self))
            names = dict(api.region_choices())
            return {"nominations": facets["nominations"], "age_groups": facets["age_groups"],
                    "regions": [[code, names.get(code, code)] for code in facets["regions"]]}
        return self._answer(request, act)

    @XBlock.handler
    def work(self, request, suffix=""):
        """One published work with all its files: ``{work_id}``."""
        def act(viewer, data):
            work = api.gallery_work(data.get("work_id"), self.filters())
            return self._work(work)
        return self._answer(request, act)

    @XBlock.handler
    def file(self, request, suffix=""):
        """A file of a published work (``GET ?id=<uuid>[&thumbnail=1]``); anything else is not found."""
        return common.serve_file(self, request)

    # ------------------------------------------------------------------ signed-in learners
    @XBlock.handler
    def like(self, request, suffix=""):
        """``{work_id, liked: true|false}``: like or take the like back."""
        def act(viewer, data):
            course_key = common.course_key_of(self)
            if data.get("liked") is False:
                state = api.unlike(viewer.user, data.get("work_id"), course_key)
            else:
                state = api.like(viewer.user, data.get("work_id"), course_key)
            self._publish("genm.gallery.liked" if state.liked else "genm.gallery.unliked",
                          {"work_id": state.work_uuid, "like_count": state.like_count})
            return {"work_id": state.work_uuid, "liked": state.liked, "like_count": state.like_count}
        return self._answer(request, act)

    @XBlock.handler
    def report(self, request, suffix=""):
        """``{work_id, category, comment}``; a repeat report is accepted and not counted again."""
        def act(viewer, data):
            result = api.report_work(viewer.user, data.get("work_id"), common.course_key_of(self),
                                     data.get("category"), data.get("comment", ""))
            self._publish("genm.gallery.reported", {"work_id": str(data.get("work_id")),
                                                    "category": result.category, "counted": result.recorded,
                                                    "hidden": result.hidden})
            return {"recorded": result.recorded, "hidden": result.hidden, "message": report_message(result)}
        return self._answer(request, act)

    # ------------------------------------------------------------------ staff
    @XBlock.handler
    def moderation(self, request, suffix=""):
        """The queue (pending first, oldest first) and the reported works, grouped by work."""
        def act(viewer, data):
            queue, pending = api.moderation_queue(self.filters())
            reported = api.reported_works(self.filters())
            return {"pending": [self._moderation_item(item) for item in queue], "pending_total": pending,
                    "reported": [self._moderation_item(item) for item in reported],
                    "reasons": [[code, str(label)] for code, label in api.reasons().items()]}
        return self._answer(request, act, staff=True)

    @XBlock.handler
    def approve(self, request, suffix=""):
        def act(viewer, data):
            work = api.approve(data.get("work_id"), self.filters(), viewer.user)
            self._publish("genm.moderation.approved", {"work_id": work.uuid})
            return {"work_id": work.uuid, "status": str(work.status)}
        return self._answer(request, act, staff=True)

    @XBlock.handler
    def reject(self, request, suffix=""):
        """``{work_id, reason_code, reason_text}``: back to the author with the reason."""
        def act(viewer, data):
            work = api.reject(data.get("work_id"), self.filters(), viewer.user, data.get("reason_code"),
                              data.get("reason_text", ""))
            self._publish("genm.moderation.rejected", {"work_id": work.uuid, "reason": data.get("reason_code")})
            return {"work_id": work.uuid, "status": str(work.status)}
        return self._answer(request, act, staff=True)

    @XBlock.handler
    def unpublish(self, request, suffix=""):
        def act(viewer, data):
            work = api.unpublish(data.get("work_id"), self.filters(), viewer.user, data.get("reason_code"),
                                 data.get("reason_text", ""))
            self._publish("genm.moderation.unpublished", {"work_id": work.uuid, "reason": data.get("reason_code")})
            return {"work_id": work.uuid, "status": str(work.status)}
        return self._answer(request, act, staff=True)

    @XBlock.handler
    def decisions(self, request, suffix=""):
        def act(viewer, data):
            return {"decisions": [_decision_json(d) for d in api.decisions_of(data.get("work_id"), self.filters())]}
        return self._answer(request, act, staff=True)

    # ------------------------------------------------------------------ plumbing
    def _answer(self, request, act, staff=False):
        return common.answer(self, request, act, staff=staff)

    def _file_url(self, file, thumbnail=False, public=True):
        """Published files go through the runtime's unauthenticated handler URL: the same for every visitor, so
        browsers and caches share them; staff previews of pending works need the signed-in one."""
        query = f"id={file.uuid}" + ("&thumbnail=1" if thumbnail else "")
        return self.runtime.handler_url(self, "file", query=query, thirdparty=public)

    def _card(self, card, liked):
        cover = None
        if card.cover is not None:
            cover = {"kind": card.cover.kind, "content_type": card.cover.content_type,
                     "thumbnail_url": self._file_url(card.cover, thumbnail=True) if card.cover.has_thumbnail else None,
                     "width": card.cover.width, "height": card.cover.height}
        return {"id": card.uuid, "title": card.title, "public_name": card.public_name, "age_group": card.age_group,
                "region_code": card.region_code, "region_name": regions.region_name(card.region_code, _language()),
                "nomination": card.nomination, "like_count": card.like_count, "liked": liked,
                "is_winner": card.is_winner, "published_at": card.published_at.isoformat(), "cover": cover}

    def _work(self, work, public=True):
        return {
            "id": work.uuid, "title": work.title, "description": work.description, "public_name": work.public_name,
            "age_group": work.age_group, "region_name": regions.region_name(work.region_code, _language()),
            "nomination": work.nomination, "is_winner": work.is_winner,
            "files": [{"id": f.uuid, "kind": f.kind, "content_type": f.content_type, "name": f.display_name,
                       "width": f.width, "height": f.height, "url": self._file_url(f, public=public),
                       "thumbnail_url": self._file_url(f, True, public) if f.has_thumbnail else None}
                      for f in work.files if f.status == "ready"],
        }

    def _moderation_item(self, item):
        return {**self._work(item.work, public=False), "username": item.username, "status": str(item.work.status),
                "submitted_at": item.work.submitted_at.isoformat() if item.work.submitted_at else None,
                "reports": [{"category": r.category, "comment": r.comment, "created": r.created.isoformat()}
                            for r in item.reports],
                "decisions": [_decision_json(d) for d in item.decisions]}

    def _publish(self, name, data):
        self.runtime.publish(self, name, {"block": str(self.scope_ids.usage_id), **data})

    # ------------------------------------------------------------------ authoring
    def validate_field_data(self, validation, data):
        if data.default_sort not in SORTS:
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.ugettext(
                "Choose the order: newest, most_liked or winners.")))
        if any(not isinstance(key, str) or not key.strip() for key in data.block_ids or []):
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.ugettext(
                "Each block must be given by its usage id.")))

    @staticmethod
    def workbench_scenarios():
        return [
            ("Gallery of the course", """<vertical_demo>
<genm_gallery display_name="Галерея работ"/>
</vertical_demo>"""),
            ("Gallery: winners first, with an art task", """<vertical_demo>
<genm_creative_work display_name="Нарисуй редкое животное" kinds='["image"]' nomination="Цифровой рисунок">
<prompt><p>Нарисуй редкое животное своего края.</p></prompt></genm_creative_work>
<genm_gallery display_name="Лучшие работы" default_sort="winners"/>
</vertical_demo>"""),
        ]


def _language():
    from django.utils.translation import get_language  # pylint: disable=import-outside-toplevel

    return get_language() or "ru"


def _decision_json(decision):
    return {"action": decision.action, "moderator": decision.moderator, "reason_code": decision.reason_code,
            "reason_text": decision.reason_text, "created": decision.created.isoformat()}


def report_message(result):
    """What the child reads after reporting; for personal information, also: tell an adult (as Scratch does)."""
    if result.category == "personal_info":
        return gettext("Thank you. Personal information must stay private: please tell a parent or teacher about "
                       "this too.")
    if not result.recorded:
        return gettext("You have already reported this work. Thank you, the moderators will look at it.")
    return gettext("Thank you. The moderators will look at this work.")


def gallery_strings():
    """Every sentence the gallery's script shows, translated on the server."""
    return {
        "like": gettext("Like"),
        "unlike": gettext("Remove like"),
        "likes": gettext("%(count)s likes"),
        "sign_in_to_like": gettext("Sign in to like works."),
        "own_work": gettext("This is your work."),
        "winner": gettext("Winner"),
        "load_more": gettext("Show more"),
        "empty": gettext("No works here yet."),
        "open": pgettext("button that opens a work", "Open"),
        "close": gettext("Close"),
        "report": gettext("Report a problem"),
        "report_title": gettext("What is wrong with this work?"),
        "report_send": gettext("Send"),
        "report_categories": {
            "inappropriate": gettext("Not suitable for children"),
            "personal_info": gettext("Shows personal information"),
            "copied": gettext("Copied from someone else"),
            "bullying": gettext("Bullying or mean"),
            "other": gettext("Something else"),
        },
        "personal_info_hint": gettext("Personal information is a name, an address, a school, a phone number or a "
                                      "face. Please also tell a parent or teacher."),
        "comment": gettext("Comment (optional)"),
        "filters": gettext("Filters"),
        "all": gettext("All"),
        "nomination": gettext("Nomination"),
        "age_group": gettext("Age"),
        "region": gettext("Region"),
        "sort": gettext("Order"),
        "sorts": {"newest": gettext("Newest"), "most_liked": gettext("Most liked"),
                  "winners": gettext("Winners first")},
        "by": gettext("by %(name)s"),
        "age_years": gettext("%(group)s years"),
        "network_error": gettext("The connection was lost. Please try again."),
        "moderation": gettext("Moderation"),
        "pending": gettext("Waiting for moderation (%(count)s)"),
        "reported": gettext("Reported works"),
        "approve": gettext("Approve"),
        "reject": gettext("Return to the author"),
        "unpublish": gettext("Take down"),
        "reason": gettext("Reason"),
        "reason_text": gettext("Note for the author"),
        "history": gettext("History"),
        "nothing_pending": gettext("Nothing is waiting. Well done!"),
        "model_preview": gettext("3D model"),
        "download": gettext("Download"),
        "loading": gettext("Loading…"),
        "server_error": gettext("Something went wrong. Please try again in a minute."),
        "no_match": gettext("No works match these filters. Try other ones."),
        "reset_filters": gettext("Show all works"),
        "shown": gettext("Works shown: %(count)s"),
        "kinds": {"image": gettext("Picture"), "audio": gettext("Song or sound"), "video": gettext("Video"),
                  "model3d": gettext("3D model"), "scratch": gettext("Scratch project"),
                  "document": gettext("Document")},
        "comment_count": gettext("%(count)s of %(max)s characters"),
        "choose": gettext("Choose…"),
        "cancel": gettext("Cancel"),
        "full_size": gettext("Full size"),
        "statuses": {"draft": gettext("Draft"), "in_review": gettext("Waiting for moderation"),
                     "published": gettext("Published"), "returned": gettext("Returned to the author")},
        "decision_actions": {"approve": gettext("Approved"), "reject": gettext("Returned to the author"),
                             "unpublish": gettext("Taken down"), "hide": gettext("Hidden after reports")},
        "username": gettext("Login"),
        "public_name": gettext("Name in the gallery"),
        "submitted_on": gettext("Sent on %(date)s"),
        "reports": gettext("Reports (%(count)s)"),
        "no_reports": gettext("No reports."),
        "no_history": gettext("No decisions yet."),
        "no_reported": gettext("No reported works. All is calm."),
        "pending_shown": gettext("The %(count)s oldest works are shown. Decide on them to see the next ones."),
        "approved": gettext("«%(title)s» is now in the gallery."),
        "rejected": gettext("«%(title)s» was returned to the author."),
        "unpublished": gettext("«%(title)s» was taken down."),
        "no_files": gettext("This work has no files to show."),
    }
