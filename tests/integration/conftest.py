"""The production stack: MariaDB, Redis and a real Celery worker process consuming from Redis.

Run through ``make test-integration``; a missing service stops the run with a message that names it.
"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
INTEGRATION_SETTINGS = "genm_demo.integration_settings"


def _reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config, items):
    """Integration tests collected outside the integration settings fail loudly instead of passing vacuously."""
    if os.environ.get("DJANGO_SETTINGS_MODULE") == INTEGRATION_SETTINGS:
        return
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.xfail(reason="needs make test-integration", strict=True, run=False))


@pytest.fixture(scope="session", autouse=True)
def _services_are_up():
    if os.environ.get("DJANGO_SETTINGS_MODULE") != INTEGRATION_SETTINGS:
        return
    database = settings.DATABASES["default"]
    redis = urlparse(os.environ.get("GENM_REDIS_URL", "redis://127.0.0.1:6379"))
    if not _reachable(database["HOST"], int(database["PORT"])):
        pytest.exit(f"MariaDB is not reachable at {database['HOST']}:{database['PORT']}: start it "
                    "(start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)", returncode=3)
    if not _reachable(redis.hostname, redis.port or 6379):
        pytest.exit(f"Redis is not reachable at {redis.hostname}:{redis.port}: start it "
                    "(redis-server --daemonize yes --bind 127.0.0.1 --port 6379)", returncode=3)


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):  # pylint: disable=unused-argument
    """A real worker process on the test database, consuming the Redis broker; ready when it answers a ping."""
    from genm_demo.celery import APP  # pylint: disable=import-outside-toplevel

    APP.control.purge()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": INTEGRATION_SETTINGS, "PYTHONPATH": str(ROOT),
           "GENM_MYSQL_DB": settings.DATABASES["default"]["NAME"]}
    log = open(ROOT / "var" / "celery-worker.log", "w")  # noqa: SIM115  closed at teardown
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "genm_demo.celery", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-heartbeat", "--without-mingle", "--without-gossip", "-n", "genm-test@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not APP.control.ping(timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            log.close()
            pytest.fail(f"the Celery worker did not start; see {log.name}:\n" + Path(log.name).read_text()[-3000:])
    yield worker
    worker.terminate()
    worker.wait(timeout=30)
    log.close()
