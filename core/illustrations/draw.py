"""Draw the demo illustrations (flat, one palette) with Pillow: ``python -m core.illustrations.draw``.

The PNGs beside this file are its output and are shipped, so ``seed_demo`` needs nothing but the files. Every scene
is drawn at twice its size and scaled down, which smooths the edges Pillow draws without anti-aliasing.
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 1200, 675
SCALE = 2

# The house colours of static/css/site.css, with lighter tints for backgrounds.
NAVY = "#0b5394"
NAVY_DARK = "#083d6d"
GREEN = "#1e6b34"
PLUM = "#8e3b8e"
AMBER = "#b45309"
TEAL = "#0f766e"
RED = "#9f1239"
YELLOW = "#ffd966"
SKY = "#dce9f5"
MINT = "#dff0e4"
SAND = "#f6ecd9"
LILAC = "#efe3f1"
WHITE = "#ffffff"
INK = "#1f2933"
GREY = "#c9d2dc"
SKINS = ["#f1c9a5", "#e0ac69", "#c68642", "#8d5524", "#f5d3b3", "#a86b3c"]
HAIRS = ["#2b1d14", "#5a3825", "#1f1f1f", "#b98a4b", "#7a7a7a", "#3b2a20"]
SHIRTS = [NAVY, GREEN, PLUM, AMBER, TEAL, RED]


class Canvas:
    def __init__(self, background):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    def _s(self, values):
        return [round(v * SCALE) for v in values]

    def rect(self, box, fill, radius=0):
        self.draw.rounded_rectangle(self._s(box), radius=radius * SCALE, fill=fill)

    def ellipse(self, box, fill):
        self.draw.ellipse(self._s(box), fill=fill)

    def circle(self, x, y, r, fill):
        self.ellipse((x - r, y - r, x + r, y + r), fill)

    def polygon(self, points, fill):
        self.draw.polygon([(round(x * SCALE), round(y * SCALE)) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        pts = [(round(x * SCALE), round(y * SCALE)) for x, y in points]
        self.draw.line(pts, fill=fill, width=round(width * SCALE), joint="curve")
        for x, y in (pts[0], pts[-1]):  # round caps
            r = width * SCALE / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def save(self, name):
        self.image.resize((WIDTH, HEIGHT), Image.LANCZOS).save(HERE / f"{name}.png", optimize=True)


def backdrop(c, tint, ground=GREY, sun=True):
    c.ellipse((-200, 120, 700, 900), tint)
    c.ellipse((620, -260, 1500, 560), tint)
    if sun:
        c.circle(1040, 120, 56, YELLOW)
    c.rect((0, 560, WIDTH, HEIGHT), ground)


def person(c, x, feet, h, skin, shirt, hair, trousers=INK, arms="down", hair_style="short"):
    """A standing figure, ``h`` high, feet at ``feet``; arms "down", "up" (waving), "carry" or "forward"."""
    head = h * 0.13
    body_top = feet - h + head * 2.1
    hip = feet - h * 0.42
    shoulder = h * 0.17
    # legs
    c.line([(x - shoulder * 0.45, hip), (x - shoulder * 0.5, feet - 6)], trousers, h * 0.085)
    c.line([(x + shoulder * 0.45, hip), (x + shoulder * 0.5, feet - 6)], trousers, h * 0.085)
    # torso
    c.rect((x - shoulder, body_top, x + shoulder, hip + h * 0.04), shirt, radius=h * 0.07)
    arm_w = h * 0.07
    top = body_top + h * 0.05
    if arms == "up":
        c.line([(x - shoulder * 0.9, top), (x - shoulder * 1.4, top - h * 0.22)], shirt, arm_w)
        c.circle(x - shoulder * 1.4, top - h * 0.24, arm_w * 0.7, skin)
        c.line([(x + shoulder * 0.9, top), (x + shoulder * 1.2, hip - h * 0.02)], shirt, arm_w)
        c.circle(x + shoulder * 1.2, hip, arm_w * 0.7, skin)
    elif arms == "carry":
        c.line([(x - shoulder * 0.9, top), (x - shoulder * 0.6, top + h * 0.16)], shirt, arm_w)
        c.line([(x + shoulder * 0.9, top), (x + shoulder * 0.6, top + h * 0.16)], shirt, arm_w)
        c.rect((x - shoulder * 1.1, top + h * 0.08, x + shoulder * 1.1, top + h * 0.3), AMBER, radius=6)
        c.rect((x - shoulder * 1.1, top + h * 0.17, x + shoulder * 1.1, top + h * 0.19), "#8a4006")
    elif arms == "forward":
        c.line([(x - shoulder * 0.9, top), (x - shoulder * 1.1, hip - h * 0.02)], shirt, arm_w)
        c.line([(x + shoulder * 0.9, top), (x + shoulder * 2.0, top + h * 0.12)], shirt, arm_w)
        c.circle(x + shoulder * 2.1, top + h * 0.12, arm_w * 0.7, skin)
    else:
        c.line([(x - shoulder * 0.9, top), (x - shoulder * 1.15, hip - h * 0.02)], shirt, arm_w)
        c.line([(x + shoulder * 0.9, top), (x + shoulder * 1.15, hip - h * 0.02)], shirt, arm_w)
        c.circle(x - shoulder * 1.15, hip, arm_w * 0.7, skin)
        c.circle(x + shoulder * 1.15, hip, arm_w * 0.7, skin)
    # neck and head
    hy = feet - h + head
    c.rect((x - head * 0.35, hy + head * 0.6, x + head * 0.35, body_top + 4), skin)
    head_with_hair(c, x, hy, head, skin, hair, hair_style)


def head_with_hair(c, x, y, r, skin, hair, style="short"):
    if style == "long":
        c.rect((x - r * 1.15, y - r * 0.9, x + r * 1.15, y + r * 0.95), hair, radius=r * 0.5)
    if style == "bun":
        c.circle(x, y - r * 1.05, r * 0.5, hair)
    c.circle(x, y, r, skin)
    if style == "curly":
        for dx, dy in ((-0.7, -0.6), (0, -0.9), (0.7, -0.6), (-0.95, -0.05), (0.95, -0.05)):
            c.circle(x + dx * r, y + dy * r, r * 0.45, hair)
    elif style != "bald":
        c.ellipse((x - r * 1.02, y - r * 1.08, x + r * 1.02, y + r * 0.1), hair)
        c.rect((x - r * 0.9, y - r * 0.3, x + r * 0.9, y - r * 0.05), skin)
        c.ellipse((x - r * 0.9, y - r * 0.75, x + r * 0.9, y + r * 0.9), skin)
    # eyes and smile
    c.circle(x - r * 0.35, y + r * 0.1, r * 0.09, INK)
    c.circle(x + r * 0.35, y + r * 0.1, r * 0.09, INK)
    c.draw.arc(
        [round(v * SCALE) for v in (x - r * 0.35, y + r * 0.15, x + r * 0.35, y + r * 0.6)],
        20,
        160,
        fill=INK,
        width=max(2, round(r * 0.08 * SCALE)),
    )


def tree(c, x, ground, h, leaf=GREEN):
    c.rect((x - h * 0.05, ground - h * 0.5, x + h * 0.05, ground), "#6b4226", radius=4)
    c.circle(x, ground - h * 0.65, h * 0.3, leaf)
    c.circle(x - h * 0.18, ground - h * 0.5, h * 0.2, leaf)
    c.circle(x + h * 0.18, ground - h * 0.52, h * 0.2, leaf)


def bubble(c, x, y, w, h, fill, tail="left"):
    c.rect((x, y, x + w, y + h), fill, radius=h * 0.35)
    tx = x + w * 0.25 if tail == "left" else x + w * 0.75
    c.polygon([(tx - 14, y + h - 4), (tx + 14, y + h - 4), (tx - 8 if tail == "left" else tx + 8, y + h + 28)], fill)
    for i in range(3):
        c.rect((x + w * 0.15, y + h * (0.25 + i * 0.2), x + w * (0.85 - i * 0.15), y + h * (0.32 + i * 0.2)), WHITE)


def volunteers():
    """People volunteering together in a neighbourhood garden: planting, carrying, waving."""
    c = Canvas(WHITE)
    backdrop(c, MINT, ground="#b7d9bf")
    tree(c, 140, 570, 300)
    tree(c, 1080, 570, 260, leaf=TEAL)
    c.rect((420, 470, 780, 580), "#8a5a32", radius=14)  # planter
    for i, colour in enumerate([RED, YELLOW, PLUM, AMBER, RED]):
        px = 460 + i * 70
        c.line([(px, 470), (px, 400)], GREEN, 8)
        c.circle(px, 392, 22, colour)
    person(c, 300, 620, 330, SKINS[1], NAVY, HAIRS[0], arms="carry")
    person(c, 600, 600, 250, SKINS[3], AMBER, HAIRS[2], arms="forward", hair_style="curly")
    person(c, 900, 625, 340, SKINS[0], PLUM, HAIRS[3], arms="up", hair_style="long")
    c.save("vrijwilligers")


def town_hall():
    """A town hall with a flag, and people walking up to it."""
    c = Canvas(WHITE)
    backdrop(c, SKY)
    c.rect((330, 250, 870, 580), "#e8dcc8")
    c.polygon([(300, 260), (600, 110), (900, 260)], NAVY_DARK)
    c.rect((560, 60, 566, 150), INK)
    c.polygon([(566, 62), (650, 80), (566, 100)], RED)
    c.circle(600, 200, 32, WHITE)
    c.line([(600, 200), (600, 180)], INK, 4)
    c.line([(600, 200), (615, 205)], INK, 4)
    for i in range(5):
        cx = 380 + i * 110
        c.rect((cx, 300, cx + 50, 390), NAVY, radius=25)
    for cx in (395, 460, 700, 800):
        c.rect((cx, 430, cx + 50, 500), NAVY, radius=8)
    c.rect((555, 440, 645, 580), AMBER, radius=40)
    c.rect((300, 575, 900, 600), "#b9a98f")
    person(c, 180, 640, 280, SKINS[2], GREEN, HAIRS[1], arms="up", hair_style="bun")
    person(c, 1010, 650, 300, SKINS[4], TEAL, HAIRS[4], arms="down", hair_style="bald")
    c.save("gemeentehuis")


def conversation():
    """A group conversation around a table, with speech bubbles."""
    c = Canvas(WHITE)
    backdrop(c, LILAC, sun=False)
    bubble(c, 210, 70, 230, 110, NAVY)
    bubble(c, 760, 60, 250, 120, GREEN, tail="right")
    bubble(c, 500, 20, 190, 90, PLUM)
    people = [
        (250, SKINS[0], RED, HAIRS[0], "long"),
        (470, SKINS[3], NAVY, HAIRS[2], "curly"),
        (730, SKINS[1], AMBER, HAIRS[5], "short"),
        (950, SKINS[5], TEAL, HAIRS[4], "bun"),
    ]
    for x, skin, shirt, hair, style in people:
        c.rect((x - 75, 360, x + 75, 560), shirt, radius=60)
        c.rect((x - 18, 330, x + 18, 370), skin)
        head_with_hair(c, x, 290, 62, skin, hair, style)
    c.rect((120, 500, 1080, 560), "#8a5a32", radius=20)
    c.rect((180, 560, 210, 675), "#6b4226")
    c.rect((990, 560, 1020, 675), "#6b4226")
    for x, colour in ((330, WHITE), (600, YELLOW), (860, WHITE)):
        c.rect((x - 40, 470, x + 40, 505), colour, radius=6)
        c.rect((x + 48, 460, x + 78, 505), SKY, radius=8)
    c.save("gesprek")


def hands():
    """Hands of different people joined in the middle: working together."""
    c = Canvas(WHITE)
    backdrop(c, SAND, ground=SAND, sun=False)
    c.circle(600, 340, 250, YELLOW)
    arms = [
        ((-100, 140), SKINS[0], NAVY),
        ((1300, 120), SKINS[3], GREEN),
        ((-80, 640), SKINS[1], PLUM),
        ((1280, 660), SKINS[5], AMBER),
        ((600, 760), SKINS[2], TEAL),
    ]
    for (sx, sy), skin, sleeve in arms:
        ex, ey = 600 + (sx - 600) * 0.18, 340 + (sy - 340) * 0.18
        mx, my = 600 + (sx - 600) * 0.55, 340 + (sy - 340) * 0.55
        c.line([(sx, sy), (mx, my)], sleeve, 110)
        c.line([(mx, my), (ex, ey)], skin, 86)
        c.circle(ex, ey, 62, skin)
    c.circle(600, 340, 40, RED)
    c.save("handen")


def laptop():
    """A laptop with a video session of the Kennisboostweken: faces in tiles, a chat and a coffee mug."""
    c = Canvas(WHITE)
    backdrop(c, SKY, ground="#d9c7ad", sun=False)
    c.rect((250, 90, 950, 520), INK, radius=24)
    c.rect((275, 115, 925, 495), WHITE, radius=8)
    tiles = [
        (290, 130, SKINS[0], RED, HAIRS[0], "long"),
        (600, 130, SKINS[3], GREEN, HAIRS[2], "curly"),
        (290, 315, SKINS[1], PLUM, HAIRS[1], "bun"),
        (600, 315, SKINS[4], AMBER, HAIRS[4], "bald"),
    ]
    for x, y, skin, shirt, hair, style in tiles:
        c.rect((x, y, x + 300, y + 170), SKY if shirt in (RED, PLUM) else MINT, radius=10)
        c.rect((x + 100, y + 120, x + 200, y + 170), shirt, radius=30)
        head_with_hair(c, x + 150, y + 80, 42, skin, hair, style)
    c.polygon([(170, 520), (1030, 520), (1100, 580), (100, 580)], "#3e4c59")
    c.rect((520, 530, 680, 548), GREY, radius=6)
    c.rect((1000, 430, 1080, 540), RED, radius=12)
    c.line([(1080, 455), (1110, 470), (1080, 510)], RED, 14)
    c.rect((80, 440, 190, 470), YELLOW, radius=4)
    c.rect((90, 470, 180, 500), TEAL, radius=4)
    c.save("kennisboostweek")


def neighbourhood():
    """A street of houses with neighbours who meet: a local initiative."""
    c = Canvas(WHITE)
    backdrop(c, MINT)
    houses = [(60, 300, NAVY), (300, 260, AMBER), (560, 320, PLUM), (800, 280, TEAL)]
    for x, top, colour in houses:
        c.rect((x, top, x + 220, 580), colour)
        c.polygon([(x - 15, top + 5), (x + 110, top - 90), (x + 235, top + 5)], INK)
        c.rect((x + 30, top + 40, x + 85, top + 100), YELLOW, radius=6)
        c.rect((x + 135, top + 40, x + 190, top + 100), YELLOW, radius=6)
        c.rect((x + 80, 480, x + 140, 580), WHITE, radius=6)
    c.line([(60, 230), (1020, 230)], INK, 3)
    for i, colour in enumerate([RED, YELLOW, GREEN, NAVY, PLUM, AMBER, TEAL, RED, YELLOW]):
        fx = 90 + i * 105
        c.polygon([(fx, 232), (fx + 40, 232), (fx + 20, 272)], colour)
    tree(c, 1110, 580, 260)
    person(c, 330, 650, 260, SKINS[5], GREEN, HAIRS[0], arms="forward", hair_style="short")
    person(c, 520, 655, 270, SKINS[0], RED, HAIRS[3], arms="up", hair_style="long")
    person(c, 880, 650, 240, SKINS[2], NAVY, HAIRS[2], arms="down", hair_style="curly")
    c.save("buurt")


def expedition():
    """A route over hills with flags at the stops: an expedition with a destination."""
    c = Canvas(WHITE)
    backdrop(c, SAND, ground="#b7d9bf")
    c.polygon([(0, 560), (260, 300), (520, 560)], "#7fb48e")
    c.polygon([(380, 560), (700, 230), (1020, 560)], "#5d9b70")
    c.polygon([(820, 560), (1060, 330), (1200, 450), (1200, 560)], "#7fb48e")
    c.polygon([(700, 230), (760, 292), (640, 292)], WHITE)
    points = [(80, 640), (300, 600), (420, 520), (600, 470), (760, 400), (900, 330)]
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        c.line([(x1, y1), (x2, y2)], YELLOW, 22)
    for (x, y), colour in zip(points[1::2], [RED, NAVY, PLUM], strict=False):
        c.rect((x - 3, y - 90, x + 5, y), INK)
        c.polygon([(x + 5, y - 90), (x + 70, y - 72), (x + 5, y - 52)], colour)
    person(c, 200, 655, 230, SKINS[1], TEAL, HAIRS[1], arms="up", hair_style="bun")
    person(c, 320, 665, 210, SKINS[3], AMBER, HAIRS[2], arms="forward", hair_style="curly")
    c.save("expeditie")


def portrait(name, skin, shirt, hair, style, tint):
    """A portrait: head and shoulders, friendly, on a soft circle."""
    c = Canvas(tint)
    c.circle(600, 337, 300, WHITE)
    c.circle(600, 337, 280, YELLOW)
    c.rect((400, 470, 800, 800), shirt, radius=160)
    c.rect((560, 400, 640, 490), skin)
    head_with_hair(c, 600, 320, 120, skin, hair, style)
    c.save(name)


PORTRAITS = [
    ("portret-1", SKINS[0], NAVY, HAIRS[3], "long", SKY),
    ("portret-2", SKINS[3], GREEN, HAIRS[2], "curly", MINT),
    ("portret-3", SKINS[1], PLUM, HAIRS[0], "short", LILAC),
    ("portret-4", SKINS[5], AMBER, HAIRS[1], "bun", SAND),
    ("portret-5", SKINS[4], TEAL, HAIRS[4], "bald", SKY),
    ("portret-6", SKINS[2], RED, HAIRS[5], "long", MINT),
]


def main():
    for scene in (volunteers, town_hall, conversation, hands, laptop, neighbourhood, expedition):
        scene()
    for spec in PORTRAITS:
        portrait(*spec)


if __name__ == "__main__":
    main()
