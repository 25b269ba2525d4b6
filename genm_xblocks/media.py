"""Check and prepare one learner upload: its real type by content, limits, metadata stripping, thumbnails.

The upload request calls :func:`inspect_upload` (cheap: headers and structure, no pixel decoding) before the
original is stored privately; a Celery task later calls :func:`process_upload` on that original to re-encode
pictures without metadata and make a thumbnail. Both raise :class:`MediaRejected`, which carries a machine
``category`` and a short translatable message for the child or parent. :func:`check_file` runs both on a path.

The type is decided from the bytes, never from the client's name or MIME type; the name's extension must
then agree with what was found, so a stored file never pretends to be something else.
"""
import functools
import io
import json
import os
import re
import struct
import unicodedata
import wave
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

import filetype
import mutagen
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis
from PIL import Image, ImageCms, ImageFile, ImageOps

from . import model_preview

SCRATCH_TYPE = "application/x.scratch.sb3"

#: kind -> {detected MIME type -> accepted file name extensions, the canonical one first}
ALLOWED_FORMATS = MappingProxyType({
    kind: MappingProxyType(formats)
    for kind, formats in {
        "image": {"image/png": ("png",), "image/jpeg": ("jpg", "jpeg"), "image/gif": ("gif",), "image/webp": ("webp",)},
        "audio": {"audio/wav": ("wav",), "audio/mpeg": ("mp3",), "audio/ogg": ("ogg", "oga", "opus")},
        "video": {"video/mp4": ("mp4", "m4v"), "video/webm": ("webm",)},
        "model3d": {
            "model/gltf-binary": ("glb",),
            "model/gltf+json": ("gltf",),
            "model/stl": ("stl",),
            "model/obj": ("obj",),
        },
        "scratch": {SCRATCH_TYPE: ("sb3",)},
        "document": {"application/pdf": ("pdf",)},
    }.items()
})
KINDS = tuple(ALLOWED_FORMATS)
CATEGORIES = ("empty", "size", "name", "type", "decode", "bomb", "archive")

_HEAD_BYTES = 8192
_CHUNK_BYTES = 1 << 20
_MAX_NAME_CHARS = 255
_THUMBNAIL_EDGE = 480
_QUALITY = 88
_THUMBNAIL_QUALITY = 80
_MAX_PROJECT_JSON_BYTES = 16 * 1024 * 1024
_MAX_TEXT_LINE_BYTES = 64 * 1024
# A zip's central directory record is 46 bytes plus name, extra field and comment; 1 KiB each is generous.
_MAX_DIRECTORY_BYTES_PER_ENTRY = 1024
# Compression ratios of tiny entries say nothing; each entry is counted as at least this many packed bytes.
_MIN_PACKED_BYTES = 1024

_PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
_ANIMATED_PILLOW_FORMATS = frozenset({"PNG", "GIF", "WEBP"})
_LOSSLESS_SOURCES = frozenset({"image/png", "image/gif"})
_CMS_MODES = frozenset({"RGB", "RGBA", "CMYK", "L"})
_MIME_ALIASES = {"audio/x-wav": "audio/wav", "image/apng": "image/png", "video/x-m4v": "video/mp4"}
_OGG_AUDIO = (OggVorbis, OggOpus, OggFLAC, OggSpeex)

# Program, script and browser-page extensions: refused anywhere in a name, since some system may honour them.
_PROGRAM_EXTENSIONS = frozenset({
    "exe", "msi", "msp", "msix", "appx", "bat", "cmd", "com", "scr", "pif", "cpl", "dll", "sys", "lnk", "inf", "reg",
    "hta", "vb", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "jar", "apk", "ipa", "dmg", "pkg", "deb", "rpm",
    "appimage", "ps1", "psm1", "sh", "bash", "zsh", "csh", "ksh", "html", "htm", "xhtml", "shtml", "mht", "mhtml",
    "svg", "svgz", "xml", "xsl", "php", "phtml", "phar", "asp", "aspx", "jsp", "cgi", "py", "pyc", "pyw", "rb", "swf",
})
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_DECODE_ERRORS = (
    OSError, EOFError, ValueError, SyntaxError, LookupError, TypeError, ArithmeticError, RuntimeError,
    struct.error, zlib.error, wave.Error, zipfile.BadZipFile, mutagen.MutagenError,
)

_EXPECTED = {
    "image": _("a PNG, JPEG, GIF or WebP picture"),
    "audio": _("a WAV, MP3 or OGG sound recording"),
    "video": _("an MP4 or WebM video"),
    "model3d": _("a 3D model (GLB, glTF, STL or OBJ)"),
    "scratch": _("a Scratch project (.sb3)"),
    "document": _("a PDF document"),
}
_FOUND = {
    "application/x-msdownload": _("a Windows program"),
    "application/x-executable": _("a Linux program"),
    "application/x-mach-binary": _("a Mac program"),
    "text/x-shellscript": _("a script"),
    "application/x-httpd-php": _("a web server script"),
    "text/html": _("a web page"),
    "application/zip": _("a ZIP archive"),
    "application/x-rar-compressed": _("a RAR archive"),
    "application/x-7z-compressed": _("a 7-Zip archive"),
    "application/pdf": _("a PDF document"),
    "image/heic": _("an HEIC photo"),
    "image/avif": _("an AVIF picture"),
    "image/bmp": _("a BMP picture"),
    "image/tiff": _("a TIFF picture"),
    "image/vnd.adobe.photoshop": _("a Photoshop file"),
    "video/quicktime": _("a QuickTime video"),
    "video/x-matroska": _("an MKV video"),
    "audio/mp4": _("an M4A sound recording"),
    "audio/x-flac": _("a FLAC sound recording"),
}
_FOUND_FAMILY = {"image/": _("a picture"), "audio/": _("a sound recording"), "video/": _("a video")}

