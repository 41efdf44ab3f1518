import io

import pytest
from pypdf import PdfReader

from campaign.factories import CampaignIndexPageFactory, CampaignWeekPageFactory, MaterialsPageFactory


@pytest.fixture
def campaign_index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def week(campaign_index):
    return CampaignWeekPageFactory(parent=campaign_index, slug="nieuwe-gezichten", title="Nieuwe gezichten")


@pytest.fixture
def library(campaign_index):
    return MaterialsPageFactory(parent=campaign_index)


@pytest.fixture
def campaign_demo(home_page):
    """The campaign's demo content alone (with the themes it uses), built as seed_demo builds it."""
    from campaign.demo import seed_campaign
    from core.demo import DemoBuilder
    from core.demo_content import THEMES
    from core.models import Theme

    builder = DemoBuilder()
    builder.home = home_page
    builder.ensure_terms(Theme, THEMES)
    seed_campaign(builder)
    return builder


def pdf_text(content):
    """The text of every page of a PDF, with runs of white space (line breaks included) made single spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)
