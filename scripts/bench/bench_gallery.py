"""Benchmark the gallery at the platform's scale: 67,000 published works.

Usage (from the repository root): python scripts/bench/bench_gallery.py [--works 67000] [--repeat 15]

Seeds a fresh SQLite database (in a temporary folder) with published works from many regions and age groups, likes
on them, and 24 newest works with real pictures (a 12-megapixel phone-like photo each, through the real pipeline).
Then, through the Gallery block's ``page`` handler over HTTP (the workbench, as a browser calls it), it measures
in one run:

* the last page's time over the first page's (medians of interleaved requests): target <= 1.3;
* SQL queries of a page for first, middle and last pages, under each sort and filter: constant and <= 8;
* the statements of a like on a work with no likes and on one with thousands: one INSERT and one UPDATE;
* the bytes of the first page (its JSON and the 24 thumbnails it shows) over the bytes of the original files of
  those works: target <= 1%.

Exits non-zero when a target is missed.
"""
import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
TMP = tempfile.mkdtemp(prefix="genm-bench-gallery-")
os.environ["GENM_VAR_DIR"] = TMP
os.environ["DJANGO_SETTINGS_MODULE"] = "genm_demo.settings"
os.environ.pop("WORKBENCH_DATABASES", None)

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from photos import make_photo
from PIL import Image
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS, add_xml_scenario

from genm_xblocks import media, regions, storage
from genm_xblocks.models import Like, Work, WorkFile

MAX_TIME_RATIO = 1.3
MAX_QUERIES = 8
MAX_BYTES_RATIO = 0.01
PAGE = 24
TOKEN = "genmbenchtokengenmbenchtokengenm"
COURSE = "workbench"


