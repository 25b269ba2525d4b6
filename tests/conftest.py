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


class Workbench:
    """Drives the XBlock workbench over HTTP, as the block's page does: JSON or multipart POSTs with CSRF."""

    TOKEN = "genmtesttokengenmtesttokengenmte"  # a CSRF secret: 32 characters of the allowed alphabet

    def __init__(self, client):
        self.client = client
        self.client.cookies["csrftoken"] = self.TOKEN
        self.names = []

    def scenario(self, xml):
        """Register a scenario and return the usage id of its first block."""
        import uuid  # pylint: disable=import-outside-toplevel

        from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel
        from workbench.scenarios import SCENARIOS, add_xml_scenario  # pylint: disable=import-outside-toplevel

        name = f"test-{uuid.uuid4().hex[:12]}"
        add_xml_scenario(name, name, f"<vertical_demo>{xml}</vertical_demo>")
        self.names.append(name)
        vertical = WorkbenchRuntime("staff").get_block(SCENARIOS[name].usage_id)
        return str(vertical.children[0])

    def url(self, usage_id, handler, student, **query):
        from urllib.parse import urlencode  # pylint: disable=import-outside-toplevel

        return f"/handler/{usage_id}/{handler}/?{urlencode({'student': student, **query})}"

    def post(self, usage_id, handler, student, data=None, **kwargs):
        """
        POST JSON (``data`` a dict) or, with ``multipart=``, a form with files. The request's transaction is
        treated as committed, so what it deferred with ``on_commit`` (Celery tasks, signals) runs, as in production.
        """
        import json  # pylint: disable=import-outside-toplevel

        from django.test import TestCase  # pylint: disable=import-outside-toplevel

        url = self.url(usage_id, handler, student)
        with TestCase.captureOnCommitCallbacks(execute=True):
            if "multipart" in kwargs:
                return self.client.post(url, kwargs.pop("multipart"), HTTP_X_CSRFTOKEN=self.TOKEN, **kwargs)
            return self.client.post(url, json.dumps(data or {}), content_type="application/json",
                                    HTTP_X_CSRFTOKEN=self.TOKEN, **kwargs)

    def get(self, usage_id, handler, student, **query):
        return self.client.get(self.url(usage_id, handler, student, **query))

    def close(self):
        from workbench.scenarios import SCENARIOS  # pylint: disable=import-outside-toplevel

        for name in self.names:
            SCENARIOS.pop(name, None)


@pytest.fixture
def workbench(db, csrf_client):
    bench = Workbench(csrf_client)
    yield bench
    bench.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The shared hostile corpus, written fresh for this run: (folder, manifest)."""
    from tests.samples import write_hostile_corpus  # pylint: disable=import-outside-toplevel

    folder = tmp_path_factory.mktemp("hostile_files")
    return folder, write_hostile_corpus(folder)
