"""The poster engine: a design (colours, artwork, zones) and the visitor's texts rendered with Pillow.

Everything is measured in pixels of the canvas being drawn. Zones are percentages of the *trim* area (the
finished poster); print formats get a bleed of ``BLEED_MM`` on every side that only the background fills. Font
sizes in a zone are pixels at a reference canvas of 1080 px on its shorter side, so one design scales to every
format and to small previews.

Text always fits its zone or is refused: the largest font size between the zone's bounds at which the text fits
is used, first without hyphenation and then with Dutch hyphenation (pyphen, ``nl_NL``); a text that does not fit
at the smallest size raises :class:`TextDoesNotFit`, naming the field in Dutch.

Public API used by other sections: :func:`render_text_card` (the share image of pages and the quiz result).
"""

import functools
import io
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pyphen
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

BLEED_MM = 3
PRINT_DPI = 150
REFERENCE_SIDE = 1080
LINE_HEIGHT = 1.2

TEXT_FIELDS = ("headline", "subline", "organisation", "cta")
IMAGE_FIELDS = ("photo", "logo")

FIELD_LABELS = {
    "headline": gettext_lazy("Headline"),
    "subline": gettext_lazy("Sub-line"),
    "organisation": gettext_lazy("Organisation or municipality"),
    "cta": gettext_lazy("Call to action"),
    "photo": gettext_lazy("Photo"),
    "logo": gettext_lazy("Logo"),
}


class PosterError(ValueError):
    """Input the engine cannot render; the message is for the visitor (Dutch through gettext)."""


class UnknownFormat(PosterError):
    pass


class TextDoesNotFit(PosterError):
    def __init__(self, field_name):
        self.field = field_name
        super().__init__(
            _("The text for “%(field)s” does not fit on the poster, not even in the smallest letter size. Shorten it.")
            % {"field": FIELD_LABELS.get(field_name, field_name)}
        )


@dataclass(frozen=True)
class PosterFormat:
    key: str
    label: str
    width_px: int = 0
    height_px: int = 0
    width_mm: float = 0
    height_mm: float = 0

    @property
    def is_print(self):
        return bool(self.width_mm)

    @property
    def bleed_px(self):
        return round(BLEED_MM / 25.4 * PRINT_DPI) if self.is_print else 0

    @property
    def trim_size(self):
        if self.is_print:
            return round(self.width_mm / 25.4 * PRINT_DPI), round(self.height_mm / 25.4 * PRINT_DPI)
        return self.width_px, self.height_px

    @property
    def canvas_size(self):
        width, height = self.trim_size
        return width + 2 * self.bleed_px, height + 2 * self.bleed_px

    @property
    def extensions(self):
        return ("png", "pdf") if self.is_print else ("png",)


FORMATS = {
    "a4": PosterFormat("a4", gettext_lazy("A4 poster (print)"), width_mm=210, height_mm=297),
    "a3": PosterFormat("a3", gettext_lazy("A3 poster (print)"), width_mm=297, height_mm=420),
    "square": PosterFormat("square", gettext_lazy("Square post (1080 × 1080)"), width_px=1080, height_px=1080),
    "story": PosterFormat("story", gettext_lazy("Story (1080 × 1920)"), width_px=1080, height_px=1920),
    "link": PosterFormat("link", gettext_lazy("Link preview (1200 × 630)"), width_px=1200, height_px=630),
}


def get_format(format_key):
    try:
        return FORMATS[format_key]
    except (KeyError, TypeError):
        raise UnknownFormat(_("This poster format does not exist.")) from None


@dataclass(frozen=True)
class Zone:
    kind: str
    x: float
    y: float
    width: float
    height: float
    min_size: int = 24
    max_size: int = 96
    align: str = "left"  # left, center, right
    valign: str = "top"  # top, middle, bottom


@dataclass
class Design:
    background: str = "#0b5394"
    text: str = "#ffffff"
    scrim: str = "#000000"
    scrim_opacity: float = 0.0  # 0..1
    accent: str = "#ffd966"
    cta_background: str = "#ffd966"
    cta_text: str = "#1a1a1a"
    artwork: Image.Image | None = None
    zones: list[Zone] = field(default_factory=list)


@dataclass
class TextBox:
    field: str
    box: tuple[int, int, int, int]
    colour: str
    size: int
    lines: list[str]


@dataclass
class Rendering:
    image: Image.Image
    format: PosterFormat
    text_boxes: list[TextBox]


# ---------------------------------------------------------------- colours and contrast (WCAG 2.1)