_EMPTY = _("This file is empty. Please choose another one.")
_TOO_BIG = _("This file is too big. The limit is %(megabytes)s MB.")
_NAME_CONTROL = _("The file name has hidden special characters. Please rename the file and try again.")
_NAME_PROGRAM = _("File names with .%(extension)s in them belong to programs, so they cannot be uploaded. "
                  "Please rename the file.")
_NOT_EXPECTED = _("This file is not %(expected)s.")
_FOUND_NOT_EXPECTED = _("This file is %(found)s, not %(expected)s.")
_SVG = _("SVG pictures can hide programs inside, so they are not accepted. Please save your picture as PNG or JPEG.")
_WRONG_EXTENSION = _("This file is really a .%(real)s file. Please rename it so that its name ends in .%(real)s.")
_DAMAGED = _("This file seems damaged or incomplete. Please save it again and upload the new copy.")
_TOO_MANY_PIXELS = _("This picture is too large. The limit is %(megapixels)s megapixels.")
_TOO_MANY_FRAMES = _("This animation has too many frames. The limit is %(frames)s.")
_ANIMATION_TOO_BIG = _("This animation is too large. Please use fewer or smaller frames.")
_TOO_MANY_ENTRIES = _("This project has too many files inside. The limit is %(count)s.")
_UNPACKS_TOO_BIG = _("This file grows too much when unpacked. The limit is %(megabytes)s MB.")
_PACKED_ODDLY = _("This project is packed in an unusual way and cannot be accepted.")
_UNSAFE_ENTRY = _("This project contains files with unsafe names.")
_NOT_SCRATCH = _("This file is not a Scratch project. Please save it from Scratch as an .sb3 file.")
_NOT_GLB = _("This file is not a glTF binary (.glb) 3D model.")
_NOT_GLTF2 = _("This 3D model is not in glTF 2.0 format. Please export it again as glTF 2.0.")
_GLTF_EXTERNAL = _("This 3D model uses other files. Please export it as one .glb file.")
_NO_SOUND = _("This file has no sound in it.")
_PDF_SCRIPT = _("This PDF contains programs (JavaScript or actions), so it cannot be uploaded. "
                "Please save it again as a plain PDF.")
_PDF_UNCHECKABLE = _("This PDF is saved in a way we cannot check. Please save it again as a plain PDF.")
_PDF_LOCKED = _("This PDF is locked with a password. Please save an unlocked copy.")


class MediaRejected(Exception):
    """An upload refused for a reason the learner can fix.

    ``category`` is one of :data:`CATEGORIES`; ``message`` is lazy, so it is translated into the language
    of whoever reads it; ``detected_type`` is the MIME type found in the content, when one was found.
    """

    def __init__(self, category: str, message, detected_type: str | None = None):
        super().__init__(category, message, detected_type)  # all three, so Celery can pickle it
        self.category = category
        self.message = message
        self.detected_type = detected_type

    def __str__(self):
        return f"upload rejected: {self.category} (detected type: {self.detected_type or 'unknown'})"


@dataclass(frozen=True)
class MediaLimits:
    """Limits for one upload; the defaults suit children's work (a phone photo, a song, a school project)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_megapixels: float = 40
    max_frames: int = 500
    max_archive_entries: int = 2000
    max_archive_uncompressed_bytes: int = 200 * 1024 * 1024
    max_archive_ratio: float = 100
    # Frames times pixels: what re-encoding an animation costs the worker.
    max_animation_megapixels: float = 400


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_upload` found; width, height and frames are None for anything but pictures."""

    kind: str
    detected_type: str
    extension: str
    display_name: str
    size: int
    width: int | None
    height: int | None
    frames: int | None


@dataclass(frozen=True)
class Processed:
    """What to store: the (re-encoded) content and, for pictures, a WebP thumbnail."""

    content: bytes
    content_type: str
    extension: str
    width: int | None
    height: int | None
    thumbnail: bytes | None
    thumbnail_type: str | None
    thumbnail_width: int | None
    thumbnail_height: int | None


@dataclass(frozen=True)
class _Upload:
    fileobj: BinaryIO
    head: bytes
    size: int
    limits: MediaLimits
    claimed_extension: str


@dataclass(frozen=True)
class _Found:
    detected_type: str
    width: int | None = None
    height: int | None = None
    frames: int | None = None


