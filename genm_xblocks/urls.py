"""URLs of the creative-work app, mounted by the LMS under ``api/genm/v1/`` (``url_config`` in apps.py)."""
from django.urls import path

from .rest_api.v1.views import ProfileView

app_name = "genm_xblocks"

urlpatterns = [
    path("profile/", ProfileView.as_view(), name="profile"),
]
