"""Benchmark the upload pipeline against bare Pillow on a 12-megapixel photo.

Usage (from the repository root): python scripts/bench/bench_upload.py [--repeat N]

Both sides do the same three steps on the same generated 4000x3000 JPEG: open and check the size, decode and
re-encode as a JPEG without metadata (quality 88), and make a WebP thumbnail of at most 480 px. The baseline
makes its thumbnail the usual Pillow way, reopening the JPEG with ``draft()``. Times are medians of
interleaved runs. Peak memory is measured in a fresh child process as the rise of its resident high-water
mark (Linux ``VmHWM``, which sees Pillow's C allocations that ``tracemalloc`` cannot) over the state just
before the step; ``ru_maxrss`` would not do, as Linux carries the parent's peak into the child.
It also times the refusal of a pixel bomb (a 30000x30000 PNG of a few hundred KB, as in the shared hostile
corpus) and counts the bitmaps Pillow allocated meanwhile.
Exits non-zero when the pipeline takes more than 1.3x the baseline's time, its memory grows by more than
2x the decoded bitmap (width x height x 3 bytes), or the bomb takes 100 ms or allocates a bitmap.
"""
import argparse
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_I18N=True)
    django.setup()

from photos import make_photo
from PIL import Image

from genm_xblocks.media import MediaLimits, MediaRejected, inspect_upload, process_upload

WIDTH, HEIGHT = 4000, 3000
MAX_TIME_RATIO = 1.3
MAX_MEMORY_RATIO = 2.0
MAX_BOMB_MS = 100
LIMITS = MediaLimits()


def pipeline(data: bytes) -> None:
    fileobj = io.BytesIO(data)
    inspection = inspect_upload(fileobj, "photo.jpg", "image", LIMITS)
    process_upload(fileobj, inspection, LIMITS)


def baseline(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > LIMITS.max_megapixels * 1_000_000:
            raise SystemExit("the generated photo is over the pixel limit")
        image.load()
        image.save(io.BytesIO(), "JPEG", quality=88)
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (480, 480))
        image.thumbnail((480, 480))
        image.save(io.BytesIO(), "WEBP", quality=80)


STEPS = {"pipeline": pipeline, "baseline": baseline}


def median_times(data: bytes, repeat: int) -> dict[str, float]:
    """Interleave the two so drift in machine load hits both alike; the first run of each warms caches."""
    times = {name: [] for name in STEPS}
    for round_ in range(repeat + 1):
        for name, step in STEPS.items():
            started = time.perf_counter()
            step(data)
            if round_:
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_growth_in_child(path: Path, step: str) -> int:
    """Run one step in a fresh interpreter so earlier work here cannot hide its peak."""
    result = subprocess.run([sys.executable, __file__, "--memory-probe", step, str(path)],
                            capture_output=True, text=True, check=True)
    return int(result.stdout.strip())


def peak_resident_bytes() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_probe(step: str, path: Path) -> None:
    """Child side: print how far the peak resident size rose while the step ran, in bytes."""
    data = path.read_bytes()
    before = peak_resident_bytes()
    STEPS[step](data)
    print(peak_resident_bytes() - before)


def bomb_refusal() -> tuple[float, int]:
    """Median milliseconds to refuse the pixel bomb, and how many image bitmaps Pillow created meanwhile."""
    out = io.BytesIO()
    Image.new("1", (30000, 30000)).save(out, "PNG")
    data = out.getvalue()
    bitmaps_before = Image.core.get_stats()["new_count"]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        try:
            inspect_upload(io.BytesIO(data), "huge.png", "image", LIMITS)
        except MediaRejected as rejected:
            assert rejected.category == "bomb", rejected
        else:
            raise AssertionError("the pixel bomb was accepted")
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, Image.core.get_stats()["new_count"] - bitmaps_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--memory-probe", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe[0], Path(args.memory_probe[1]))
        return 0

    data = make_photo(WIDTH, HEIGHT)
    times = median_times(data, args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "photo.jpg"
        path.write_bytes(data)
        growth = {name: peak_growth_in_child(path, name) for name in STEPS}
    bitmap = WIDTH * HEIGHT * 3
    time_ratio = times["pipeline"] / times["baseline"]
    memory_ratio = growth["pipeline"] / bitmap

    print(f"photo: {WIDTH}x{HEIGHT} JPEG, {len(data) / 1e6:.1f} MB; {args.repeat} timed runs each")
    print(f"median time: pipeline {times['pipeline'] * 1000:.0f} ms, pillow baseline {times['baseline'] * 1000:.0f} ms")
    print(f"peak memory growth: pipeline {growth['pipeline'] / 1e6:.0f} MB, pillow baseline "
          f"{growth['baseline'] / 1e6:.0f} MB, decoded bitmap {bitmap / 1e6:.0f} MB")
    print(f"upload pipeline/pillow baseline time ratio: {time_ratio:.2f}")
    print(f"upload peak memory growth / decoded bitmap: {memory_ratio:.2f}")
    bomb_ms, bomb_bitmaps = bomb_refusal()
    print(f"pixel bomb refusal time: {bomb_ms:.2f} ms; bitmaps allocated: {bomb_bitmaps}")
    if (time_ratio > MAX_TIME_RATIO or memory_ratio > MAX_MEMORY_RATIO or bomb_ms >= MAX_BOMB_MS
            or bomb_bitmaps):
        print(f"FAIL: limits are time ratio <= {MAX_TIME_RATIO}, memory ratio <= {MAX_MEMORY_RATIO}, "
              f"bomb refusal < {MAX_BOMB_MS} ms with no bitmap")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
