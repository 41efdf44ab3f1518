"""The materials library: filters by type and week, downloads with format and size from the file, social media
texts with the visitor's municipality filled in (escaped, limited), editors' checks, flat query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from campaign.factories import CampaignMaterialFactory, CampaignWeekPageFactory
from campaign.models import CampaignMaterial
from core.models import CustomDocument
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures

pytestmark = pytest.mark.django_db


def document(name, content=b"x" * 2048):
    doc = CustomDocument(title=name)
    doc.file = ContentFile(content, name=name)
    doc.file_size = len(content)
    doc.save()
    return doc


def test_materials_show_type_format_size_and_a_download(client, library):
    CampaignMaterialFactory(title="Poster A3", material_type="poster", document=document("poster.png"), text="")
    html = client.get(library.url).content.decode()
    poster = CampaignMaterial.objects.get()
    assert "Poster A3" in html
    assert "Poster, PNG, 2,0\xa0KB" in html
    assert f'href="{poster.document.url}" download' in html


def test_a_radio_spot_can_be_played_and_downloaded(client, library):
    CampaignMaterialFactory(title="Radiospot", material_type="radio", document=document("spot.wav"), text="")
    html = client.get(library.url).content.decode()
    assert "<audio" in html and "Luister naar Radiospot" in html and "WAV" in html


def test_filters_by_type_and_week(client, campaign_index, library, week):
    other_week = CampaignWeekPageFactory(parent=campaign_index, title="Andere week")
    text = CampaignMaterialFactory(title="Tekst voor de week")
    text.weeks.set([week])
    text.save()  # a cluster's relations are stored with the object
    CampaignMaterialFactory(title="Logo voor alles", material_type="logo", document=document("logo.svg"), text="")
    html = client.get(library.url, {"type": "logo"}).content.decode()
    assert "Logo voor alles" in html and "Tekst voor de week" not in html
    html = client.get(library.url, {"week": week.pk}).content.decode()
    assert "Tekst voor de week" in html and "Logo voor alles" not in html
    html = client.get(library.url, {"week": other_week.pk}).content.decode()
    assert "Er zijn geen materialen die passen bij deze filters." in html
    # The week's own page links its materials and the library filtered on it.
    week_html = client.get(week.url).content.decode()
    assert "Tekst voor de week" in week_html and f"{library.url}?week={week.pk}" in week_html


@pytest.mark.parametrize(
    "params",
    [{"type": "virus"}, {"week": "abc"}, {"week": "99999"}, {"type": "\x00"}, {"page": "x"}, {"page": "999"}],
    ids=["type", "week-text", "week-unknown", "nul", "page-text", "page-far"],
)
def test_nonsense_filters_are_ignored(client, library, params):
    CampaignMaterialFactory(title="Oproep")
    response = client.get(library.url, params)
    assert response.status_code == 200 and "Oproep" in response.content.decode()


def test_the_municipality_is_filled_in_escaped_and_limited(client, library):
    CampaignMaterialFactory(title="Oproep in {gemeente}", text="Word vrijwilliger in {gemeente}! #MensenMakenNederland")
    html = client.get(library.url).content.decode()
    assert "Word vrijwilliger in je gemeente!" in html and "Oproep in je gemeente" in html
    html = client.get(library.url, {"gemeente": "Zwolle"}).content.decode()
    assert "Word vrijwilliger in Zwolle!" in html and "Teksten ingevuld voor Zwolle" in html
    assert "Oproep in Zwolle" in html
    html = client.get(library.url, {"gemeente": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    html = client.get(library.url, {"gemeente": "Zw\x00olle\n\t"}).content.decode()
    assert "Word vrijwilliger in Zwolle!" in html
    response = client.get(library.url, {"gemeente": "A" * 100_000})
    assert response.status_code == 200
    assert "A" * 60 in response.content.decode() and "A" * 61 not in response.content.decode()


def test_materials_query_count_is_flat(client, campaign_index, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    week = CampaignWeekPageFactory(parent=campaign_index)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(library.url, {"gemeente": "Zwolle"}).status_code == 200
        return len(queries)

    def add(number):
        material = CampaignMaterialFactory(
            material_type="poster", document=document(f"poster{number}.png"), text="", title=f"Poster {number}"
        )
        material.weeks.set([week])
        material.save()

    add(0)
    client.get(library.url)
    few = count()
    for number in range(1, 25):
        add(number)
    CampaignMaterialFactory.create_batch(5)
    client.get(library.url)  # saving materials starts a new content generation: the site's invariants are read again
    assert count() == few


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"material_type": "social", "text": ""}, "text", "Schrijf de tekst van dit bericht"),
        ({"material_type": "poster", "text": ""}, "document", "Kies het bestand dat bezoekers downloaden."),
    ],
    ids=["social-without-text", "poster-without-file"],
)
def test_editors_checks(fields, field, message):
    from django.utils import translation

    material = CampaignMaterial(title="Materiaal", **fields)
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        material.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_radio_spot_must_be_audio(home_page):
    material = CampaignMaterial(title="Spot", material_type="radio", document=document("spot.png"))
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "document" in error.value.message_dict
    material.document = document("spot.mp3")
    material.full_clean()
    assert material.file_format == "MP3" and material.is_audio
