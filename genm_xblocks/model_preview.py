"""A picture of a 3D model for cards and previews: its mesh drawn in wire-frame from a three-quarter view.

STL (ASCII and binary), OBJ and binary glTF meshes are read with the standard library and drawn with Pillow, so the
gallery shows what a child modelled without a 3D viewer or a GPU. A model that cannot be drawn gets a plain cube.
"""
import io
import json
import math
import re
import struct

from PIL import Image, ImageDraw

SIZE = (480, 360)
MAX_TRIANGLES = 60_000  # enough to show the shape; the rest would only darken the lines
BACKGROUND = (236, 242, 255)
LINE = (37, 76, 180)
_ASCII_VERTEX = re.compile(rb"vertex\s+(\S+)\s+(\S+)\s+(\S+)")
_GLB_FLOAT, _GLB_COMPONENTS = 5126, {5121: "B", 5123: "H", 5125: "I"}


def render(content: bytes, detected_type: str) -> bytes:
    """WebP bytes of the model's wire-frame (or of a cube when the mesh cannot be read)."""
    try:
        triangles = _triangles(content, detected_type)
    except (ValueError, KeyError, IndexError, TypeError, struct.error, json.JSONDecodeError):
        triangles = []
    return _draw(triangles[:MAX_TRIANGLES] or _cube())


def _triangles(content, detected_type):
    if detected_type == "model/stl":
        return _stl(content)
    if detected_type == "model/obj":
        return _obj(content)
    if detected_type == "model/gltf-binary":
        return _glb(content)
    return []


def _stl(content):
    count = struct.unpack_from("<I", content, 80)[0] if len(content) >= 84 else -1
    if count >= 0 and len(content) == 84 + 50 * count:
        return [struct.unpack_from("<9f", content, 84 + 50 * index + 12) for index in range(min(count, MAX_TRIANGLES))]
    points = [tuple(float(value) for value in match.groups()) for match in _ASCII_VERTEX.finditer(content)]
    return [points[index] + points[index + 1] + points[index + 2] for index in range(0, len(points) - 2, 3)]


def _obj(content):
    vertices, triangles = [], []
    for line in content.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "v" and len(parts) >= 4:
            vertices.append(tuple(float(value) for value in parts[1:4]))
        elif parts[0] == "f" and len(parts) >= 4:
            corners = [vertices[_obj_index(part, len(vertices))] for part in parts[1:]]
            for index in range(1, len(corners) - 1):  # a polygon as a fan of triangles
                triangles.append(corners[0] + corners[index] + corners[index + 1])
                if len(triangles) >= MAX_TRIANGLES:
                    return triangles
    return triangles


def _obj_index(part, count):
    index = int(part.split("/")[0])
    return index - 1 if index > 0 else count + index


def _glb(content):
    """The first primitive's POSITION (float VEC3) and indices, from the JSON and binary chunks of a .glb."""
    json_length = struct.unpack_from("<I", content, 12)[0]
    document = json.loads(content[20:20 + json_length])
    binary_start = 20 + json_length + 8
    binary = content[binary_start:binary_start + struct.unpack_from("<I", content, 20 + json_length)[0]]
    primitive = document["meshes"][0]["primitives"][0]
    positions = _accessor(document, binary, primitive["attributes"]["POSITION"], "3f")
    if "indices" in primitive:
        order = [index[0] for index in _accessor(document, binary, primitive["indices"], None)]
    else:
        order = list(range(len(positions)))
    return [positions[order[i]] + positions[order[i + 1]] + positions[order[i + 2]]
            for i in range(0, min(len(order), 3 * MAX_TRIANGLES) - 2, 3)]


def _accessor(document, binary, number, layout):
    accessor = document["accessors"][number]
    view = document["bufferViews"][accessor["bufferView"]]
    if layout is None:
        layout = _GLB_COMPONENTS[accessor["componentType"]]
    elif accessor["componentType"] != _GLB_FLOAT:
        raise ValueError("positions are not floats")
    item = struct.Struct("<" + layout)
    stride = view.get("byteStride") or item.size
    start = view.get("byteOffset", 0) + accessor.get("byteOffset", 0)
    return [item.unpack_from(binary, start + stride * index) for index in range(accessor["count"])]


def _cube():
    corners = [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
    faces = [(0, 1, 3, 2), (4, 5, 7, 6), (0, 1, 5, 4), (2, 3, 7, 6), (0, 2, 6, 4), (1, 3, 7, 5)]
    return [corners[a] + corners[b] + corners[c] for a, b, c, d in faces] + \
           [corners[a] + corners[c] + corners[d] for a, b, c, d in faces]


def _draw(triangles):
    """Rotate to a three-quarter view, fit into the picture, draw every edge."""
    yaw, pitch = math.radians(35), math.radians(25)
    cos_y, sin_y, cos_p, sin_p = math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch)

    def project(x, y, z):
        x, z = x * cos_y + z * sin_y, -x * sin_y + z * cos_y
        y, z = y * cos_p - z * sin_p, y * sin_p + z * cos_p
        return x, -y

    flat = [[project(*t[i:i + 3]) for i in (0, 3, 6)] for t in triangles]
    xs = [p[0] for tri in flat for p in tri]
    ys = [p[1] for tri in flat for p in tri]
    width, height = SIZE
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = 0.85 * min(width, height) / span
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    for tri in flat:
        points = [(width / 2 + (x - middle_x) * scale, height / 2 + (y - middle_y) * scale) for x, y in tri]
        draw.line(points + [points[0]], fill=LINE, width=1)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=80)
    return out.getvalue()
