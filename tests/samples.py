"""Files made in code for the tests: never downloaded, the same bytes on every run.

Every kind of work file (Pillow, wave, zipfile, struct, mutagen's Ogg pager), plus the shared hostile corpus.
"""
import importlib.util
import io
import json
import os
import re
import struct
import wave
import zipfile
import zlib
from pathlib import Path

from mutagen.ogg import OggPage
from PIL import Image


def picture(size=(32, 24), color=(200, 30, 30), mode="RGB", format_="PNG", **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format_, **options)
    return out.getvalue()


def animation(format_: str, frames: int = 3, size=(16, 16), durations=(50, 80, 120)) -> bytes:
    images = [Image.new("RGB", size, (40 * index, 200 - 40 * index, 90)) for index in range(frames)]
    out = io.BytesIO()
    images[0].save(out, format_, save_all=True, append_images=images[1:], duration=list(durations[:frames]), loop=0)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def wav_bytes(seconds: float = 0.1, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"\x00\x01" * int(seconds * rate))
    return out.getvalue()


def mp3_bytes(frames: int = 20) -> bytes:
    """MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz) with silent bodies: enough for a parser to time them."""
    header = bytes([0xFF, 0xFB, 0x90, 0x64])
    return (header + b"\x00" * (144 * 128000 // 44100 - len(header))) * frames


def ogg_vorbis_bytes(identification: bytes = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 1, 8000, 0, 64000, 0, 0xB8, 1)
                     ) -> bytes:
    """Vorbis identification, comment and setup headers in real Ogg pages (mutagen computes the checksums)."""
    comment = b"\x03vorbis" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0) + b"\x01"
    setup = b"\x05vorbis" + b"\x00" * 10

    def page(packets, sequence, position, first=False, last=False):
        ogg = OggPage()
        ogg.serial, ogg.sequence, ogg.position, ogg.packets, ogg.first, ogg.last = (
            1, sequence, position, packets, first, last)
        return ogg.write()

    pages = [page([identification], 0, 0, first=True), page([comment, setup], 1, 0)]
    return b"".join(pages) + page([b"\x00" * 20], 2, 8000, last=True)


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_bytes(with_movie: bool = True) -> bytes:
    movie_header = box(b"mvhd", struct.pack(">B3xIIII", 0, 0, 0, 1000, 2000) + b"\x00" * 80)
    file_type = box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    return file_type + (box(b"moov", movie_header) if with_movie else b"") + box(b"mdat", b"")


def ebml(element: bytes, payload: bytes) -> bytes:
    return element + bytes([0x80 | len(payload)]) + payload


def webm_bytes(doctype: bytes = b"webm", segment: bytes = b"\x18\x53\x80\x67") -> bytes:
    """An EBML header declaring the document type, then a Segment of unknown size, as live recorders write."""
    header = ebml(b"\x1a\x45\xdf\xa3", ebml(b"\x42\x86", b"\x01") + ebml(b"\x42\x82", doctype)
                  + ebml(b"\x42\x87", b"\x04") + ebml(b"\x42\x85", b"\x02"))
    return header + segment + b"\x01\xff\xff\xff\xff\xff\xff\xff" + b"\x00" * 64


def glb_bytes(document=None, version: int = 2, length_delta: int = 0, raw_json: bytes | None = None) -> bytes:
    text = raw_json if raw_json is not None else json.dumps(document or {"asset": {"version": "2.0"}}).encode()
    text += b" " * (-len(text) % 4)
    chunk = struct.pack("<II", len(text), 0x4E4F534A) + text
    return struct.pack("<4sII", b"glTF", version, 12 + len(chunk) + length_delta) + chunk


def binary_stl_bytes(triangles: int = 2, extra: bytes = b"") -> bytes:
    facet = struct.pack("<12fH", 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0)
    return b"\x00" * 80 + struct.pack("<I", triangles) + facet * triangles + extra


ASCII_STL = (b"solid cube\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n   vertex 0 1 0\n"
             b"  endloop\n endfacet\nendsolid cube\n")
OBJ = b"# a triangle\no tri\nv 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//1\n"


def zip_bytes(entries) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


PROJECT = json.dumps({"targets": [{"isStage": True, "name": "Stage"}], "meta": {"semver": "3.0.0"}})


def sb3_bytes(*extra) -> bytes:
    return zip_bytes([("project.json", PROJECT), *extra])


def pdf_bytes(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, text) for number, text in enumerate(objects, start=1))
    return b"%PDF-1.5\n" + body + b"trailer\n<</Root 1 0 R>>\n%%EOF\n"


