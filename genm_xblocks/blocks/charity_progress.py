"""The charity progress XBlock: the child whose treatment learners' actions pay for now, what all their actions have
raised, and what the viewer's own gave ("your 134 actions gave 268 ₽").

Thin by design: every number comes from ``genm_charity.api`` (the only thing it calls) and is read from counters, so
the page costs a few one-row queries however long the ledger grows. Money arrives in kopecks and is shown in rubles.
"""
from django.utils.translation import gettext, ngettext
from web_fragments.fragment import Fragment
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import Boolean, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from genm_charity import api as charity

from . import common

_ = lambda text: text  # noqa: E731  field labels are translated by the Studio editor through the i18n service

# What the page is drawn with while no campaign is open: the same elements, empty and hidden, for the refresh to fill.
NO_CAMPAIGN = {"title": "", "purpose": "", "story": "", "percent": 0, "progress_text": ""}


@XBlock.needs("user")
@XBlock.needs("i18n")
class CharityProgressXBlock(StudioEditableXBlockMixin, XBlock):
    """The active campaign with an accessible progress bar, the totals, and the learner's own contribution."""

    display_name = String(display_name=_("Display name"), default="Good deeds", scope=Scope.settings,
                          help=_("The name learners see in the course navigation."))
    fund = String(display_name=_("Fund"), default="", scope=Scope.settings,
                  help=_("The slug of the fund whose campaign to show; empty shows the fund the active conversion "
                         "rules pay."))
    show_contribution = Boolean(display_name=_("Show the learner's own contribution"), default=True,
                                scope=Scope.settings)

    editable_fields = ("display_name", "fund", "show_contribution")
    completion_mode = XBlockCompletionMode.EXCLUDED
    icon_class = "other"

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        viewer = common.current_viewer(self)
        state = self.state(viewer)
        fragment = Fragment()
        fragment.add_content(common.loader.render_django_template(
            "templates/charity_progress.html",
            {"block": self, "state": state, "campaign": state["campaign"] or NO_CAMPAIGN,
             "me": state["me"] or {"text": ""}, "is_staff": viewer.is_staff},
            i18n_service=self.runtime.service(self, "i18n"),
        ))
        fragment.add_css(common.loader.load_unicode("static/css/charity_progress.css"))
        fragment.add_javascript(common.loader.load_unicode("static/js/charity_progress.js"))
        fragment.initialize_js("GenmCharityProgress", {"is_staff": viewer.is_staff})
        return fragment

    def state(self, viewer):
        """Everything the page shows one viewer, numbers already in words; the refresh handler answers the same."""
        overview = charity.overview(viewer.user_id if self.show_contribution else None, self.fund)
        totals = overview.totals
        state = {
            "campaign": _campaign_json(overview.campaign) if overview.campaign else None,
            "totals": {
                "actions": totals.actions,
                "actions_text": ngettext("%(count)s action", "%(count)s actions", totals.actions)
                % {"count": totals.actions},
                "raised_text": charity.rubles(totals.kopecks),
                "children": totals.children_helped,
                "children_text": ngettext("%(count)s child helped", "%(count)s children helped",
                                          totals.children_helped) % {"count": totals.children_helped},
            },
            "me": None,
            "purse_spent": overview.purse_spent,
            "purse_note": gettext("This month's sponsor budget is spent. Your actions are still recorded, and the "
                                  "next month's budget starts counting them again.") if overview.purse_spent else "",
        }
        if overview.contribution is not None:
            mine = overview.contribution
            state["me"] = {
                "actions": mine.actions,
                "kopecks": mine.kopecks,
                "text": ngettext("Your %(count)s action gave %(money)s", "Your %(count)s actions gave %(money)s",
                                 mine.actions) % {"count": mine.actions, "money": charity.rubles(mine.kopecks)}
                if mine.actions else gettext("Your actions here will help too: each one counts."),
            }
        return state

    # ------------------------------------------------------------------ handlers
    @XBlock.handler
    def refresh(self, request, suffix=""):
        """POST: the same state the page was drawn from, as it is now; anyone may ask, the learner part is theirs."""
        if request.method != "POST":
            return common.json_response({"error": "POST only"}, status=405)
        return common.json_response(self.state(common.current_viewer(self)))

    @XBlock.handler
    def staff_report(self, request, suffix=""):
        """POST, course staff only: the sponsor's purse this month and the rules in force."""
        if request.method != "POST":
            return common.json_response({"error": "POST only"}, status=405)
        if not common.current_viewer(self).is_staff:
            return common.json_response({"error": gettext("Only course staff can see this.")}, status=403)
        purse = charity.current_purse()
        rules = charity.get_rules()
        return common.json_response({
            "purse": {
                "label": purse.label, "budget_text": charity.rubles(purse.budget_kopecks),
                "spent_text": charity.rubles(purse.spent_kopecks),
                "remaining_text": charity.rubles(purse.remaining_kopecks),
                "budget_kopecks": purse.budget_kopecks, "spent_kopecks": purse.spent_kopecks,
            } if purse else None,
            "rules": {"version": rules.version, "label": rules.label, "fund": rules.fund_slug,
                      "point_value_text": charity.rubles(rules.point_value_kopecks)} if rules else None,
        })

    @staticmethod
    def workbench_scenarios():
        return [
            ("Charity: the campaign learners' actions pay for", """<vertical_demo>
<genm_charity_progress display_name="Добрые дела"/>
</vertical_demo>"""),
        ]


def _campaign_json(campaign):
    if campaign.beneficiary_age:
        title = ngettext("%(name)s, %(age)s year old", "%(name)s, %(age)s years old", campaign.beneficiary_age) % {
            "name": campaign.beneficiary_name, "age": campaign.beneficiary_age}
    else:
        title = campaign.beneficiary_name
    raised, goal = charity.rubles(campaign.raised_kopecks), charity.rubles(campaign.goal_kopecks)
    return {
        "title": title,
        "fund": campaign.fund_name,
        "purpose": campaign.purpose,
        "story": campaign.story,
        "goal_kopecks": campaign.goal_kopecks,
        "raised_kopecks": campaign.raised_kopecks,
        "percent": campaign.percent,
        "progress_text": gettext("%(raised)s raised of %(goal)s") % {"raised": raised, "goal": goal},
    }