def hex_to_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def relative_luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first, second):
    first = hex_to_rgb(first) if isinstance(first, str) else first
    second = hex_to_rgb(second) if isinstance(second, str) else second
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top, bottom, opacity):
    """`top` at `opacity` over `bottom`, as Pillow composites (per channel, gamma space)."""
    top = hex_to_rgb(top) if isinstance(top, str) else top
    bottom = hex_to_rgb(bottom) if isinstance(bottom, str) else bottom
    return tuple(round(t * opacity + b * (1 - opacity)) for t, b in zip(top, bottom, strict=True))


def worst_contrast(text, scrim, opacity, under=None):
    """The lowest contrast of `text` on `scrim` at `opacity` over `under` (a colour) or over anything (None).

    Over unknown artwork the blended colour's luminance lies between the scrim over black and over white (it
    grows with every channel), so those two are the extremes, unless the text's own luminance lies between them.
    """
    if under is not None:
        return contrast_ratio(text, blend(scrim, under, opacity))
    over_black = blend(scrim, (0, 0, 0), opacity)
    over_white = blend(scrim, (255, 255, 255), opacity)
    low, high = relative_luminance(over_black), relative_luminance(over_white)
    if low <= relative_luminance(hex_to_rgb(text)) <= high:
        return 1.0
    return min(contrast_ratio(text, over_black), contrast_ratio(text, over_white))


# ---------------------------------------------------------------- fitting text


@functools.lru_cache(maxsize=512)
def _font(path, size):
    return ImageFont.truetype(str(path), size)


@functools.lru_cache(maxsize=1)
def _hyphenator():
    return pyphen.Pyphen(lang="nl_NL")


def _split_word(word, font, max_width, first_width=None):
    """`word` broken at Dutch hyphenation points into pieces no wider than `max_width`, or None.

    With `first_width` the first piece must fit that (the rest of a line); an empty first piece is allowed then.
    """
    positions = [p for p in _hyphenator().positions(word) if 0 < p < len(word)]
    for index, char in enumerate(word):  # break after hyphens already in the word
        if char == "-" and 0 < index + 1 < len(word) and index + 1 not in positions:
            positions.append(index + 1)
    positions.sort()
    pieces, start, limit = [], 0, first_width if first_width is not None else max_width
    while font.getlength(word[start:]) > limit:
        best = None
        for position in positions:
            if position <= start:
                continue
            piece = word[start:position]
            shown = piece if piece.endswith("-") else piece + "-"
            if font.getlength(shown) <= limit:
                best = (position, shown)
            else:
                break
        if best is None:
            if first_width is not None and start == 0:
                pieces.append("")  # nothing fits on the current line: start the word on a new one
                limit = max_width
                first_width = None
                continue
            return None
        start, shown = best
        pieces.append(shown)
        limit = max_width
    pieces.append(word[start:])
    return pieces


