"""The home page guides: entry points per audience, key figures from the content, and nothing empty."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StructBlockValidationError

from core import content_registry
from core.factories import AudienceFactory, ContentPageFactory
from core.home_sections import get_key_figures
from core.models import ContentPage, Municipality
from core.models.pages import AudienceEntryBlock
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory
from tips.models import Tip

pytestmark = pytest.mark.django_db


def section(html, heading_id):
    """The HTML of the home section labelled by this heading, or '' when it is not there."""
    if f'id="{heading_id}"' not in html:
        return ""
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0].split("</nav>", 1)[0]


@pytest.fixture
def audiences(db):
    return {
        "gemeenten": AudienceFactory(name="Gemeenten", slug="gemeenten", description="Beleid en uitvoering."),
        "vrijwilligers": AudienceFactory(name="Vrijwilligers", slug="vrijwilligers"),
        "sportclubs": AudienceFactory(name="Sportclubs", slug="sportclubs"),
    }


@pytest.fixture
def tips_index(home_page):
    return TipCollectionIndexPageFactory(parent=home_page)


@pytest.fixture
def only_kinds(monkeypatch):
    """The content kinds the test registers, instead of those the sections register."""
    kinds = {}
    monkeypatch.setattr(content_registry, "_kinds", kinds)
    return kinds


def test_default_entry_points_speak_to_each_audience_and_lead_somewhere(client, home_page, audiences, tips_index):
    html = client.get("/").content.decode()
    entries = section(html, "entry-points-heading")
    assert "Waarmee kunnen we je helpen?" in entries
    assert "Ik werk bij een gemeente" in entries
    assert "Beleid en uitvoering." in entries
    assert "Ik ben vrijwilliger, of wil het worden" in entries
    assert "Voor sportclubs" in entries  # an audience without a standard wording
    # Audiences with a standard wording first, in the order of the programme; the others after them.
    labels = ("Ik werk bij een gemeente", "Ik ben vrijwilliger", "Voor sportclubs")
    positions = [entries.index(label) for label in labels]
    assert positions == sorted(positions)
    # Every entry leads to something that answers: the hub when there is one, else the tips for the audience.
    for href in [part.split('"', 1)[0] for part in entries.split('class="entry-point" href="')[1:]]:
        assert client.get(href).status_code == 200, href


def test_entry_points_are_not_shown_when_nothing_to_link_to(client, home_page, audiences, monkeypatch):
    monkeypatch.setattr("core.home_sections.audience_url", lambda audience, request=None: "")
    html = client.get("/").content.decode()
    assert 'id="entry-points-heading"' not in html


def test_editors_write_their_own_entry_points(client, home_page, audiences, tips_index):
    page = ContentPageFactory(parent=home_page, title="Voor ervaringsdeskundigen", slug="ervaringsdeskundigen")
    draft = ContentPageFactory(parent=home_page, title="Concept", slug="concept", live=False)
    home_page.audience_entries = [
        ("entry", {"label": "Ik ben ervaringsdeskundige", "text": "", "audience": None, "page": page}),
        (
            "entry",
            {
                "label": "Ik werk bij de gemeente",
                "text": "Zo pak je het aan.",
                "audience": audiences["gemeenten"],
                "page": None,
            },
        ),
        ("entry", {"label": "Nog niet klaar", "text": "", "audience": None, "page": draft}),
    ]
    home_page.save_revision().publish()
    entries = section(client.get("/").content.decode(), "entry-points-heading")
    assert 'href="/ervaringsdeskundigen/"' in entries
    assert "Ik ben ervaringsdeskundige" in entries
    assert "Zo pak je het aan." in entries
    assert "Nog niet klaar" not in entries
    assert "Ik werk met vrijwilligers" not in entries  # the defaults give way to the editors' own


def test_an_entry_point_needs_an_audience_or_a_page():
    block = AudienceEntryBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Ik werk bij een gemeente", "text": "", "audience": None, "page": None}))


def test_key_figures_count_the_content_and_leave_out_zero(client, home_page, tips_index, only_kinds):
    content_registry.register(
        content_registry.ContentKind(
            key="tips", label="Tips", model=Tip, queryset=lambda: Tip.objects.public(), date_field="pk"
        )
    )
    content_registry.register(content_registry.ContentKind(key="pages", label="informatiepagina's", model=ContentPage))
    collection = TipCollectionPageFactory(parent=tips_index)
    zwolle = Municipality.objects.create(name="Zwolle", slug="zwolle", cbs_code="GM0193")
    Municipality.objects.create(name="Ede", slug="ede", cbs_code="GM0228")
    for number in range(3):
        tip = TipFactory(page=collection, title=f"Tip {number}")
        tip.municipalities.set([zwolle])
        tip.save()  # a parental many-to-many is stored on save
    draft = TipCollectionPageFactory(parent=tips_index, live=False)
    TipFactory(page=draft, title="Geheim")
    html = client.get("/").content.decode()
    figures = section(html, "key-figures-heading")
    assert "In cijfers" in figures
    assert '<span class="key-figure__number">3</span> <span class="key-figure__label">tips</span>' in figures
    number, label = '<span class="key-figure__number">1</span>', '<span class="key-figure__label">betrokken gemeente'
    assert f"{number} {label}</span>" in figures
    assert "informatiepagina" not in figures  # zero pages: not shown


def test_editors_add_figures_of_their_own_or_switch_counting_off(client, home_page, tips_index, only_kinds):
    content_registry.register(
        content_registry.ContentKind(
            key="tips", label="tips", model=Tip, queryset=lambda: Tip.objects.public(), date_field="pk"
        )
    )
    TipFactory(page=TipCollectionPageFactory(parent=tips_index), title="Eén tip")
    home_page.key_figures = [("figure", {"figure": "7,8", "label": "rapportcijfer van de deelnemers"})]
    home_page.show_content_figures = False
    home_page.save_revision().publish()
    figures = section(client.get("/").content.decode(), "key-figures-heading")
    assert '<span class="key-figure__number">7,8</span>' in figures
    assert "tips" not in figures
    home_page.show_content_figures = True
    assert [(figure.figure, figure.label) for figure in get_key_figures(home_page)] == [
        ("7,8", "rapportcijfer van de deelnemers"),
        ("1", "tips"),
    ]


def test_an_empty_site_shows_no_empty_blocks(client, home_page, only_kinds):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    for heading in ("entry-points-heading", "key-figures-heading", "featured-heading", "home-section-1"):
        assert f'id="{heading}"' not in html


def _fill(home_page, tips_index, start, stop):
    for number in range(start, stop):
        collection = TipCollectionPageFactory(parent=tips_index, slug=f"verzameling-{number}")
        TipFactory(page=collection, title=f"Tip {number}")
        AudienceFactory(name=f"Doelgroep {number}", slug=f"doelgroep-{number}")
        ContentPageFactory(parent=home_page, slug=f"pagina-{number}")


def test_home_page_query_count_does_not_grow_with_the_content(client, home_page, tips_index):
    """Measured with 3 and with 30 of everything the home page lists (audiences, collections, tips, pages): the
    same number of queries, within a small budget (sections added by other apps count too)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        cache.clear()  # no page cache, no memoized sections: the full cost of a first view
        with CaptureQueriesContext(connection) as context:
            html = client.get("/").content.decode()
        return len(context), html

    _fill(home_page, tips_index, 0, 3)
    queries()  # the first view creates the site settings row
    few, html = queries()
    assert html.count('class="entry-point"') == 3
    _fill(home_page, tips_index, 3, 30)
    many, html = queries()
    assert html.count('class="entry-point"') == 30
    assert "Nieuwste tips" in html
    assert many == few
    assert few <= HOME_QUERY_BUDGET


HOME_QUERY_BUDGET = 30
