"""Camera-like test photos for the benchmarks, made with Pillow (never downloaded)."""
import io

from PIL import Image, ImageChops


def make_photo(width=4000, height=3000, noise=24, quality=92) -> bytes:
    """A camera-like JPEG: smooth gradients under sensor-like noise, so the codec does realistic work."""
    grain = Image.effect_noise((width, height), noise)
    across = Image.linear_gradient("L").resize((width, height))
    down = Image.linear_gradient("L").rotate(90).resize((width, height))
    red = ImageChops.add(across, grain, scale=2.0)
    green = ImageChops.add(down, grain, scale=2.0)
    blue = ImageChops.blend(across, down, 0.5)
    out = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(out, "JPEG", quality=quality)
    return out.getvalue()