def seed(total, rng):
    """Users, published works with covers and likes; the newest 24 works carry real pictures."""
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"learner{n}") for n in range(2000)], batch_size=1000)
    codes = [region.code for region in regions.REGIONS]
    nominations = ["Цифровой рисунок", "Песня", "3D-мода", "Анимация", "Экология"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    shared = storage.get_storage().save("genm/bench/shared-thumb.webp", ContentFile(_thumbnail_bytes(rng)))
    works, files = [], []
    for n in range(total):
        works.append(Work(
            uuid=uuid.uuid4(), user=users[n % len(users)], course_key=COURSE, block_key=f"block.{n // len(users)}",
            title=f"Работа {n}", status=Work.Status.PUBLISHED, gallery_opt_in=True, is_winner=n % 97 == 0,
            published_at=start + timedelta(minutes=n), submitted_at=start + timedelta(minutes=n),
            age_group=("6-9", "10-13", "14-18")[n % 3], region_code=codes[n % len(codes)],
            public_name=f"Участник {n}", nomination=nominations[n % len(nominations)],
            like_count=rng.randrange(0, 400),
        ))
    Work.objects.bulk_create(works, batch_size=2000)
    works = list(Work.objects.order_by("pk").only("pk", "uuid"))
    for work in works:
        files.append(WorkFile(uuid=uuid.uuid4(), work=work, kind="image", content_type="image/jpeg",
                              display_name="art.jpg", size=1_500_000, storage_name=shared, thumbnail_name=shared,
                              width=1600, height=1200, status=WorkFile.Status.READY))
    WorkFile.objects.bulk_create(files, batch_size=2000)
    covers = dict(WorkFile.objects.values_list("work_id", "pk"))
    Work.objects.bulk_update([Work(pk=pk, cover_id=covers[pk]) for pk in covers], ["cover"], batch_size=2000)
    _real_pictures(works[-PAGE:], rng)
    likes = [Like(work_id=works[rng.randrange(total)].pk, user_id=users[n % len(users)].pk)
             for n in range(60_000)]
    Like.objects.bulk_create(likes, batch_size=5000, ignore_conflicts=True)
    viewer = User.objects.create(username="viewer")
    Like.objects.bulk_create([Like(work_id=w.pk, user_id=viewer.pk) for w in works[::13]], batch_size=5000)
    return works


def _thumbnail_bytes(rng):
    out = io.BytesIO()
    Image.effect_noise((480, 360), 40).convert("RGB").save(out, "WEBP", quality=80)
    return out.getvalue()


def _real_pictures(works, rng):
    """The newest works get a real photo through the real pipeline, so the first page shows real thumbnails."""
    store = storage.get_storage()
    limits = media.MediaLimits()
    for index, work in enumerate(works):
        photo = io.BytesIO(make_photo(noise=20 + index))
        inspection = media.inspect_upload(photo, "photo.jpg", "image", limits)
        processed = media.process_upload(photo, inspection, limits)
        file = WorkFile.objects.get(work_id=work.pk)
        file.storage_name = store.save(f"genm/bench/{file.uuid}.jpg", ContentFile(processed.content))
        file.thumbnail_name = store.save(f"genm/bench/{file.uuid}-thumb.webp", ContentFile(processed.thumbnail))
        file.size = len(processed.content)
        file.save()


def gallery_usage():
    add_xml_scenario("bench-gallery", "bench gallery", "<vertical_demo><genm_gallery/></vertical_demo>")
    vertical = WorkbenchRuntime("viewer").get_block(SCENARIOS["bench-gallery"].usage_id)
    return str(vertical.children[0])


class Browser:
    def __init__(self, usage):
        self.client = Client(enforce_csrf_checks=True)
        self.client.cookies["csrftoken"] = TOKEN
        self.usage = usage

    def post(self, handler, data, student="viewer"):
        return self.client.post(f"/handler/{self.usage}/{handler}/?student={student}", json.dumps(data),
                                content_type="application/json", HTTP_X_CSRFTOKEN=TOKEN)

    def get(self, url):
        return self.client.get(url)


def last_page_cursor(sort_columns):
    """The cursor that leads to the last page, found once with OFFSET (setup only, never in the handler)."""
    from genm_xblocks.gallery import _encode  # pylint: disable=import-outside-toplevel

    ordered = Work.objects.filter(course_key=COURSE, status=Work.Status.PUBLISHED).order_by(
        *(f"-{column}" for column in sort_columns))
    count = ordered.count()
    before_last = ordered[count - (count % PAGE or PAGE) - 1]
    return _encode([getattr(before_last, column) for column in sort_columns])


def timed(browser, data, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = browser.post("page", data)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=67_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(67)
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    works = seed(args.works, rng)
    print(f"seeded {len(works)} published works, {Like.objects.count()} likes in {time.perf_counter() - started:.0f} s")
    browser = Browser(gallery_usage())
    browser.post("page", {})  # warm-up: first-use costs are not the first page's
    from genm_xblocks.gallery import ORDERS  # pylint: disable=import-outside-toplevel

    last = last_page_cursor(ORDERS["newest"])
    assert browser.post("page", {"cursor": last}).json()["next_cursor"] is None
    first_times, last_times = [], []
    for _ in range(args.repeat):  # interleaved, so drift hits both alike
        first_times += timed(browser, {}, 1)
        last_times += timed(browser, {"cursor": last}, 1)
    first_ms, last_ms = statistics.median(first_times) * 1000, statistics.median(last_times) * 1000
    time_ratio = last_ms / first_ms
    print(f"gallery first page {first_ms:.1f} ms, last page {last_ms:.1f} ms")
    print(f"gallery deep/first page time ratio: {time_ratio:.2f}")

    counts = {}
    for sort, columns in ORDERS.items():
        for label, data in (("all", {}), ("region", {"region_code": "RU-TA"}), ("age", {"age_group": "10-13"}),
                            ("nomination", {"nomination": "Песня"})):
            page = browser.post("page", {**data, "sort": str(sort)}).json()
            for depth, cursor in (("first", None), ("second", page["next_cursor"]),
                                  ("last", last_page_cursor(columns) if label == "all" else None)):
                with CaptureQueriesContext(connection) as queries:
                    browser.post("page", {**data, "sort": str(sort), "cursor": cursor})
                counts[f"{sort}/{label}/{depth}"] = len(queries)
    distinct = sorted(set(counts.values()))
    print(f"gallery queries per page: {distinct} over {len(counts)} pages (sorts x filters x depths)")

    statements = {}
    for label, work in (("no likes", works[0]), ("thousands of likes", works[1])):
        if label == "thousands of likes":
            Like.objects.bulk_create([Like(work_id=work.pk, user_id=u) for u in
                                      get_user_model().objects.values_list("pk", flat=True)[:1999]],
                                     ignore_conflicts=True)
        get_user_model().objects.get_or_create(username=f"liker-{work.pk}")
        with CaptureQueriesContext(connection) as queries:
            assert browser.post("like", {"work_id": str(work.uuid)}, student=f"liker-{work.pk}").status_code == 200
        # The gallery's own writes: listeners of WORK_LIKED (the charity ledger) run in a Celery worker in production
        statements[label] = [q["sql"].split()[0].upper() for q in queries.captured_queries
                             if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
                             and "genm_xblocks_" in q["sql"].split("(")[0]]
    print(f"like statements: {statements}")

    page = browser.post("page", {})
    card_ids = [card["id"] for card in page.json()["cards"]]
    thumbnails = sum(len(browser.get(card["cover"]["thumbnail_url"]).content) for card in page.json()["cards"])
    originals = sum(WorkFile.objects.filter(work__uuid__in=card_ids).values_list("size", flat=True))
    bytes_ratio = (len(page.content) + thumbnails) / originals
    print(f"first page transfers {len(page.content) + thumbnails} bytes for originals of {originals} bytes")
    print(f"gallery first page/original bytes ratio: {bytes_ratio:.4f}")

    failures = []
    if time_ratio > MAX_TIME_RATIO:
        failures.append(f"deep/first time ratio {time_ratio:.2f} > {MAX_TIME_RATIO}")
    if len(distinct) != 1 or distinct[0] > MAX_QUERIES:
        failures.append(f"queries per page {distinct} not one constant <= {MAX_QUERIES}")
    if any(sorted(found) != ["INSERT", "UPDATE"] for found in statements.values()):
        failures.append(f"a like is not one INSERT and one UPDATE: {statements}")
    if bytes_ratio > MAX_BYTES_RATIO:
        failures.append(f"first page bytes ratio {bytes_ratio:.4f} > {MAX_BYTES_RATIO}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