def inspect_upload(fileobj: BinaryIO, upload_name: str, kind: str, limits: MediaLimits) -> Inspection:
    """Decide whether an upload may be stored, reading headers and structure only.

    Args:
        fileobj: the uploaded bytes, binary and seekable (a Django ``UploadedFile`` or an open file).
        upload_name: the name the client sent; only shown to people, never used as a path.
        kind: one of :data:`KINDS`, the kind of work the learner says this is.
        limits: the limits to enforce.

    Returns:
        An :class:`Inspection` to store with the original and to hand to :func:`process_upload`.

    Raises:
        MediaRejected: the upload must not be stored; ``category`` says why.
        ValueError: ``kind`` is not one of :data:`KINDS` (a programming error, not bad input).
    """
    if kind not in _INSPECTORS:
        raise ValueError(f"unknown upload kind {kind!r}")
    size = _measure(fileobj)
    if size == 0:
        raise _refusal("empty", _EMPTY)
    if size > limits.max_file_bytes:
        raise _refusal("size", _TOO_BIG, megabytes=_megabytes(limits.max_file_bytes))
    upload_name = upload_name or ""
    display_name = _display_name(upload_name)
    claimed = display_name.rpartition(".")[2].lower() if "." in display_name else ""
    # Content first, so a refusal names the real problem (an SVG called logo.svg is refused as SVG).
    found = _INSPECTORS[kind](_Upload(fileobj, fileobj.read(_HEAD_BYTES), size, limits, claimed))
    _check_name(upload_name, display_name)
    extensions = ALLOWED_FORMATS[kind][found.detected_type]
    if claimed not in extensions:
        raise _refusal("type", _WRONG_EXTENSION, found.detected_type, real=extensions[0])
    return Inspection(
        kind=kind,
        detected_type=found.detected_type,
        extension=extensions[0],
        display_name=display_name,
        size=size,
        width=found.width,
        height=found.height,
        frames=found.frames,
    )


def process_upload(fileobj: BinaryIO, inspection: Inspection, limits: MediaLimits) -> Processed:
    """Produce what is stored and shown: pictures re-encoded without metadata plus a thumbnail, recordings
    without their tags, the rest as is.

    Re-encoding drops EXIF (GPS, camera), text chunks and anything appended after the picture, applies the
    EXIF orientation and turns colours into plain sRGB. Pictures with transparency, or from PNG and GIF,
    become PNG; other pictures become JPEG; animations become animated WebP with their frames and timing.

    Raises:
        MediaRejected: ``decode`` when the picture turns out truncated or undecodable, ``bomb`` or ``size``
            when the file no longer fits ``limits``.
        ImproperlyConfigured: some code switched on ``PIL.ImageFile.LOAD_TRUNCATED_IMAGES``.
    """
    if inspection.detected_type in _PILLOW_FORMATS:
        return _process_image(fileobj, inspection.detected_type, limits)
    fileobj.seek(0)
    content = fileobj.read(limits.max_file_bytes + 1)
    if len(content) > limits.max_file_bytes:
        raise _refusal("size", _TOO_BIG, inspection.detected_type, megabytes=_megabytes(limits.max_file_bytes))
    content = _without_tags(content, inspection.detected_type)
    if inspection.kind == "model3d":  # a wire-frame picture of the mesh, so cards and previews show the model
        preview = model_preview.render(content, inspection.detected_type)
        return Processed(content, inspection.detected_type, inspection.extension, None, None, preview, "image/webp",
                         *model_preview.SIZE)
    return Processed(content, inspection.detected_type, inspection.extension, None, None, None, None, None, None)


def _without_tags(content: bytes, detected_type: str) -> bytes:
    """Recordings carry tags (artist, title, comments, even a place) that may name a child: keep only the sound."""
    if detected_type == "audio/wav":
        with wave.open(io.BytesIO(content)) as source:
            params, frames = source.getparams(), source.readframes(source.getnframes())
        out = io.BytesIO()
        with wave.open(out, "wb") as target:  # only the format and data chunks: LIST/INFO and ID3 stay behind
            target.setparams(params)
            target.writeframes(frames)
        return out.getvalue()
    if detected_type in ("audio/mpeg", "audio/ogg", "video/mp4"):
        buffer = io.BytesIO(content)
        try:
            tagged = mutagen.File(buffer)
            if tagged is not None and tagged.tags is not None:
                buffer.seek(0)
                tagged.delete(buffer)
        except mutagen.MutagenError as error:
            raise _refusal("decode", _DAMAGED, detected_type) from error
        return buffer.getvalue()
    return content


def check_file(path, kind: str, upload_name: str | None = None, limits: MediaLimits | None = None) -> dict:
    """Run the whole upload pipeline on a file on disk and say, in English, whether it would be accepted."""
    path = Path(path)
    limits = limits or MediaLimits()
    with path.open("rb") as fileobj:
        try:
            inspection = inspect_upload(fileobj, path.name if upload_name is None else upload_name, kind, limits)
            process_upload(fileobj, inspection, limits)
        except MediaRejected as rejected:
            with translation.override("en"):
                reason = str(rejected.message)
            return {"accepted": False, "kind": kind, "reason": reason, "category": rejected.category,
                    "detected_type": rejected.detected_type}
    return {"accepted": True, "kind": kind, "reason": None, "category": None,
            "detected_type": inspection.detected_type}


# Refusals -----------------------------------------------------------------------------------------------


def _interpolate(template, params: dict) -> str:
    return str(template) % {key: str(value) for key, value in params.items()}


_lazy_interpolate = lazy(_interpolate, str)


