"""The poster maker as a visitor uses it: choose a template, type, preview, download; hostile input and uploads."""

import datetime
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from campaign.factories import CampaignIndexPageFactory
from campaign.posters import views
from campaign.posters.demo import seed_templates
from campaign.posters.models import PosterMakerPage, PosterTemplate, PosterUpload, PosterZone
from core.demo import DemoBuilder

TEXTS = {
    "headline": "Vrijwilligers gezocht voor de buurtmoestuin!",
    "subline": "Help op zaterdagochtend mee. Ervaring is niet nodig.",
    "organisation": "Gemeente Voorbeeld",
    "cta": "Meld je aan op voorbeeld.nl",
}


@pytest.fixture
def templates(db):
    return seed_templates(DemoBuilder())


@pytest.fixture
def maker(home_page, templates):
    index = CampaignIndexPageFactory(parent=home_page)
    page = PosterMakerPage(title="Maak je eigen poster", slug="postermaker")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _post(client, maker, template, **overrides):
    data = {"template": template.pk, "format": "square", **TEXTS, **overrides}
    return client.post(reverse("poster_make", args=[maker.pk]), data)


def _image_bytes(fmt="JPEG", size=(320, 240), colour="#336699", **save):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, fmt, **save)
    output.seek(0)
    output.name = f"foto.{fmt.lower()}"
    return output


def _preview_src(content):
    match = re.search(r'<img class="poster-maker__image" src="([^"]+)"', content)
    assert match, "no preview image"
    return unescape(match.group(1))


