"""Demo content of the poster maker: three templates with artwork drawn here (Pillow) and the poster maker page
below the campaign index. Runtime requirements only; idempotent (templates by name, images by title, the page by
slug)."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from core.models import CustomImage

from .models import PosterMakerPage, PosterTemplate, PosterZone

SIDE = 1600
PAGE_SLUG = "postermaker"


def _circles():
    image = Image.new("RGB", (SIDE, SIDE), "#083d6d")
    layer = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    spots = [
        (0.15, 0.2, 0.35, "#0b5394"),
        (0.85, 0.15, 0.3, "#1c6fb8"),
        (0.7, 0.75, 0.45, "#0b5394"),
        (0.2, 0.9, 0.25, "#ffd966"),
        (0.5, 0.45, 0.12, "#ffd966"),
        (0.95, 0.55, 0.18, "#3d8bd4"),
    ]
    for x, y, r, colour in spots:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        cx, cy, radius = x * SIDE, y * SIDE, r * SIDE
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(red, green, blue, 170))
    image.paste(layer, (0, 0), layer)
    return image


def _sunburst():
    image = Image.new("RGB", (SIDE, SIDE), "#ffd966")
    draw = ImageDraw.Draw(image)
    origin = (SIDE * 0.1, SIDE * 1.05)
    for index in range(18):
        start = math.radians(180 + index * 10)
        end = math.radians(180 + index * 10 + 5)
        far = SIDE * 2
        points = [
            origin,
            (origin[0] + far * math.cos(start), origin[1] + far * math.sin(start)),
            (origin[0] + far * math.cos(end), origin[1] + far * math.sin(end)),
        ]
        draw.polygon(points, fill="#f6c343")
    draw.ellipse((-SIDE * 0.15, SIDE * 0.85, SIDE * 0.35, SIDE * 1.35), fill="#e8893a")
    return image


def _leaves():
    image = Image.new("RGB", (SIDE, SIDE), "#1e6b34")
    draw = ImageDraw.Draw(image)
    for row in range(-2, 12):
        for column in range(-2, 12):
            x = column * SIDE / 8 + (row % 2) * SIDE / 16
            y = row * SIDE / 8
            colour = "#2e8b47" if (row + column) % 3 else "#4caf63"
            draw.ellipse((x, y, x + SIDE / 10, y + SIDE / 18), fill=colour)
    return image


ZONES_SAMEN = [
    ("headline", "", (8, 8, 84, 36), (40, 130), "left", "bottom"),
    ("subline", "", (8, 46, 84, 20), (26, 52), "left", "top"),
    ("cta", "", (8, 68, 84, 12), (26, 44), "left", "top"),
    ("organisation", "", (8, 84, 60, 10), (22, 36), "left", "middle"),
    ("logo", "", (72, 84, 20, 10), (8, 8), "right", "top"),
    ("headline", "link", (5, 8, 60, 46), (40, 110), "left", "bottom"),
    ("subline", "link", (5, 56, 60, 20), (24, 44), "left", "top"),
    ("cta", "link", (5, 78, 44, 16), (24, 36), "left", "top"),
    ("organisation", "link", (66, 80, 30, 14), (20, 30), "right", "middle"),
    ("logo", "link", (70, 8, 26, 30), (8, 8), "right", "top"),
]
ZONES_ZONNIG = [
    ("photo", "", (0, 0, 100, 46), (8, 8), "left", "top"),
    ("headline", "", (6, 49, 88, 22), (40, 120), "left", "middle"),
    ("subline", "", (6, 72, 88, 13), (24, 44), "left", "top"),
    ("cta", "", (6, 86, 52, 10), (22, 36), "left", "top"),
    ("organisation", "", (60, 86, 34, 10), (20, 30), "right", "middle"),
    ("logo", "", (78, 3, 18, 12), (8, 8), "right", "top"),
    ("photo", "link", (56, 0, 44, 100), (8, 8), "left", "top"),
    ("headline", "link", (4, 6, 50, 42), (40, 100), "left", "bottom"),
    ("subline", "link", (4, 50, 50, 22), (22, 40), "left", "top"),
    ("cta", "link", (4, 74, 50, 12), (22, 32), "left", "top"),
    ("organisation", "link", (4, 88, 50, 9), (18, 26), "left", "middle"),
]
ZONES_GROEN = [
    ("logo", "", (38, 5, 24, 12), (8, 8), "center", "top"),
    ("headline", "", (8, 22, 84, 36), (44, 130), "center", "middle"),
    ("subline", "", (8, 60, 84, 16), (26, 48), "center", "top"),
    ("cta", "", (20, 78, 60, 10), (24, 40), "center", "top"),
    ("organisation", "", (8, 90, 84, 7), (20, 32), "center", "middle"),
    ("headline", "link", (6, 6, 88, 44), (40, 100), "center", "bottom"),
    ("subline", "link", (6, 52, 88, 18), (22, 40), "center", "top"),
    ("cta", "link", (25, 72, 50, 14), (22, 32), "center", "top"),
    ("organisation", "link", (6, 88, 88, 9), (18, 26), "center", "middle"),
]

TEMPLATES = [
    {
        "name": "Samen sterk",
        "description": "Donkerblauw met cirkels: voor werving en waardering, met een gele knop voor je oproep.",
        "artwork": ("Postersjabloon Samen sterk", _circles, "Blauwe en gele cirkels die elkaar overlappen"),
        "colours": {
            "background_colour": "#083d6d",
            "text_colour": "#ffffff",
            "scrim_colour": "#083d6d",
            "scrim_opacity": 75,
            "accent_colour": "#ffd966",
            "cta_colour": "#ffd966",
            "cta_text_colour": "#1a1a1a",
        },
        "zones": ZONES_SAMEN,
    },
    {
        "name": "Zonnig met foto",
        "description": "Geel en zonnig, met ruimte voor een eigen foto van jullie vrijwilligers.",
        "artwork": ("Postersjabloon Zonnig", _sunburst, "Gele zonnestralen met een oranje zon"),
        "colours": {
            "background_colour": "#ffd966",
            "text_colour": "#1a1a1a",
            "scrim_colour": "#ffffff",
            "scrim_opacity": 85,
            "accent_colour": "#e8893a",
            "cta_colour": "#083d6d",
            "cta_text_colour": "#ffffff",
        },
        "zones": ZONES_ZONNIG,
    },
    {
        "name": "Groen en gecentreerd",
        "description": "Groen bladpatroon met gecentreerde tekst: rustig en goed leesbaar, ook op een prikbord.",
        "artwork": ("Postersjabloon Groen", _leaves, "Groen patroon van bladeren"),
        "colours": {
            "background_colour": "#1e6b34",
            "text_colour": "#ffffff",
            "scrim_colour": "#14471f",
            "scrim_opacity": 80,
            "accent_colour": "#ffd966",
            "cta_colour": "#ffffff",
            "cta_text_colour": "#14471f",
        },
        "zones": ZONES_GROEN,
    },
]


def _artwork(demo, title, draw, alt_text):
    existing = CustomImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    output = io.BytesIO()
    draw().save(output, "PNG", optimize=True)
    image = CustomImage(title=title, alt_text=alt_text)
    image.file = ImageFile(io.BytesIO(output.getvalue()), name=f"poster-{title.lower().replace(' ', '-')}.png")
    image.save()
    demo.created += 1
    return image


def seed_templates(demo):
    templates = []
    for order, spec in enumerate(TEMPLATES):
        template = PosterTemplate.objects.filter(name=spec["name"]).first()
        if template is None:
            title, draw, alt_text = spec["artwork"]
            template = PosterTemplate(
                name=spec["name"],
                description=spec["description"],
                sort_order=order,
                artwork=_artwork(demo, title, draw, alt_text),
                **spec["colours"],
            )
            template.zones = [
                PosterZone(
                    kind=kind,
                    format_key=format_key,
                    x=x,
                    y=y,
                    width=width,
                    height=height,
                    min_size=sizes[0],
                    max_size=sizes[1],
                    align=align,
                    valign=valign,
                )
                for kind, format_key, (x, y, width, height), sizes, align, valign in spec["zones"]
            ]
            template.full_clean()
            template.save()
            demo.created += 1
            demo.log(f"  + poster template: {template.name}")
        templates.append(template)
    return templates


def seed(demo):
    seed_templates(demo)
    try:
        from campaign.demo import campaign_index
    except ImportError:  # the campaign section not (yet) there: below the home page
        parent = demo.home
    else:
        parent = campaign_index(demo)
    demo.ensure_page(
        parent,
        PosterMakerPage,
        slug=PAGE_SLUG,
        title="Maak je eigen poster",
        introduction=(
            "<p>Maak in een paar minuten een poster of een afbeelding voor sociale media voor jullie campagneweek "
            "of lokale actie. Kies een sjabloon, typ je teksten, voeg eventueel een foto en je logo toe en download "
            "het resultaat. Gratis en zonder account.</p>"
        ),
        listing_summary="Maak gratis je eigen campagneposter of afbeelding voor sociale media.",
    )
