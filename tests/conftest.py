"""Fixtures shared by every tier: demo people, a CSRF-aware client for the workbench, isolated media storage."""
import pytest
from django.contrib.auth import get_user_model
from django.test import Client


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test writes its files under its own folder, never into the demo's var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "genm_works": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media" / "genm_works")},
        },
    }


@pytest.fixture
def make_user(db):
    def make(username, **fields):
        user, _created = get_user_model().objects.get_or_create(username=username, defaults=fields)
        return user

    return make


@pytest.fixture
def learner(make_user):
    return make_user("learner", first_name="Вера", last_name="Петрова", email="vera@example.invalid")


@pytest.fixture
def other_learner(make_user):
    return make_user("other_learner", first_name="Олег", last_name="Сидоров")


@pytest.fixture
def staff(make_user):
    return make_user("staff", is_staff=True)


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser session does, and sends the token back as X-CSRFToken."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def _clean_cache():
    """The integration tier's cache is a shared Redis: start every test from an empty one."""
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel

    cache.clear()


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Unit tests run tasks in-process; only tests marked ``integration`` hand them to a real worker."""
    from genm_demo.celery import APP  # pylint: disable=import-outside-toplevel

    eager = request.node.get_closest_marker("integration") is None
    before = APP.conf.task_always_eager, APP.conf.task_eager_propagates
    APP.conf.task_always_eager = APP.conf.task_eager_propagates = eager or before[0]
    yield
    APP.conf.task_always_eager, APP.conf.task_eager_propagates = before