def test_the_page_lists_the_templates_with_thumbnails(client, maker, templates):
    response = client.get(maker.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kies een sjabloon" in content
    for template in templates:
        assert template.name in content
        assert f"?sjabloon={template.pk}" in content
    assert "csrfmiddlewaretoken" not in content  # the page may be cached for everyone
    thumbnail = re.search(r'<img src="([^"]+)" alt="" width="300"', content).group(1)
    image = client.get(unescape(thumbnail))
    assert image.status_code == 200
    assert Image.open(io.BytesIO(image.content)).size == (720, 720)


def test_choosing_a_template_shows_the_form_and_a_preview_of_sample_texts(client, maker, templates):
    response = client.get(f"{maker.url}?sjabloon={templates[0].pk}")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Jouw teksten voor ‘Samen sterk’" in content
    assert 'value="Vrijwilligers gezocht!"' in content
    assert "Voorbeeld bekijken" in content
    assert 'enctype="multipart/form-data"' in content
    assert "csrfmiddlewaretoken" not in content
    preview = client.get(_preview_src(content))
    assert preview.status_code == 200
    assert preview["Content-Type"] == "image/png"


@pytest.mark.parametrize("choice", ["999999", "abc", "", "1 OR 1=1"])
def test_an_unknown_template_is_a_dutch_404_with_the_list(client, maker, choice):
    response = client.get(maker.url, {"sjabloon": choice})
    assert response.status_code == 404
    content = response.content.decode()
    assert "Dit sjabloon bestaat niet (meer)" in content
    assert "Kies een sjabloon" in content


def test_an_inactive_template_is_not_offered(client, maker, templates):
    PosterTemplate.objects.filter(pk=templates[2].pk).update(active=False)
    assert templates[2].name not in client.get(maker.url).content.decode()
    assert client.get(maker.url, {"sjabloon": templates[2].pk}).status_code == 404


def test_preview_button_shows_the_poster_and_downloads_per_format(client, maker, templates):
    response = _post(client, maker, templates[0])
    content = response.content.decode()
    assert response.status_code == 200
    assert "Het voorbeeld toont jouw teksten." in content
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    src = _preview_src(content)
    assert parse_qs(urlsplit(src).query)["headline"] == [TEXTS["headline"]]
    downloads = [unescape(url) for url in re.findall(r'href="([^"]+)" download', content)]
    # PNG for every format, PDF for the two print formats
    assert len(downloads) == len(templates[0].formats) + 2
    square = next(url for url in downloads if "format=square" in url)
    response = client.get(square)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="poster-{templates[0].pk}-square.png"'
    assert Image.open(io.BytesIO(response.content)).size == (1080, 1080)
    a4 = next(url for url in downloads if "format=a4" in url and "poster.pdf" in url)
    pdf = client.get(a4)
    assert pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1


def test_the_form_post_needs_no_csrf_token(maker, templates):
    from django.test import Client

    response = _post(Client(enforce_csrf_checks=True), maker, templates[0])
    assert response.status_code == 200


def _cramp_cta(template):
    """The call to action's zone made too low for even its smallest letter."""
    PosterZone.objects.filter(template=template, kind="cta").update(height=3, min_size=30, max_size=30)


def test_a_text_that_does_not_fit_is_refused_naming_the_field(client, maker, templates):
    _cramp_cta(templates[0])
    response = _post(client, maker, templates[0])
    content = response.content.decode()
    assert response.status_code == 400
    assert "De tekst bij ‘Oproep’ past niet op de poster" in content
    assert "data-error-summary" in content
    assert 'href="#id_cta"' in content


def test_huge_texts_are_refused_in_dutch(client, maker, templates):
    response = _post(client, maker, templates[0], headline="a" * 100_000, subline="b" * 50_000)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Zorg dat deze waarde niet meer dan 90 tekens bevat" in content


def test_an_empty_headline_is_refused(client, maker, templates):
    response = _post(client, maker, templates[0], headline="   \u200b ")
    assert response.status_code == 400
    assert "Typ een kop." in response.content.decode()


@pytest.mark.parametrize("template_id", ["999999", "abc", ""])
def test_an_unknown_template_in_the_post_is_a_dutch_400(client, maker, template_id):
    response = client.post(reverse("poster_make", args=[maker.pk]), {"template": template_id, **TEXTS})
    assert response.status_code == 400
    assert "Dit sjabloon bestaat niet (meer)" in response.content.decode()


def test_an_unknown_format_in_the_post_is_refused(client, maker, templates):
    response = _post(client, maker, templates[0], format="a0")
    assert response.status_code == 400
    assert "Dit sjabloon heeft dat formaat niet." in response.content.decode()


def test_the_make_view_only_serves_live_poster_pages(client, maker, templates, home_page):
    assert client.get(reverse("poster_make", args=[maker.pk])).status_code == 302
    assert client.post(reverse("poster_make", args=[home_page.pk]), {}).status_code == 404
    maker.unpublish()
    assert _post(client, maker, templates[0]).status_code == 404


def test_a_photo_is_checked_stored_under_a_token_without_exif_and_drawn(client, maker, templates):
    exif = Image.Exif()
    exif[0x010F] = "Camera van Jan"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS
    photo = _image_bytes(exif=exif.tobytes(), colour="#ff00ff")
    response = _post(client, maker, templates[1], photo=photo)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Je foto staat op de poster." in content
    upload = PosterUpload.objects.get()
    assert [f.name for f in PosterUpload._meta.get_fields()] == ["id", "token", "kind", "file", "created_at"]
    # Stored under the token alone: the visitor's file name ("foto.jpeg") is not kept.
    assert upload.file.name == f"poster-uploads/{upload.token}.jpg"
    stored = upload.open_image()
    assert not stored.getexif()
    src = _preview_src(content)
    assert parse_qs(urlsplit(src).query)["photo_token"] == [upload.token]
    poster = Image.open(io.BytesIO(client.get(src.replace("preview=1", "download=1")).content)).convert("RGB")
    red, green, blue = poster.getpixel((200, 150))  # the photo zone of "Zonnig met foto" is the top half
    assert red > 250 and green < 5 and blue > 250


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_photos_are_taken_too(client, maker, templates, fmt):
    response = _post(client, maker, templates[1], photo=_image_bytes(fmt=fmt, colour="#ff00ff"))
    assert response.status_code == 200
    assert "Je foto staat op de poster." in response.content.decode()
    assert PosterUpload.objects.get().open_image().size == (320, 240)


def test_the_shipped_font_comes_with_its_open_licence():
    fonts = Path(views.__file__).resolve().parent / "fonts"
    assert {path.name for path in fonts.glob("*.ttf")} == {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}
    licence = (fonts / "LICENSE").read_text()
    assert "DejaVu" in licence and "Bitstream Vera" in licence and "Permission is hereby granted" in licence


def test_a_fake_image_is_refused_in_dutch(client, maker, templates):
    fake = io.BytesIO(b"<?php echo 'geen foto'; ?>" * 10)
    fake.name = "foto.jpg"
    response = _post(client, maker, templates[1], photo=fake)
    assert response.status_code == 400
    assert "JPEG, PNG" in response.content.decode()
    assert not PosterUpload.objects.exists()


def test_an_oversized_image_is_refused(client, maker, templates, settings):
    settings.COMMUNITY_IMAGE_MAX_BYTES = 2_000
    big = _image_bytes("BMP", size=(200, 200))
    big.name = "foto.png"
    response = _post(client, maker, templates[1], photo=big)
    assert response.status_code == 400
    assert "De afbeelding is te groot" in response.content.decode()
    assert not PosterUpload.objects.exists()


def test_a_decompression_bomb_is_refused(client, maker, templates):
    bomb = io.BytesIO()
    Image.new("1", (8_000, 8_000)).save(bomb, "PNG", optimize=True)  # 64 megapixels in a few kilobytes
    bomb.seek(0)
    bomb.name = "foto.png"
    assert len(bomb.getvalue()) < 100_000
    response = _post(client, maker, templates[1], photo=bomb)
    assert response.status_code == 400
    assert "megapixel" in response.content.decode()
    assert not PosterUpload.objects.exists()


def test_an_expired_photo_is_asked_for_again(client, maker, templates):
    _post(client, maker, templates[1], photo=_image_bytes())
    upload = PosterUpload.objects.get()
    PosterUpload.objects.update(created_at=timezone.now() - datetime.timedelta(hours=3))
    response = _post(client, maker, templates[1], photo_token=upload.token)
    assert response.status_code == 400
    assert "Je foto is niet meer beschikbaar" in response.content.decode()


def test_purge_deletes_old_uploads_and_their_files(client, maker, templates):
    _post(client, maker, templates[1], photo=_image_bytes())
    _post(client, maker, templates[1], logo=_image_bytes("PNG"))
    old, recent = PosterUpload.objects.order_by("pk")
    PosterUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=3))
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    out = io.StringIO()
    call_command("purge_poster_uploads", stdout=out)
    assert "1 poster upload(s) deleted." in out.getvalue()
    assert not storage.exists(name)
    assert list(PosterUpload.objects.all()) == [recent]