PLAIN_PDF = pdf_bytes(b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>")


def object_stream_pdf(content: bytes, dictionary: bytes = b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode",
                      encode=zlib.compress) -> bytes:
    packed = encode(content)
    stream = b"<<%s/Length %d>>\nstream\n%s\nendstream" % (dictionary, len(packed), packed)
    return pdf_bytes(b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>", stream)


def swapped_primaries_profile() -> bytes:
    """An ICC v2 matrix/TRC RGB profile whose red and blue primaries are swapped, so its red is sRGB blue."""
    def xyz(x, y, z):
        return b"XYZ \x00\x00\x00\x00" + struct.pack(">3i", *(round(value * 65536) for value in (x, y, z)))

    linear = b"curv\x00\x00\x00\x00" + struct.pack(">I", 0)
    tags = [(b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)), (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),
            (b"rTRC", linear), (b"gTRC", linear), (b"bTRC", linear)]
    data_start = 128 + 4 + 12 * len(tags)
    table, blobs = struct.pack(">I", len(tags)), b""
    for signature, blob in tags:
        table += struct.pack(">4sII", signature, data_start + len(blobs), len(blob))
        blobs += blob + b"\x00" * (-len(blob) % 4)
    header = bytearray(128)
    struct.pack_into(">I", header, 0, data_start + len(blobs))
    header[8:24] = b"\x02\x10\x00\x00mntrRGB XYZ "
    header[36:40] = b"acsp"
    struct.pack_into(">3i", header, 68, *(round(value * 65536) for value in (0.9642, 1.0, 0.8249)))
    return bytes(header) + table + blobs


def hostile_files_script() -> Path:
    """The shared corpus script beside the repository (``../shared``), or under ``GENM_SHARED_DIR``."""
    candidates = [Path(__file__).resolve().parents[1].parent / "shared/fixtures/hostile_files.py"]
    if os.environ.get("GENM_SHARED_DIR"):
        shared = Path(os.environ["GENM_SHARED_DIR"])
        candidates += [shared / "fixtures/hostile_files.py", shared / "hostile_files.py"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"hostile_files.py not found in {[str(path) for path in candidates]}; set GENM_SHARED_DIR")


def write_hostile_corpus(folder) -> list[dict]:
    """Write the corpus fresh into ``folder`` and return its manifest."""
    spec = importlib.util.spec_from_file_location("hostile_files", hostile_files_script())
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(folder)
    return json.loads((Path(folder) / "manifest.json").read_text())


def manifest_category(entry: dict) -> str | None:
    """The refusal category a manifest reason starts with ("bomb: too many pixels" -> "bomb")."""
    return None if entry["expect"] == "accept" else re.match(r"[a-z]+", entry["reason"]).group()


def sphere_triangles(rings=12, segments=18):
    """Triangles (9 floats each) of a UV sphere: a shape whose drawing is easy to recognise."""
    import math  # pylint: disable=import-outside-toplevel

    def point(ring, segment):
        theta, phi = math.pi * ring / rings, 2 * math.pi * segment / segments
        return (math.sin(theta) * math.cos(phi), math.cos(theta), math.sin(theta) * math.sin(phi))

    triangles = []
    for ring in range(rings):
        for segment in range(segments):
            a, b = point(ring, segment), point(ring + 1, segment)
            c, d = point(ring + 1, segment + 1), point(ring, segment + 1)
            triangles += [a + b + c, a + c + d]
    return triangles


def sphere_stl() -> bytes:
    """A binary STL of a sphere."""
    triangles = sphere_triangles()
    facets = b"".join(struct.pack("<12fH", 0, 0, 0, *triangle, 0) for triangle in triangles)
    return b"\x00" * 80 + struct.pack("<I", len(triangles)) + facets


def sphere_glb() -> bytes:
    """A binary glTF whose one mesh is a sphere, with indexed positions as exporters write them."""
    triangles = sphere_triangles()
    positions = [triangle[i:i + 3] for triangle in triangles for i in (0, 3, 6)]
    blob = b"".join(struct.pack("<3f", *position) for position in positions)
    indices = b"".join(struct.pack("<H", index) for index in range(len(positions)))
    binary = blob + indices + b"\x00" * (-len(blob + indices) % 4)
    document = {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "buffers": [{"byteLength": len(binary)}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(blob)},
                        {"buffer": 0, "byteOffset": len(blob), "byteLength": len(indices)}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": len(positions), "type": "VEC3",
             "min": [-1, -1, -1], "max": [1, 1, 1]},
            {"bufferView": 1, "componentType": 5123, "count": len(positions), "type": "SCALAR"},
        ],
    }
    text = json.dumps(document).encode()
    text += b" " * (-len(text) % 4)
    chunks = struct.pack("<II", len(text), 0x4E4F534A) + text + struct.pack("<II", len(binary), 0x004E4942) + binary
    return struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks
