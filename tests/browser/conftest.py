"""A live demo server on a free port and Debian's Chromium driven by Playwright, with no way off this machine."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GENM_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "var" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """``make demo``'s server, on its own SQLite database and media folder, migrated and seeded."""
    var_dir = tmp_path_factory.mktemp("demo-var")
    env = {**os.environ, "GENM_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "genm_demo.settings",
           "PYTHONPATH": str(ROOT)}
    env.pop("WORKBENCH_DATABASES", None)
    for command in (["-m", "django", "migrate", "--noinput", "-v", "0"], ["scripts/seed_demo.py"]):
        subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True)
    port = _free_port()
    log = open(var_dir / "server.log", "w")  # noqa: SIM115  closed at teardown
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail("the demo server did not start:\n" + (var_dir / "server.log").read_text()[-3000:])
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright  # pylint: disable=import-outside-toplevel

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context that aborts every request leaving 127.0.0.1; ``context.blocked`` lists them."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.blocked = []

    def guard(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            context.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def screenshot(page, request):
    """``screenshot(name)`` saves the page (or ``of=another_page``) under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name, of=None):
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        (of or page).screenshot(path=str(path), full_page=True)
        return path

    return take