def _wrap(text, font, max_width, hyphenate):
    """Lines of `text` no wider than `max_width`, or None when a word cannot be made to fit."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= max_width:
                line = candidate
                continue
            if hyphenate and len(word) > 5:
                rest = max_width - font.getlength(f"{line} ") if line else max_width
                pieces = _split_word(word, font, max_width, first_width=rest if line else None)
                if pieces is None:
                    return None
                if line:
                    if pieces[0]:
                        lines.append(f"{line} {pieces[0]}")
                    else:
                        lines.append(line)
                    pieces = pieces[1:]
                lines.extend(pieces[:-1])
                line = pieces[-1]
                continue
            if line:
                lines.append(line)
            if font.getlength(word) > max_width:
                return None
            line = word
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _text_height(font_size, line_count):
    return round(font_size * LINE_HEIGHT * line_count)


def fit_text(text, font_path, max_width, max_height, min_size, max_size, field_name="headline"):
    """(font size, lines): the largest size in [min_size, max_size] at which `text` fits the box.

    First without hyphenation, then with it; raises TextDoesNotFit when even the smallest size does not fit.
    """
    min_size, max_size = max(1, int(min_size)), max(1, int(max_size))
    if min_size > max_size:
        min_size, max_size = max_size, min_size

    def attempt(size, hyphenate):
        font = _font(font_path, size)
        lines = _wrap(text, font, max_width, hyphenate)
        if lines is None or _text_height(size, len(lines)) > max_height:
            return None
        return lines

    for hyphenate in (False, True):
        lines = attempt(min_size, hyphenate)
        if lines is None:
            continue
        best = (min_size, lines)
        low, high = min_size + 1, max_size
        while low <= high:  # the largest size that fits (fitting shrinks with the size)
            middle = (low + high) // 2
            found = attempt(middle, hyphenate)
            if found is None:
                high = middle - 1
            else:
                best = (middle, found)
                low = middle + 1
        return best
    raise TextDoesNotFit(field_name)


# ---------------------------------------------------------------- drawing


def _cover(image, size):
    """`image` scaled and centre-cropped to fill `size` (reducing first: several times faster than plain LANCZOS)."""
    width, height = image.size
    target_width, target_height = size
    ratio = min(width / target_width, height / target_height)
    crop_width, crop_height = target_width * ratio, target_height * ratio
    left, top = (width - crop_width) / 2, (height - crop_height) / 2
    box = (left, top, left + crop_width, top + crop_height)
    source = image if image.mode == "RGB" else image.convert("RGB")
    return source.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)


_COVERED = OrderedDict()


def _cover_artwork(artwork, size):
    """The artwork filling the canvas, kept per artwork image and size (the artwork itself is cached per process)."""
    key = (id(artwork), size)
    cached = _COVERED.get(key)
    if cached is not None and cached[0] is artwork:
        _COVERED.move_to_end(key)
        return cached[1]
    covered = _cover(artwork, size)
    _COVERED[key] = (artwork, covered)
    while len(_COVERED) > 24:
        _COVERED.popitem(last=False)
    return covered


def _zone_box(zone, trim_box):
    left, top, right, bottom = trim_box
    width, height = right - left, bottom - top
    x0 = left + round(width * zone.x / 100)
    y0 = top + round(height * zone.y / 100)
    return x0, y0, x0 + round(width * zone.width / 100), y0 + round(height * zone.height / 100)


def _zones_by_kind(zones):
    return {zone.kind: zone for zone in zones}


@dataclass
class _TextJob:
    field: str
    font: ImageFont.FreeTypeFont
    lines: list
    xs: list
    top: int
    line_height: int
    block: tuple
    backing: tuple
    radius: int
    is_cta: bool


def _layout_texts(design, zones, trim_box, unit, texts):
    """Where every text goes and at which size; raises TextDoesNotFit. Nothing is drawn."""
    jobs = []
    for field_name in TEXT_FIELDS:
        text = (texts.get(field_name) or "").strip()
        zone = zones.get(field_name)
        if not text or zone is None:
            continue
        box = _zone_box(zone, trim_box)
        is_cta = field_name == "cta"
        font_path = FONT_BOLD if field_name in ("headline", "cta") else FONT_REGULAR
        padding = 0
        if is_cta or design.scrim_opacity > 0:
            padding = max(2, round(zone.min_size * unit * 0.4))
        inner_width = box[2] - box[0] - 2 * padding
        inner_height = box[3] - box[1] - 2 * padding
        min_px = max(6, round(zone.min_size * unit))
        max_px = max(min_px, round(zone.max_size * unit))
        if inner_width <= 0 or inner_height <= 0:
            raise TextDoesNotFit(field_name)
        size, lines = fit_text(text, font_path, inner_width, inner_height, min_px, max_px, field_name)
        font = _font(font_path, size)
        line_height = round(size * LINE_HEIGHT)
        line_widths = [font.getlength(line) for line in lines]
        block_width = round(max(line_widths)) if line_widths else 0
        block_height = line_height * len(lines)

        top = box[1] + padding
        if zone.valign == "middle":
            top = box[1] + (box[3] - box[1] - block_height) // 2
        elif zone.valign == "bottom":
            top = box[3] - padding - block_height
        if zone.align == "center":
            xs = [box[0] + (box[2] - box[0] - width) / 2 for width in line_widths]
        elif zone.align == "right":
            xs = [box[2] - padding - width for width in line_widths]
        else:
            xs = [box[0] + padding for _width in line_widths]
        block_left = round(min(xs)) if xs else box[0]
        block = (block_left, top, block_left + block_width, top + block_height)
        backing = (block[0] - padding, block[1] - padding, block[2] + padding, block[3] + padding)
        jobs.append(
            _TextJob(field_name, font, lines, xs, top, line_height, block, backing, max(1, padding // 2), is_cta)
        )
    return jobs


def _geometry(poster_format, scale):
    width, height = poster_format.canvas_size
    width, height = max(1, round(width * scale)), max(1, round(height * scale))
    bleed = round(poster_format.bleed_px * scale)
    trim_box = (bleed, bleed, width - bleed, height - bleed)
    unit = min(trim_box[2] - trim_box[0], trim_box[3] - trim_box[1]) / REFERENCE_SIDE
    return width, height, trim_box, unit


def check_fit(template, format_key, texts):
    """Raise TextDoesNotFit (or UnknownFormat) when `texts` would not fit `template` in `format_key`."""
    poster_format = get_format(format_key)
    design = template.design(format_key) if hasattr(template, "design") else template
    _width, _height, trim_box, unit = _geometry(poster_format, 1.0)
    _layout_texts(design, _zones_by_kind(design.zones), trim_box, unit, texts)


def render(template, format_key, texts, photo=None, logo=None, *, scale=1.0, draw_text=True):
    """A :class:`Rendering` of `template` (a Design or an object with ``design(format_key)``) in `format_key`.

    `texts` maps the text fields (headline, subline, organisation, cta) to strings; `photo` and `logo` are PIL
    images (already checked). `scale` < 1 renders a smaller preview. With ``draw_text=False`` everything but the
    letters is drawn (the scrims and buttons too): what the text sits on, for contrast checks.
    """
    poster_format = get_format(format_key)
    design = template.design(format_key) if hasattr(template, "design") else template
    width, height, trim_box, unit = _geometry(poster_format, scale)
    zones = _zones_by_kind(design.zones)
    try:
        jobs = _layout_texts(design, zones, trim_box, unit, texts)
    except TextDoesNotFit:
        if scale >= 1:
            raise
        # Rounded letter sizes of a small preview can miss where the full size fits: draw full size, scale down.
        full = render(design, format_key, texts, photo, logo, draw_text=draw_text)
        full.image = full.image.resize((width, height), Image.Resampling.LANCZOS)
        return full

    canvas = Image.new("RGB", (width, height), design.background)
    if design.artwork is not None:
        canvas.paste(_cover_artwork(design.artwork, (width, height)), (0, 0))
    if photo is not None and "photo" in zones:
        box = _zone_box(zones["photo"], trim_box)
        size = (max(1, box[2] - box[0]), max(1, box[3] - box[1]))
        canvas.paste(_cover(photo, size), box[:2])

    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    overlay_draw = ImageDraw.Draw(overlay)
    if "logo" in zones and logo is not None:
        box = _zone_box(zones["logo"], trim_box)
        mark = logo.convert("RGBA")
        mark.thumbnail((max(1, box[2] - box[0]), max(1, box[3] - box[1])), Image.Resampling.LANCZOS)
        x = box[0]
        if zones["logo"].align == "center":
            x = box[0] + (box[2] - box[0] - mark.width) // 2
        elif zones["logo"].align == "right":
            x = box[2] - mark.width
        overlay.alpha_composite(mark, (x, box[1]))
    text_boxes = []
    for job in jobs:
        if job.is_cta:
            overlay_draw.rounded_rectangle(job.backing, job.radius, fill=(*hex_to_rgb(design.cta_background), 255))
            colour = design.cta_text
        else:
            if design.scrim_opacity > 0:
                alpha = round(255 * design.scrim_opacity)
                overlay_draw.rounded_rectangle(job.backing, job.radius, fill=(*hex_to_rgb(design.scrim), alpha))
            colour = design.text
        text_boxes.append(TextBox(job.field, job.block, colour, job.font.size, job.lines))

    canvas = Image.alpha_composite(canvas.convert("RGBA"), overlay).convert("RGB")
    if draw_text:
        draw = ImageDraw.Draw(canvas)
        for job, text_box in zip(jobs, text_boxes, strict=True):
            ascent = job.font.getmetrics()[0]
            for index, (line, x) in enumerate(zip(job.lines, job.xs, strict=True)):
                baseline = job.top + index * job.line_height + (job.line_height - job.font.size) // 2 + ascent
                draw.text((x, baseline), line, font=job.font, fill=text_box.colour, anchor="ls")
    return Rendering(canvas, poster_format, text_boxes)


def to_png(image, optimize=False):
    output = io.BytesIO()
    image.save(output, "PNG", optimize=optimize, compress_level=6 if optimize else 1)
    return output.getvalue()


def to_pdf(image, poster_format, title=""):
    """A one-page print PDF: the raster poster over the full page incl. bleed, with TrimBox and BleedBox."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    if not poster_format.is_print:
        raise UnknownFormat(_("This poster format has no PDF."))
    width_mm = poster_format.width_mm + 2 * BLEED_MM
    height_mm = poster_format.height_mm + 2 * BLEED_MM
    pdf = FPDF(unit="mm", format=(width_mm, height_mm))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_creator("Kennisplatform")
    if title:
        pdf.set_title(title)
    pdf.add_page()
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, "JPEG", quality=92)
    jpeg.seek(0)
    pdf.image(jpeg, x=0, y=0, w=width_mm, h=height_mm)
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    writer = PdfWriter(clone_from=reader)
    points = 72 / 25.4
    bleed = BLEED_MM * points
    for page in writer.pages:
        media = page.mediabox
        page.bleedbox = RectangleObject([media.left, media.bottom, media.right, media.top])
        page.trimbox = RectangleObject(
            [media.left + bleed, media.bottom + bleed, media.right - bleed, media.top - bleed]
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def render_png(template, format_key, texts, photo=None, logo=None, *, scale=1.0):
    return to_png(render(template, format_key, texts, photo, logo, scale=scale).image)


def render_pdf(template, format_key, texts, photo=None, logo=None, title=""):
    poster_format = get_format(format_key)
    if not poster_format.is_print:
        raise UnknownFormat(_("This poster format has no PDF."))
    return to_pdf(render(template, format_key, texts, photo, logo).image, poster_format, title=title)


# ---------------------------------------------------------------- the house-style text card


HOUSE_STYLE = {
    "background": "#083d6d",
    "text": "#ffffff",
    "accent": "#ffd966",
}
_CARD_ZONES = {
    # Landscape (link preview) and the others.
    "landscape": [
        Zone("headline", 7, 14, 86, 50, 40, 110, "left", "bottom"),
        Zone("subline", 7, 68, 86, 15, 24, 40, "left", "top"),
        Zone("organisation", 7, 86, 60, 8, 20, 28, "left", "top"),
    ],
    "portrait": [
        Zone("headline", 8, 15, 84, 45, 48, 120, "left", "bottom"),
        Zone("subline", 8, 63, 84, 17, 28, 48, "left", "top"),
        Zone("organisation", 8, 88, 70, 6, 22, 32, "left", "top"),
    ],
}


def _truncate_to_fit(text, zone, trim, field_name):
    """`text`, shortened word by word with an ellipsis until it fits `zone` (titles can be long)."""
    font_path = FONT_BOLD if field_name == "headline" else FONT_REGULAR
    unit = min(trim) / REFERENCE_SIDE
    width, height = trim[0] * zone.width / 100, trim[1] * zone.height / 100
    words, shortened = text.split(), False
    while words:
        candidate = " ".join(words) + (" …" if shortened else "")
        try:
            fit_text(candidate, font_path, width, height, round(zone.min_size * unit), round(zone.max_size * unit))
            return candidate
        except TextDoesNotFit:
            shortened = True
            if len(words) > 1:
                words = words[:-1]
            elif len(words[0]) > 1:
                words = [words[0][: len(words[0]) // 2]]
            else:
                return ""
    return ""


def text_card_design(format_key="link"):
    poster_format = get_format(format_key)
    width, height = poster_format.trim_size
    zones = _CARD_ZONES["landscape" if width > height else "portrait"]
    return Design(
        background=HOUSE_STYLE["background"],
        text=HOUSE_STYLE["text"],
        accent=HOUSE_STYLE["accent"],
        artwork=_card_artwork(width, height),
        zones=zones,
    )


@functools.lru_cache(maxsize=8)
def _card_artwork_cached(width, height):
    image = Image.new("RGB", (width, height), HOUSE_STYLE["background"])
    draw = ImageDraw.Draw(image)
    bar = max(8, round(min(width, height) * 0.03))
    draw.rectangle((0, 0, width, bar), fill=HOUSE_STYLE["accent"])
    radius = round(min(width, height) * 0.45)
    draw.ellipse((width - radius, -radius // 2, width + radius, radius + radius // 2), fill="#0b5394")
    return image


def _card_artwork(width, height):
    return _card_artwork_cached(width, height)


def render_text_card(*, title: str, subtitle: str = "", format_key: str = "link") -> bytes:
    """A PNG in the house style (1200 × 630 by default) with `title` and `subtitle`; never raises for long text.

    Shares the fitting and Dutch hyphenation of the poster maker; a title or subtitle too long for its zone is
    shortened with an ellipsis.
    """
    design = text_card_design(format_key)
    trim = get_format(format_key).trim_size
    zones = _zones_by_kind(design.zones)
    texts = {
        "headline": _truncate_to_fit(" ".join(str(title).split()), zones["headline"], trim, "headline"),
        "subline": _truncate_to_fit(" ".join(str(subtitle).split()), zones["subline"], trim, "subline"),
        "organisation": str(getattr(settings, "SITE_NAME", "Kennisplatform")),
    }
    return to_png(render(design, format_key, texts).image)