def test_removing_the_photo(client, maker, templates):
    _post(client, maker, templates[1], photo=_image_bytes())
    token = PosterUpload.objects.get().token
    response = _post(client, maker, templates[1], photo_token=token, remove_photo="on")
    assert "photo_token" not in _preview_src(response.content.decode())


def test_image_view_refuses_bad_requests_in_dutch(client, templates):
    template = templates[0]
    url = reverse("poster_image", args=[template.pk, "png"])
    unknown = client.get(url, {"format": "a0", **TEXTS})
    assert unknown.status_code == 400
    assert "Dit sjabloon heeft dat formaat niet." in unknown.content.decode()
    assert client.get(reverse("poster_image", args=[template.pk, "gif"]), {"format": "square"}).status_code == 404
    no_pdf = client.get(reverse("poster_image", args=[template.pk, "pdf"]), {"format": "square", **TEXTS})
    assert no_pdf.status_code == 400
    assert "geen pdf" in no_pdf.content.decode()
    assert client.get(reverse("poster_image", args=[999999, "png"]), {"format": "square"}).status_code == 404
    _cramp_cta(template)
    unfit = client.get(url, {**TEXTS, "format": "square"})
    assert unfit.status_code == 400
    assert "past niet" in unfit.content.decode()
    assert client.post(url).status_code == 405


