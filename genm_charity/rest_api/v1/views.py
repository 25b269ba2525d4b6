"""REST API v1 of the charity app: the public numbers anyone may read, and a learner's own contribution.

Money is always an integer number of kopecks; clients format it.
"""
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import api


class FundListView(APIView):
    """``GET`` the partner funds learners' activity supports; anonymous, so answered from the cache."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def get(self, request):
        return Response({"results": [
            {"slug": fund.slug, "name": fund.name, "description": fund.description, "website": fund.website}
            for fund in api.public_funds()
        ]})


class ImpactView(APIView):
    """``GET`` what learners' actions have raised: totals, open campaigns, funded children, per day and month."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def get(self, request):
        impact = api.public_impact()
        return Response({
            "totals": {"actions": impact.totals.actions, "kopecks": impact.totals.kopecks,
                       "children_helped": impact.totals.children_helped},
            "campaigns": [_campaign(campaign) for campaign in impact.campaigns],
            "funded_children": [_campaign(campaign) for campaign in impact.funded],
            "daily": [_point(point) for point in impact.daily],
            "monthly": [_point(point) for point in impact.monthly],
        })


class MyImpactView(APIView):
    """``GET`` the signed-in learner's own counted actions and the money they gave."""

    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        mine = api.contribution(request.user.pk)
        return Response({"actions": mine.actions, "points": mine.points, "kopecks": mine.kopecks})


def _campaign(campaign):
    return {
        "id": campaign.id, "fund": {"slug": campaign.fund_slug, "name": campaign.fund_name},
        "beneficiary": {"name": campaign.beneficiary_name, "age": campaign.beneficiary_age},
        "purpose": campaign.purpose, "story": campaign.story, "goal_kopecks": campaign.goal_kopecks,
        "raised_kopecks": campaign.raised_kopecks, "actions": campaign.actions, "percent": campaign.percent,
        "status": campaign.status, "funded_at": campaign.funded_at,
    }


def _point(point):
    return {"day": point.day, "actions": point.actions, "kopecks": point.kopecks}
