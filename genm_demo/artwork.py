"""Children's works for the demo gallery, made on the spot: Pillow drawings and synthesized tunes (never downloaded)."""
import io
import math
import random
import struct
import wave

from PIL import Image, ImageDraw

SKIES = [(135, 206, 235), (255, 200, 150), (40, 40, 90), (190, 230, 255), (255, 235, 200)]
GROUNDS = [(80, 170, 80), (240, 240, 250), (200, 170, 110), (60, 120, 60), (120, 190, 220)]


def drawing(seed, size=(800, 600)):
    """A landscape with a sun, hills and an animal-ish figure, different for every seed; PNG bytes."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, SKIES[seed % len(SKIES)])
    draw = ImageDraw.Draw(image)
    sun = (rng.randrange(60, width - 60), rng.randrange(40, height // 3))
    draw.ellipse([sun[0] - 45, sun[1] - 45, sun[0] + 45, sun[1] + 45], fill=(255, 215, 0))
    for ray in range(12):
        angle = ray * math.pi / 6
        draw.line([sun[0] + 55 * math.cos(angle), sun[1] + 55 * math.sin(angle),
                   sun[0] + 80 * math.cos(angle), sun[1] + 80 * math.sin(angle)], fill=(255, 200, 0), width=5)
    ground = GROUNDS[seed % len(GROUNDS)]
    for hill in range(3):
        x = rng.randrange(-100, width)
        draw.ellipse([x, height * 0.55 + hill * 20, x + rng.randrange(300, 600), height * 1.4], fill=ground)
    draw.rectangle([0, height * 0.75, width, height], fill=ground)
    body = (rng.randrange(150, width - 250), int(height * 0.62))
    fur = (rng.randrange(120, 255), rng.randrange(60, 200), rng.randrange(0, 120))
    draw.ellipse([body[0], body[1], body[0] + 180, body[1] + 100], fill=fur, outline=(40, 30, 20), width=4)
    draw.ellipse([body[0] + 150, body[1] - 50, body[0] + 240, body[1] + 30], fill=fur, outline=(40, 30, 20), width=4)
    draw.ellipse([body[0] + 205, body[1] - 25, body[0] + 220, body[1] - 10], fill=(0, 0, 0))
    for leg in (20, 60, 110, 150):
        draw.rectangle([body[0] + leg, body[1] + 85, body[0] + leg + 16, body[1] + 140], fill=fur)
    for _tree in range(rng.randrange(2, 5)):
        x = rng.randrange(0, width - 60)
        draw.rectangle([x + 22, height * 0.5, x + 38, height * 0.72], fill=(110, 70, 30))
        draw.polygon([(x, height * 0.52), (x + 30, height * 0.3), (x + 60, height * 0.52)], fill=(20, 110, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def tune(seed, seconds=4.0, rate=22050):
    """A short melody in C major with soft attack and decay; WAV bytes."""
    rng = random.Random(seed)
    scale = [261.63, 293.66, 329.63, 349.23, 392.00, 440.00, 493.88, 523.25]
    notes = [rng.choice(scale) for _ in range(int(seconds * 2))]
    samples = bytearray()
    per_note = int(rate * seconds / len(notes))
    for frequency in notes:
        for index in range(per_note):
            envelope = min(1.0, index / 400) * (1 - index / per_note) ** 1.5
            value = 0.45 * math.sin(2 * math.pi * frequency * index / rate)
            value += 0.15 * math.sin(4 * math.pi * frequency * index / rate)
            samples += struct.pack("<h", int(32767 * 0.8 * envelope * value))
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(bytes(samples))
    return out.getvalue()
