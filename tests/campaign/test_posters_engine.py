"""The poster engine: formats, text fitting with Dutch hyphenation, contrast on every template's pixels, PDFs."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from campaign.posters import engine
from campaign.posters.demo import seed_templates
from core.demo import DemoBuilder

MM = 72 / 25.4
TEXTS = {
    "headline": "Vrijwilligers gezocht voor de buurtmoestuin!",
    "subline": "Help op zaterdagochtend mee in de moestuin. Ervaring is niet nodig.",
    "organisation": "Gemeente Voorbeeld",
    "cta": "Meld je aan op voorbeeld.nl",
}


@pytest.fixture
def templates(db):
    return seed_templates(DemoBuilder())


def test_formats_have_the_promised_sizes():
    assert engine.FORMATS["square"].canvas_size == (1080, 1080)
    assert engine.FORMATS["story"].canvas_size == (1080, 1920)
    assert engine.FORMATS["link"].canvas_size == (1200, 630)
    a4 = engine.FORMATS["a4"]
    # 216 x 303 mm (A4 plus 3 mm bleed on each side) at 150 dpi
    assert a4.canvas_size == (round(210 / 25.4 * 150) + 2 * a4.bleed_px, round(297 / 25.4 * 150) + 2 * a4.bleed_px)
    assert a4.bleed_px == round(3 / 25.4 * 150)


def test_unknown_format_is_refused_in_dutch(templates):
    with pytest.raises(engine.UnknownFormat, match="Dit posterformaat bestaat niet"):
        engine.render(templates[0], "a0", TEXTS)


def test_font_shrinks_between_the_bounds():
    short = engine.fit_text("Doe mee", engine.FONT_BOLD, 600, 300, 20, 120)
    longer = engine.fit_text(
        "Doe mee met de landelijke campagneweek in jouw gemeente", engine.FONT_BOLD, 600, 300, 20, 120
    )
    assert short[0] == 120  # the largest size when it fits
    assert 20 <= longer[0] < short[0]
    font = engine._font(engine.FONT_BOLD, longer[0])
    assert all(font.getlength(line) <= 600 for line in longer[1])
    assert engine._text_height(longer[0], len(longer[1])) <= 300


def test_a_long_dutch_word_is_hyphenated_instead_of_overflowing():
    word = "vrijwilligersorganisatieondersteuning"
    size, lines = engine.fit_text(word, engine.FONT_BOLD, 260, 600, 40, 60)
    font = engine._font(engine.FONT_BOLD, size)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == word
    assert all(font.getlength(line) <= 260 for line in lines)
    # the breaks are Dutch hyphenation points
    points = {sum(len(line.rstrip("-")) for line in lines[: i + 1]) for i in range(len(lines) - 1)}
    assert points <= set(engine._hyphenator().positions(word))


def test_hyphenation_is_only_used_when_plain_wrapping_does_not_fit():
    size, lines = engine.fit_text("Kom helpen bij de voedselbank", engine.FONT_BOLD, 500, 400, 24, 80)
    assert not any(line.endswith("-") for line in lines)


def test_a_text_that_cannot_fit_names_the_field_in_dutch():
    with pytest.raises(engine.TextDoesNotFit) as raised:
        engine.fit_text("woord " * 300, engine.FONT_REGULAR, 300, 100, 20, 40, "subline")
    assert raised.value.field == "subline"
    assert "Subregel" in str(raised.value)
    assert "past niet" in str(raised.value)


def test_check_fit_refuses_too_much_text_for_a_zone(templates):
    with pytest.raises(engine.TextDoesNotFit) as raised:
        engine.check_fit(templates[0], "square", {**TEXTS, "cta": "Meld je aan " * 20})
    assert raised.value.field == "cta"


def _contrast_failures(template, format_key, texts, photo):
    """Per text zone the lowest contrast between its text colour and the rendered pixels it sits on."""
    rendering = engine.render(template, format_key, texts, photo=photo, draw_text=False)
    pixels = rendering.image.convert("RGB")
    failures = []
    for box in rendering.text_boxes:
        region = pixels.crop(box.box)
        colours = {colour for _count, colour in region.getcolors(maxcolors=region.width * region.height)}
        worst = min(engine.contrast_ratio(box.colour, colour) for colour in colours)
        if worst < 4.5:
            failures.append((template.name, format_key, box.field, round(worst, 2)))
    return failures


@pytest.mark.parametrize("photo_colour", ["#000000", "#ffffff", "#808080"])
def test_every_template_keeps_wcag_contrast_behind_every_text(templates, photo_colour):
    # A photo of any colour (black, white, mid grey) must not make a text unreadable.
    photo = Image.new("RGB", (640, 480), photo_colour)
    failures = []
    for template in templates:
        for format_key in template.formats:
            failures += _contrast_failures(template, format_key, TEXTS, photo)
    assert failures == []


def test_the_contrast_check_notices_unreadable_text(templates):
    template = templates[0]
    template.text_colour = template.scrim_colour  # text in the colour of its scrim
    assert _contrast_failures(template, "square", TEXTS, None)


@pytest.mark.parametrize("format_key", ["a4", "a3"])
def test_print_pdf_has_bleed_and_trim_box(templates, format_key):
    content = engine.render_pdf(templates[0], format_key, TEXTS, title="Vrijwilligers gezocht")
    page = PdfReader(io.BytesIO(content)).pages[0]
    poster_format = engine.FORMATS[format_key]
    assert float(page.mediabox.width) == pytest.approx((poster_format.width_mm + 6) * MM, abs=0.1)
    assert float(page.mediabox.height) == pytest.approx((poster_format.height_mm + 6) * MM, abs=0.1)
    assert float(page.trimbox.width) == pytest.approx(poster_format.width_mm * MM, abs=0.1)
    assert float(page.trimbox.height) == pytest.approx(poster_format.height_mm * MM, abs=0.1)
    assert float(page.trimbox.left) == pytest.approx(3 * MM, abs=0.1)
    assert float(page.bleedbox.width) == pytest.approx(float(page.mediabox.width))


def test_no_pdf_for_screen_formats(templates):
    with pytest.raises(engine.UnknownFormat):
        engine.render_pdf(templates[0], "square", TEXTS)


def test_bleed_is_filled_by_the_background_and_texts_stay_inside_the_trim(templates):
    rendering = engine.render(templates[1], "a4", TEXTS)
    bleed = rendering.format.bleed_px
    width, height = rendering.image.size
    for box in rendering.text_boxes:
        x0, y0, x1, y1 = box.box
        assert bleed <= x0 < x1 <= width - bleed
        assert bleed <= y0 < y1 <= height - bleed


def test_photo_and_logo_are_drawn_in_their_zones(templates):
    template = templates[1]  # Zonnig met foto: photo in the top half, logo top right
    photo = Image.new("RGB", (400, 300), "#ff00ff")
    logo = Image.new("RGBA", (200, 200), (0, 255, 0, 255))
    image = engine.render(template, "square", TEXTS, photo=photo, logo=logo).image
    assert image.getpixel((200, 200)) == (255, 0, 255)
    assert image.getpixel((1080 - 80, 80)) == (0, 255, 0)


def test_preview_scale_renders_smaller(templates):
    rendering = engine.render(templates[0], "story", TEXTS, scale=0.25)
    assert rendering.image.size == (270, 480)


def test_render_text_card_uses_the_fitting_and_returns_png():
    png = engine.render_text_card(title="Campagneweek Mensen maken Nederland", subtitle="Campagne")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