def _refusal(category: str, template, detected_type: str | None = None, **params) -> MediaRejected:
    """Build the exception; the message stays lazy so a Celery task or a request translates it when shown."""
    return MediaRejected(category, _lazy_interpolate(template, params) if params else template, detected_type)


def _wrong_type(kind: str, detected_type: str | None) -> MediaRejected:
    """Refuse content of the wrong type, naming what it really is when we recognise it."""
    if detected_type == "image/svg+xml":
        return _refusal("type", _SVG, detected_type)
    found = _describe(detected_type)
    if found is None:
        return _refusal("type", _NOT_EXPECTED, detected_type, expected=_EXPECTED[kind])
    return _refusal("type", _FOUND_NOT_EXPECTED, detected_type, found=found, expected=_EXPECTED[kind])


def _describe(detected_type: str | None):
    if detected_type in _FOUND:
        return _FOUND[detected_type]
    family = (detected_type or "").partition("/")[0] + "/"
    return _FOUND_FAMILY.get(family)


def _megabytes(size: int) -> str:
    """A limit as people read it: "50", "1.5", and never "0" for a limit under a megabyte."""
    return f"{max(size / (1024 * 1024), 0.1):.1f}".removesuffix(".0")


@contextmanager
def _decoding(detected_type: str | None) -> Iterator[None]:
    """Turn any parser's complaint about malformed bytes into a ``decode`` refusal instead of a server error."""
    try:
        yield
    except _DECODE_ERRORS as error:
        raise _refusal("decode", _DAMAGED, detected_type) from error


# Names and sniffing -------------------------------------------------------------------------------------


def _display_name(upload_name: str) -> str:
    """The name shown to people: a plain basename in NFC, without control characters, at most 255 characters."""
    name = "".join(char for char in upload_name if not _is_control(char))
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", name)[-1])
    name = " ".join(name.split()).rstrip(". ")
    return _shorten(name or "untitled")


def _check_name(upload_name: str, display_name: str) -> None:
    """Refuse names with hidden characters or a program's extension anywhere, as in "drawing.png.exe"."""
    if any(_is_control(char) for char in upload_name):
        raise _refusal("name", _NAME_CONTROL)
    for part in re.split(r"[.:]", display_name.lower())[1:]:
        if part.strip() in _PROGRAM_EXTENSIONS:
            raise _refusal("name", _NAME_PROGRAM, extension=part.strip())


def _is_control(char: str) -> bool:
    """Control characters, and the direction overrides that make "gnp.exe" look like "exe.png"."""
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def _shorten(name: str) -> str:
    """Cut a long name to the limit, keeping its extension."""
    if len(name) <= _MAX_NAME_CHARS:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16:
        return name[:_MAX_NAME_CHARS]
    return f"{stem[:_MAX_NAME_CHARS - len(extension) - 1]}.{extension}"


def _measure(fileobj: BinaryIO) -> int:
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _sniff(head: bytes) -> str | None:
    """The MIME type the first bytes show, from ``filetype``'s signatures or, for text, what a browser would run."""
    guess = filetype.guess(head)
    if guess is not None:
        return _MIME_ALIASES.get(guess.mime, guess.mime)
    return _sniff_markup(head)


