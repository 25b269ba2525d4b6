"""The workbench's URLs plus every plugin app's, mounted the way the LMS mounts them."""
from django.urls import include, path
from edx_django_utils.plugins import get_plugin_url_patterns

urlpatterns = [
    *get_plugin_url_patterns("lms.djangoapp"),
    path("", include("workbench.urls")),
]