def test_rate_limits_answer_429_in_dutch(client, maker, templates, monkeypatch):
    monkeypatch.setitem(views.RATE_LIMITS, "poster-make", (2, 600))
    monkeypatch.setitem(views.RATE_LIMITS, "poster-preview", (2, 600))
    statuses = [_post(client, maker, templates[0]).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = _post(client, maker, templates[0])
    assert "te veel posters gemaakt" in refused.content.decode()
    url = reverse("poster_image", args=[templates[0].pk, "png"])
    answers = [client.get(url, {"format": "square", "preview": "1", **TEXTS}) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "te veel posters gemaakt" in answers[-1].content.decode()


def test_template_list_query_count_does_not_grow_with_templates(client, maker, templates):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(maker.url, {"nocache": next(counter)}).status_code == 200
        return len(queries)

    counter = iter(range(100))
    client.get(maker.url)  # warm up (site, settings)
    count()
    few = count()
    for number in range(5):
        copy = PosterTemplate.objects.get(pk=templates[0].pk)
        zones = list(copy.zones.all())
        copy.pk = None
        copy.name = f"Kopie {number}"
        copy.zones = [
            type(zone)(**{f.name: getattr(zone, f.name) for f in zone._meta.fields if f.name not in ("id", "template")})
            for zone in zones
        ]
        copy.save()
    count()  # the saves started a new content generation: warm up again
    assert count() == few
    assert client.get(maker.url).content.decode().count("Gebruik dit sjabloon") == 8


def _thumbnail_of(client, maker, template):
    content = client.get(maker.url).content.decode()
    urls = [unescape(url) for url in re.findall(r'<img src="([^"]+)" alt="" width="300"', content)]
    return next(url for url in urls if f"/sjabloon/{template.pk}/" in url)


def _count_renders(monkeypatch):
    drawn = []
    real = views.engine.render

    def counting(*args, **kwargs):
        drawn.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(views.engine, "render", counting)
    return drawn


def test_template_thumbnails_are_drawn_once_until_the_template_changes(client, maker, templates, monkeypatch):
    drawn = _count_renders(monkeypatch)
    monkeypatch.setitem(views.RATE_LIMITS, "poster-preview", (1, 600))
    url = _thumbnail_of(client, maker, templates[0])
    first = client.get(url)
    second = client.get(url)  # another visitor: from the cache, not counted against the rate limit
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(drawn) == 1
    template = PosterTemplate.objects.get(pk=templates[0].pk)
    template.name = "Nieuwe naam"
    template.save()
    cache_key_changed = client.get(url)
    assert cache_key_changed.status_code == 429  # a new drawing counts again (limit 1 already used)


def test_a_visitors_own_texts_are_never_taken_from_the_thumbnail_cache(client, maker, templates, monkeypatch):
    drawn = _count_renders(monkeypatch)
    url = reverse("poster_image", args=[templates[0].pk, "png"])
    for _ in range(2):
        assert client.get(url, {"format": "square", "preview": "1", **TEXTS}).status_code == 200
    assert len(drawn) == 2


def test_check_answers_the_reason_without_drawing(client, templates, monkeypatch):
    drawn = _count_renders(monkeypatch)
    template = templates[0]
    url = reverse("poster_image", args=[template.pk, "png"])
    fine = client.get(url, {"format": "square", "check": "1", **TEXTS})
    assert fine.status_code == 204 and fine.content == b""
    _cramp_cta(template)
    refused = client.get(url, {"format": "square", "check": "1", **TEXTS})
    assert refused.status_code == 400
    assert "past niet" in refused.content.decode()
    assert drawn == []


@pytest.mark.parametrize("number", [str(2**63), "99999999999999999999"])
def test_ids_too_large_for_the_database_are_404(client, maker, templates, number):
    assert client.post(f"/postermaker/{number}/maken/", {"template": templates[0].pk, **TEXTS}).status_code == 404
    assert client.get(f"/deelafbeelding/{number}.png").status_code == 404
    image = client.get(f"/postermaker/sjabloon/{number}/poster.png", {"format": "square", "preview": "1"})
    assert image.status_code == 404