def _sniff_markup(head: bytes) -> str | None:
    """Recognise text a browser or server could run (shell, PHP, SVG, HTML), so a refusal can name it."""
    text = head[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith(b"#!"):
        return "text/x-shellscript"
    if text.startswith(b"<?php"):
        return "application/x-httpd-php"
    if not text.startswith(b"<"):
        return None
    return "image/svg+xml" if b"<svg" in head.lower() else "text/html"


# Pictures -----------------------------------------------------------------------------------------------


def _inspect_image(upload: _Upload) -> _Found:
    detected = _sniff(upload.head)
    if detected not in _PILLOW_FORMATS:
        raise _wrong_type("image", detected)
    with _open_image(upload.fileobj, detected, upload.limits) as (image, frames):
        width, height = image.size
        image.verify()  # PNG: walks every chunk's checksum up to IEND without inflating the pixels
    return _Found(detected, width, height, frames)


@contextmanager
def _open_image(fileobj: BinaryIO, detected_type: str, limits: MediaLimits) -> Iterator[tuple[Image.Image, int]]:
    """Open lazily (header only) with the one decoder the content was sniffed as, and enforce the limits.

    Pillow's own decompression-bomb guard still stops anything past twice ``Image.MAX_IMAGE_PIXELS`` before
    our limit is looked at; it is treated as the same refusal.
    """
    fileobj.seek(0)
    with _decoding(detected_type):
        try:
            image = Image.open(fileobj, formats=[_PILLOW_FORMATS[detected_type]])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _refusal("bomb", _TOO_MANY_PIXELS, detected_type, megapixels=f"{limits.max_megapixels:g}") from error
        with image:
            yield image, _check_image_limits(image, detected_type, limits)


def _check_image_limits(image: Image.Image, detected_type: str, limits: MediaLimits) -> int:
    """Refuse pictures too large to decode safely, before any pixel is decoded; return the frame count."""
    pixels = image.width * image.height
    if pixels > limits.max_megapixels * 1_000_000:
        raise _refusal("bomb", _TOO_MANY_PIXELS, detected_type, megapixels=f"{limits.max_megapixels:g}")
    # GIF frames are counted by skipping their data; APNG and WebP declare the count in a header.
    frames = image.n_frames if image.format in _ANIMATED_PILLOW_FORMATS else 1
    if frames > limits.max_frames:
        raise _refusal("bomb", _TOO_MANY_FRAMES, detected_type, frames=limits.max_frames)
    if frames > 1 and pixels * frames > limits.max_animation_megapixels * 1_000_000:
        raise _refusal("bomb", _ANIMATION_TOO_BIG, detected_type)
    return frames


def _process_image(fileobj: BinaryIO, detected_type: str, limits: MediaLimits) -> Processed:
    _require_strict_decoding()
    with _open_image(fileobj, detected_type, limits) as (image, frames):
        if frames > 1:
            return _process_animation(image, frames, detected_type)
        return _process_still(image, detected_type)


def _require_strict_decoding() -> None:
    """Truncated pictures must fail; some libraries switch Pillow, for everyone, to padding them silently."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise ImproperlyConfigured("PIL.ImageFile.LOAD_TRUNCATED_IMAGES is on, so truncated uploads would pass.")


def _process_still(image: Image.Image, detected_type: str) -> Processed:
    image.load()
    picture = _display_ready(image)
    if picture.mode == "RGBA" or detected_type in _LOSSLESS_SOURCES:
        content, content_type, extension = _encode(picture, "PNG"), "image/png", "png"
    else:
        content, content_type, extension = _encode(picture, "JPEG", quality=_QUALITY), "image/jpeg", "jpg"
    thumbnail, thumbnail_width, thumbnail_height = _thumbnail(picture)
    return Processed(content, content_type, extension, picture.width, picture.height,
                     thumbnail, "image/webp", thumbnail_width, thumbnail_height)


def _process_animation(image: Image.Image, frames: int, detected_type: str) -> Processed:
    """Re-encode every frame as animated WebP; only pixels, timing and looping survive.

    Frames are taken as sRGB and as stored: animations practically never carry a colour profile or EXIF.
    """
    loop = image.info.get("loop", 1)
    durations = _frame_durations(image, frames)
    image.seek(0)
    content = _encode(image, "WEBP", save_all=True, duration=durations, loop=loop, background=(0, 0, 0, 0),
                      lossless=detected_type in _LOSSLESS_SOURCES, quality=_QUALITY)
    image.seek(0)
    thumbnail, thumbnail_width, thumbnail_height = _thumbnail(image.convert("RGBA"))
    return Processed(content, "image/webp", "webp", image.width, image.height,
                     thumbnail, "image/webp", thumbnail_width, thumbnail_height)


def _frame_durations(image: Image.Image, frames: int) -> list[int]:
    """Each frame's delay in ms; like browsers, show delays of 10 ms or less as 100 ms.

    WebP tells a frame's delay only once the frame is loaded; GIF and APNG tell it on seeking.
    """
    durations = []
    for index in range(frames):
        image.seek(index)
        image.load()
        duration = image.info.get("duration") or 0
        durations.append(int(duration) if duration > 10 else 100)
    return durations


def _display_ready(image: Image.Image) -> Image.Image:
    """Turn a decoded picture upright and into plain 8-bit sRGB, keeping nothing but its pixels."""
    with suppress(*_DECODE_ERRORS):  # unreadable EXIF: show the picture as stored
        ImageOps.exif_transpose(image, in_place=True)
    picture = _to_srgb(image)
    picture.info.clear()  # PNG and JPEG writers would copy an ICC profile or a comment from here
    return picture


def _to_srgb(image: Image.Image) -> Image.Image:
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if image.mode not in _CMS_MODES:
        image = _widen(image, mode)
    profile = image.info.get("icc_profile")
    if profile and (converted := _apply_profile(image, profile, mode)) is not None:
        return converted
    return image if image.mode == mode else image.convert(mode)


def _widen(image: Image.Image, mode: str) -> Image.Image:
    """Bring palette, 1-bit, grey-with-alpha and 16-bit pictures to 8-bit RGB(A); 16-bit grey keeps its tones."""
    if image.mode.startswith("I"):
        image = image.convert("I").point(lambda value: value / 256)
    return image.convert(mode)


def _apply_profile(image: Image.Image, profile: bytes, mode: str) -> Image.Image | None:
    """Convert colours from the embedded ICC profile to sRGB; None when the profile cannot be used."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if image.mode == mode:
            ImageCms.profileToProfile(image, source, _srgb(), outputMode=mode, inPlace=True)
            return image
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _thumbnail(picture: Image.Image) -> tuple[bytes, int, int]:
    """A WebP of at most 480 px on the long side, scaled from the pixels already decoded (never enlarged).

    Reusing the decoded picture is cheaper than decoding the JPEG again at reduced scale with ``draft()``.
    """
    scale = min(1.0, _THUMBNAIL_EDGE / max(picture.size))
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    small = picture if size == picture.size else picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    return _encode(small, "WEBP", quality=_THUMBNAIL_QUALITY), *size


def _encode(image: Image.Image, format_: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format_, **options)
    return out.getvalue()


# Sound and video ----------------------------------------------------------------------------------------


def _inspect_audio(upload: _Upload) -> _Found:
    detected = _sniff(upload.head)
    if detected not in ALLOWED_FORMATS["audio"]:
        raise _wrong_type("audio", detected)
    upload.fileobj.seek(0)
    with _decoding(detected):
        if detected == "audio/wav":
            _check_wav(upload.fileobj)
        elif detected == "audio/mpeg":
            MP3(upload.fileobj)
        elif mutagen.File(upload.fileobj, options=_OGG_AUDIO) is None:
            raise _refusal("type", _NO_SOUND, detected)
    return _Found(detected)


def _check_wav(fileobj: BinaryIO) -> None:
    with wave.open(fileobj) as sound:
        if sound.getframerate() <= 0:
            raise wave.Error("no sample rate")


def _inspect_video(upload: _Upload) -> _Found:
    detected = _sniff(upload.head)
    if detected not in ALLOWED_FORMATS["video"]:
        raise _wrong_type("video", detected)
    upload.fileobj.seek(0)
    with _decoding(detected):
        if detected == "video/mp4":
            MP4(upload.fileobj)
        else:
            _check_webm_header(upload.head)
    return _Found(detected)


def _check_webm_header(head: bytes) -> None:
    """Walk the EBML header: it must declare the ``webm`` document type and be followed by a Segment."""
    element, size, position = _ebml_element(head, 0)
    end = position + size
    if element != 0x1A45DFA3 or end > len(head):
        raise ValueError("no EBML header")
    doctype = b""
    while position < end:
        element, size, position = _ebml_element(head, position)
        if element == 0x4282:
            doctype = head[position:position + size]
        position += size
    if doctype.rstrip(b"\0") != b"webm" or _ebml_element(head, end)[0] != 0x18538067:
        raise ValueError("not a WebM segment")


def _ebml_element(data: bytes, position: int) -> tuple[int, int, int]:
    """Read an EBML element's ID and data size; return them with the offset of its data."""
    element, position = _ebml_number(data, position, keep_marker=True)
    size, position = _ebml_number(data, position, keep_marker=False)
    return element, size, position


def _ebml_number(data: bytes, position: int, keep_marker: bool) -> tuple[int, int]:
    length = 9 - data[position].bit_length()
    if not 1 <= length <= 8 or position + length > len(data):
        raise ValueError("bad EBML number")
    value = int.from_bytes(data[position:position + length], "big")
    return (value if keep_marker else value & ((1 << (7 * length)) - 1)), position + length


# 3D models ----------------------------------------------------------------------------------------------

_GLB_HEADER = struct.Struct("<4sIIII")  # magic, version, total length, first chunk's length and type
_GLB_JSON_CHUNK = 0x4E4F534A
_STL_BAD_LINE = re.compile(
    rb"^(?![ \t]*(?:\r?$|(?:solid|facet|outer|vertex|endloop|endfacet|endsolid)(?=[ \t\r]|$)))", re.M | re.I)
# Every OBJ statement except "call" and "csh", which ask the reader to open other files or run commands.
_OBJ_BAD_LINE = re.compile(
    rb"^(?![ \t]*(?:\r?$|#|(?:v|vt|vn|vp|f|l|p|o|g|s|mg|mtllib|usemtl|maplib|usemap|cstype|deg|bmat|step|curv2?"
    rb"|surf|parm|trim|hole|scrv|sp|end|con|bevel|c_interp|d_interp|lod|shadow_obj|trace_obj|ctech|stech)"
    rb"(?=[ \t\r]|$)))", re.M)
_STL_REQUIRED = (re.compile(rb"^[ \t]*vertex[ \t]", re.M | re.I), re.compile(rb"^[ \t]*endsolid", re.M | re.I))
_OBJ_REQUIRED = (re.compile(rb"^[ \t]*v[ \t]", re.M),)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _inspect_model(upload: _Upload) -> _Found:
    if upload.head.startswith(b"glTF"):
        return _Found(_check_glb(upload))
    detected = _sniff(upload.head)
    if detected is not None:
        raise _wrong_type("model3d", detected)
    if _is_binary_stl(upload.head, upload.size):
        return _Found("model/stl")
    text = upload.head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{"):
        return _Found(_check_gltf_json(upload))
    if text[:5].lower() == b"solid" and _text_matches(upload.fileobj, _STL_BAD_LINE, _STL_REQUIRED):
        return _Found("model/stl")
    if _text_matches(upload.fileobj, _OBJ_BAD_LINE, _OBJ_REQUIRED):
        return _Found("model/obj")
    if upload.claimed_extension == "glb":
        raise _refusal("type", _NOT_GLB)
    raise _wrong_type("model3d", None)


def _check_glb(upload: _Upload) -> str:
    """A glTF binary: version 2, a declared length equal to the file's, and a first chunk of glTF JSON."""
    detected = "model/gltf-binary"
    if len(upload.head) < _GLB_HEADER.size:
        raise _refusal("decode", _DAMAGED, detected)
    _magic, version, length, chunk_length, chunk_type = _GLB_HEADER.unpack_from(upload.head)
    if version != 2:
        raise _refusal("type", _NOT_GLTF2, detected)
    if length != upload.size or chunk_type != _GLB_JSON_CHUNK or _GLB_HEADER.size + chunk_length > length:
        raise _refusal("decode", _DAMAGED, detected)
    upload.fileobj.seek(_GLB_HEADER.size)
    _check_gltf_document(upload.fileobj.read(chunk_length), detected)
    return detected


def _check_gltf_json(upload: _Upload) -> str:
    detected = "model/gltf+json"
    upload.fileobj.seek(0)
    _check_gltf_document(upload.fileobj.read(upload.limits.max_file_bytes), detected)
    return detected


def _check_gltf_document(data: bytes, detected: str) -> None:
    """The JSON must be glTF 2 and self-contained: a lone file cannot bring its buffers or textures along,
    and a link to another host would make every viewer of a child's work call that host."""
    with _decoding(detected):
        document = json.loads(data)
    asset = document.get("asset") if isinstance(document, dict) else None
    version = asset.get("version") if isinstance(asset, dict) else None
    if not isinstance(version, str):
        raise _refusal("type", _NOT_GLB, detected) if detected == "model/gltf-binary" else _wrong_type("model3d", None)
    if not version.startswith("2."):
        raise _refusal("type", _NOT_GLTF2, detected)
    for section in ("buffers", "images"):
        items = document.get(section) or []
        if not isinstance(items, list) or any(_external_uri(item) for item in items):
            raise _refusal("type", _GLTF_EXTERNAL, detected)


def _external_uri(item) -> bool:
    uri = item.get("uri") if isinstance(item, dict) else None
    return uri is not None and not (isinstance(uri, str) and uri.startswith("data:"))


def _is_binary_stl(head: bytes, size: int) -> bool:
    """80-byte header, triangle count, 50 bytes per triangle: the length alone tells a binary STL apart."""
    return len(head) >= 84 and size >= 134 and size == 84 + 50 * struct.unpack_from("<I", head, 80)[0]


def _text_matches(fileobj: BinaryIO, bad_line: re.Pattern, required: tuple[re.Pattern, ...]) -> bool:
    """Stream a text file line-aligned in 1 MiB blocks: no control bytes, no line outside the format's
    statements, and each required statement seen somewhere."""
    fileobj.seek(0)
    missing = set(required)
    carry = b""
    while True:
        chunk = fileobj.read(_CHUNK_BYTES)
        block = carry + chunk
        cut = len(block) if not chunk else block.rfind(b"\n") + 1
        block, carry = block[:cut], block[cut:]
        if len(carry) > _MAX_TEXT_LINE_BYTES or _CONTROL_BYTES.search(block) or bad_line.search(block):
            return False
        missing = {pattern for pattern in missing if not pattern.search(block)}
        if not chunk:
            return not missing


# Scratch projects ---------------------------------------------------------------------------------------

_ZIP_END = struct.Struct("<4s4H2LH")  # end of central directory record


def _inspect_scratch(upload: _Upload) -> _Found:
    """Check the archive's directory before anything in it is unpacked, then read project.json, bounded."""
    if not upload.head.startswith(b"PK\x03\x04"):
        raise _wrong_type("scratch", _sniff(upload.head))
    _check_zip_directory_size(upload)
    with _decoding("application/zip"), zipfile.ZipFile(upload.fileobj) as archive:
        _check_entries(archive.infolist(), upload.limits)
        _check_project_json(archive)
    return _Found(SCRATCH_TYPE)


def _check_zip_directory_size(upload: _Upload) -> None:
    """Count entries from the end record ourselves: ``zipfile`` builds an object per entry before we could."""
    tail_size = min(upload.size, _ZIP_END.size + 0xFFFF)
    upload.fileobj.seek(upload.size - tail_size)
    tail = upload.fileobj.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _ZIP_END.size > len(tail):
        raise _refusal("decode", _DAMAGED, "application/zip")
    entries, directory_size = _ZIP_END.unpack_from(tail, at)[4:6]
    limit = upload.limits.max_archive_entries
    if entries > limit or directory_size > limit * _MAX_DIRECTORY_BYTES_PER_ENTRY:
        raise _refusal("bomb", _TOO_MANY_ENTRIES, "application/zip", count=limit)


def _check_entries(entries: list[zipfile.ZipInfo], limits: MediaLimits) -> None:
    if len(entries) > limits.max_archive_entries:
        raise _refusal("bomb", _TOO_MANY_ENTRIES, "application/zip", count=limits.max_archive_entries)
    names = set()
    unpacked = packed = 0
    for entry in entries:
        if _unsafe_entry_name(entry.orig_filename) or entry.filename in names:
            raise _refusal("archive", _UNSAFE_ENTRY, "application/zip")
        names.add(entry.filename)
        if _expands_too_much(entry.file_size, entry.compress_size, limits):
            raise _refusal("bomb", _PACKED_ODDLY, "application/zip")
        unpacked += entry.file_size
        packed += entry.compress_size
    if unpacked > limits.max_archive_uncompressed_bytes:
        raise _refusal("bomb", _UNPACKS_TOO_BIG, "application/zip",
                       megabytes=_megabytes(limits.max_archive_uncompressed_bytes))
    if _expands_too_much(unpacked, packed, limits):
        raise _refusal("bomb", _PACKED_ODDLY, "application/zip")


def _expands_too_much(unpacked: int, packed: int, limits: MediaLimits) -> bool:
    return unpacked > limits.max_archive_ratio * max(packed, _MIN_PACKED_BYTES)


def _unsafe_entry_name(name: str) -> bool:
    """Names that could land outside the folder they are unpacked into, on any system."""
    return (name.startswith("/") or "\\" in name or re.match(r"[A-Za-z]:", name) is not None
            or ".." in name.split("/") or any(unicodedata.category(char) == "Cc" for char in name))


def _check_project_json(archive: zipfile.ZipFile) -> None:
    try:
        entry = archive.getinfo("project.json")
    except KeyError:
        raise _refusal("type", _NOT_SCRATCH, "application/zip") from None
    if entry.file_size > _MAX_PROJECT_JSON_BYTES:
        raise _refusal("bomb", _UNPACKS_TOO_BIG, "application/zip", megabytes=_megabytes(_MAX_PROJECT_JSON_BYTES))
    with archive.open(entry) as member:
        data = member.read(_MAX_PROJECT_JSON_BYTES + 1)
    if len(data) > _MAX_PROJECT_JSON_BYTES:  # the directory understated the size
        raise _refusal("bomb", _UNPACKS_TOO_BIG, "application/zip", megabytes=_megabytes(_MAX_PROJECT_JSON_BYTES))
    try:
        project = json.loads(data)
    except (ValueError, RecursionError):
        project = None
    if not isinstance(project, dict) or not isinstance(project.get("targets"), list):
        raise _refusal("type", _NOT_SCRATCH, "application/zip")


# PDF ----------------------------------------------------------------------------------------------------

_PDF_NAME_CHAR = rb"[^\x00\t\n\x0c\r /<>\[\]()%{}]"
# Names of interest, and any name with a #xx escape (how /J#61vaScript hides from a plain search).
_PDF_WATCHED_NAME = re.compile(
    rb"/((?:JavaScript|JS|Launch|Encrypt)(?!" + _PDF_NAME_CHAR + rb")|" + _PDF_NAME_CHAR + rb"*#" + _PDF_NAME_CHAR
    + rb"*)")
_PDF_ANY_NAME = re.compile(rb"/(" + _PDF_NAME_CHAR + rb"+)")
_PDF_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_PROGRAM_NAMES = frozenset({b"JavaScript", b"JS", b"Launch"})


def _inspect_document(upload: _Upload) -> _Found:
    detected = "application/pdf"
    if not upload.head.startswith(b"%PDF-"):
        raise _wrong_type("document", _sniff(upload.head))
    upload.fileobj.seek(0)
    data = upload.fileobj.read(upload.limits.max_file_bytes)
    with _decoding(detected):
        names = _pdf_watched_names(data, upload.limits)
    if names & _PDF_PROGRAM_NAMES:
        raise _refusal("type", _PDF_SCRIPT, detected)
    if b"Encrypt" in names:
        raise _refusal("type", _PDF_LOCKED, detected)
    return _Found(detected)


def _pdf_watched_names(data: bytes, limits: MediaLimits) -> set[bytes]:
    """Watched names in the file and inside its compressed object streams, where modern PDFs keep dictionaries."""
    names = _watched_names_in(data)
    budget = limits.max_archive_uncompressed_bytes
    for match in _PDF_STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 4096):match.start()]
        dictionary = dictionary[max(0, dictionary.rfind(b"obj")):]
        declared = {_pdf_unescape(name) for name in _PDF_ANY_NAME.findall(dictionary)}
        if b"ObjStm" not in declared:
            continue
        if b"FlateDecode" not in declared and b"Filter" in declared:
            raise _refusal("type", _PDF_UNCHECKABLE, "application/pdf")
        if b"FlateDecode" in declared:
            found, budget = _inflated_watched_names(data, match.end(), budget)
            names |= found
            if budget < 0:
                raise _refusal("bomb", _UNPACKS_TOO_BIG, "application/pdf",
                               megabytes=_megabytes(limits.max_archive_uncompressed_bytes))
    return names


