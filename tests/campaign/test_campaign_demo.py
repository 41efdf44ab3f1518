"""The campaign's demo: four weeks around today, actions across provinces, real files; idempotent."""

import io
import wave

from PIL import Image

from campaign.models import CampaignIndexPage, CampaignMaterial, CampaignWeekPage, LocalAction, MaterialsPage
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures


def test_demo_builds_the_campaign_once(campaign_demo, home_page):
    from campaign.demo import seed_campaign
    from core.demo import DemoBuilder

    index = CampaignIndexPage.objects.get()
    assert index.slug == "campagne" and index.get_parent().pk == home_page.pk
    weeks = CampaignWeekPage.objects.child_of(index).live()
    assert weeks.count() == 4
    assert weeks.upcoming().count() == 2 and weeks.past().count() == 2
    assert LocalAction.objects.approved().values("province").distinct().count() >= 6
    assert LocalAction.objects.pending().count() >= 2
    assert MaterialsPage.objects.live().count() == 1
    assert set(CampaignMaterial.objects.values_list("material_type", flat=True)) == {
        "poster",
        "logo",
        "radio",
        "social",
    }

    again = DemoBuilder()
    again.home = home_page
    seed_campaign(again)
    assert again.created == 0
    assert CampaignWeekPage.objects.count() == 4


def test_campaign_index_helper_is_idempotent(home_page):
    from campaign.demo import campaign_index as ensure_index
    from core.demo import DemoBuilder

    builder = DemoBuilder()
    builder.home = home_page
    first = ensure_index(builder)
    second = ensure_index(builder)
    assert first.pk == second.pk and builder.created == 1


def test_demo_files_are_real(campaign_demo):
    poster = CampaignMaterial.objects.get(material_type="poster")
    with poster.document.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert image.format == "PNG"
    radio = CampaignMaterial.objects.get(material_type="radio")
    with radio.document.file.open("rb") as handle, wave.open(io.BytesIO(handle.read())) as audio:
        assert audio.getnframes() / audio.getframerate() >= 1.5
    assert radio.file_format == "WAV" and radio.file_size == radio.document.file.size
    logo = CampaignMaterial.objects.get(material_type="logo")
    with logo.document.file.open("rb") as handle:
        assert handle.read().startswith(b"<svg")
