"""URLs of the charity app. The LMS mounts them at its root (``url_config`` in apps.py): the REST API under
``api/genm/v1/``, next to the creative-work app's, and the public impact page under ``genm/``.
"""
from django.urls import path

from .rest_api.v1.views import FundListView, ImpactView, MyImpactView
from .views import impact_page

app_name = "genm_charity"

urlpatterns = [
    path("api/genm/v1/funds/", FundListView.as_view(), name="funds"),
    path("api/genm/v1/impact/", ImpactView.as_view(), name="impact"),
    path("api/genm/v1/impact/me/", MyImpactView.as_view(), name="my_impact"),
    path("genm/impact/", impact_page, name="impact_page"),
]