def _watched_names_in(data: bytes) -> set[bytes]:
    return {_pdf_unescape(name) for name in _PDF_WATCHED_NAME.findall(data)}


def _pdf_unescape(name: bytes) -> bytes:
    return _PDF_HEX_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), name)


def _inflated_watched_names(data: bytes, start: int, budget: int) -> tuple[set[bytes], int]:
    """Inflate one stream piece by piece, holding one piece at a time; stop once the budget goes negative."""
    inflater = zlib.decompressobj()
    names: set[bytes] = set()
    overlap = b""
    position = start
    while not inflater.eof and position < len(data):
        pending = data[position:position + _CHUNK_BYTES]
        position += len(pending)
        while True:
            piece = inflater.decompress(pending, _CHUNK_BYTES)
            pending = inflater.unconsumed_tail
            budget -= len(piece)
            names |= _watched_names_in(overlap + piece)
            overlap = piece[-256:]
            if budget < 0:
                return names, budget
            if inflater.eof or (not pending and len(piece) < _CHUNK_BYTES):
                break
    return names, budget


_INSPECTORS = {
    "image": _inspect_image,
    "audio": _inspect_audio,
    "video": _inspect_video,
    "model3d": _inspect_model,
    "scratch": _inspect_scratch,
    "document": _inspect_document,
}
