"""A scratch database for the ledger benchmarks: MariaDB at 127.0.0.1:3306 when it answers, else SQLite."""
import os
from pathlib import Path


def mariadb_settings(name):
    """Settings of a fresh MariaDB database ``name`` (dropped and created), or None when MariaDB does not answer."""
    try:
        import MySQLdb  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    user, password = os.environ.get("GENM_MYSQL_USER", "root"), os.environ.get("GENM_MYSQL_PASSWORD", "")
    try:
        server = MySQLdb.connect(host="127.0.0.1", port=3306, user=user, passwd=password, connect_timeout=2)
    except MySQLdb.Error:
        return None
    with server.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    server.close()
    return {"ENGINE": "django.db.backends.mysql", "NAME": name, "USER": user, "PASSWORD": password,
            "HOST": "127.0.0.1", "PORT": 3306, "OPTIONS": {"charset": "utf8mb4"}}


def setup_django(folder, name):
    """Configure Django with the ledger app alone on the scratch database, migrate it; returns the engine's name."""
    import django  # pylint: disable=import-outside-toplevel
    from django.conf import settings  # pylint: disable=import-outside-toplevel

    database = mariadb_settings(name) or {"ENGINE": "django.db.backends.sqlite3",
                                          "NAME": str(Path(folder) / "bench.db")}
    settings.configure(
        DATABASES={"default": database},
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "genm_charity"],
        USE_TZ=True, TIME_ZONE="UTC", SECRET_KEY="bench",  # noqa: S106
    )
    django.setup()
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel

    call_command("migrate", verbosity=0)
    return database["ENGINE"].rsplit(".", 1)[-1]


def run_on_scratch_database(name, run, *args):
    """Set up the scratch database, call ``run(engine, *args)`` and drop a MariaDB scratch database afterwards."""
    import tempfile  # pylint: disable=import-outside-toplevel

    with tempfile.TemporaryDirectory() as folder:
        engine = setup_django(folder, name)
        try:
            return run(engine, *args)
        finally:
            if engine == "mysql":
                from django.db import connection  # pylint: disable=import-outside-toplevel

                with connection.cursor() as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS {name}")
