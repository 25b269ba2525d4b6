"""Extract, compile and check the translation catalogs of both apps.

    python scripts/translations.py extract [APP]  # update locale/<lang>/LC_MESSAGES/*.po (needs GNU gettext)
    python scripts/translations.py compile   # .po -> .mo, plus the XBlock runtime's translations/<lang>/.../text.mo
    python scripts/translations.py check     # every message extracted, translated into Russian, and compiled

Django finds ``<app>/locale``; the LMS's XBlock i18n service falls back to ``<module>/translations/<lang>/
LC_MESSAGES/text.mo``, so the XBlock app ships its catalog under both names.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
APPS = ("genm_xblocks", "genm_charity")
LANGUAGES = ("ru", "en")
XBLOCK_APPS = ("genm_xblocks",)


def _domains(app_dir):
    return ("django", "djangojs") if (app_dir / "static").is_dir() else ("django",)


def extract(root=ROOT, apps=APPS):
    """Run Django's makemessages in each app, keeping existing translations."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genm_demo.settings")
    sys.path.insert(0, str(ROOT))
    import django  # pylint: disable=import-outside-toplevel
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel

    django.setup()
    for app in apps:
        app_dir = root / app
        (app_dir / "locale").mkdir(exist_ok=True)
        cwd = os.getcwd()
        os.chdir(app_dir)
        try:
            for domain in _domains(app_dir):
                call_command("makemessages", locale=list(LANGUAGES), domain=domain, no_obsolete=True,
                             add_location="file", ignore_patterns=["static/vendor/*", "node_modules/*"], verbosity=0)
        finally:
            os.chdir(cwd)


def compile_catalogs(root=ROOT):
    for app in APPS:
        for po_path in sorted((root / app / "locale").glob("*/LC_MESSAGES/*.po")):
            catalog = polib.pofile(str(po_path))
            catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
            if app in XBLOCK_APPS and po_path.stem == "django":
                target = root / app / "translations" / po_path.parts[-3] / "LC_MESSAGES" / "text.mo"
                target.parent.mkdir(parents=True, exist_ok=True)
                catalog.save_as_mofile(str(target))


def problems(root=ROOT):
    """What is wrong with the committed catalogs: missing from extraction, untranslated, fuzzy or not compiled."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for app in APPS:
            shutil.copytree(root / app, copy / app, ignore=shutil.ignore_patterns("__pycache__"))
        extract(copy)
        for app in APPS:
            for po_path in sorted((copy / app / "locale").glob("*/LC_MESSAGES/*.po")):
                relative = po_path.relative_to(copy)
                committed_path = root / relative
                if not committed_path.exists():
                    found.append(f"{relative}: missing")
                    continue
                committed = polib.pofile(str(committed_path))
                known = {entry.msgid for entry in committed}
                fresh = {entry.msgid for entry in polib.pofile(str(po_path))}
                found += [f"{relative}: not extracted: {msgid!r}" for msgid in sorted(fresh - known)]
                if relative.parts[2] == "ru":
                    found += [f"{relative}: untranslated: {e.msgid!r}" for e in committed.untranslated_entries()]
                    found += [f"{relative}: fuzzy: {e.msgid!r}" for e in committed.fuzzy_entries()]
                mo_path = committed_path.with_suffix(".mo")
                if not mo_path.exists() or mo_path.read_bytes() != committed.to_binary():
                    found.append(f"{relative}: .mo is out of date (python scripts/translations.py compile)")
    return found


def main(command, apps=APPS):
    if command == "extract":
        extract(apps=apps)
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        found = problems()
        print("\n".join(found) or "translations: complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "", tuple(sys.argv[2:]) or APPS))
