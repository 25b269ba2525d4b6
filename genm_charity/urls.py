"""URLs of the charity app, mounted by the LMS under ``api/genm/v1/`` (``url_config`` in apps.py)."""
from django.urls import path

from .rest_api.v1.views import FundListView

app_name = "genm_charity"

urlpatterns = [
    path("funds/", FundListView.as_view(), name="funds"),
]
