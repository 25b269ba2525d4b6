"""The public impact page: server-rendered, no sign-in, no scripts (its Content-Security-Policy allows none)."""
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from . import api
from .charts import bar_chart

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


@require_safe
def impact_page(request):
    impact = api.public_impact()
    daily = bar_chart(
        [point.actions for point in impact.daily],
        [date_format(point.day, "j.m") for point in impact.daily],
        [ngettext("%(day)s: %(count)s action", "%(day)s: %(count)s actions", point.actions)
         % {"day": date_format(point.day, "j E"), "count": point.actions} for point in impact.daily],
        str, every=5)
    monthly = bar_chart(
        [point.kopecks for point in impact.monthly],
        [date_format(point.day, "M") for point in impact.monthly],
        [_("%(month)s: %(money)s") % {"month": date_format(point.day, "F Y"), "money": api.rubles(point.kopecks)}
         for point in impact.monthly],
        api.rubles)
    response = render(request, "genm_charity/impact.html", {
        "impact": impact, "daily_chart": daily, "monthly_chart": monthly,
        "raised": api.rubles(impact.totals.kopecks),
        "actions": number_format(impact.totals.actions, use_l10n=True, force_grouping=True),
        "children": number_format(impact.totals.children_helped, use_l10n=True, force_grouping=True),
        "campaigns": [_shown(campaign) for campaign in impact.campaigns],
        "funded": [_shown(campaign) for campaign in impact.funded],
    })
    response["Content-Security-Policy"] = CSP
    return response


def _shown(campaign):
    return {"campaign": campaign, "goal": api.rubles(campaign.goal_kopecks),
            "raised": api.rubles(campaign.raised_kopecks)}
