"""REST API v1 of the charity app: public numbers anyone may read without signing in."""
from django.core.cache import cache
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import api
from ...conf import setting

FUNDS_CACHE_KEY = "genm_charity:v1:funds"


class FundListView(APIView):
    """``GET`` the partner funds learners' activity supports; anonymous, so answered from the cache."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def get(self, request):
        seconds = setting("GENM_CHARITY_PUBLIC_CACHE_SECONDS")
        funds = cache.get(FUNDS_CACHE_KEY) if seconds else None
        if funds is None:
            funds = [
                {"slug": fund.slug, "name": fund.name, "description": fund.description, "website": fund.website}
                for fund in api.list_funds()
            ]
            if seconds:
                cache.set(FUNDS_CACHE_KEY, funds, seconds)
        return Response({"results": funds})
