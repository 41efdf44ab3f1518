import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from core.factories import ContentPageFactory, ImageFactory, ThemeFactory
from core.models import ContentPage, HomePage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_page_under_home_and_content_pages(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)

    def test_only_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)


@pytest.mark.django_db
class TestHomePage:
    def test_renders_hero_intro_and_one_h1(self, home_page, client):
        home_page.introduction = "<p>Welkom op het platform voor vrijwillige inzet.</p>"
        home_page.save_revision().publish()
        html = client.get("/").content.decode()
        assert html.count("<h1") == 1
        assert home_page.hero_title in html
        assert "Welkom op het platform voor vrijwillige inzet." in html
        assert 'lang="nl"' in html
        assert 'href="#main"' in html

    def test_featured_items_show_live_pages_only(self, home_page, client):
        live = ContentPageFactory(parent=home_page, title="Werven onder studenten", listing_summary="Zo doe je dat.")
        draft = ContentPageFactory(parent=home_page, title="Nog geheim concept", live=False)
        home_page.featured_items = [
            ("item", {"page": live, "text": ""}),
            ("item", {"page": draft, "text": ""}),
        ]
        home_page.save_revision().publish()
        html = client.get("/").content.decode()
        assert "Werven onder studenten" in html
        assert "Zo doe je dat." in html
        assert "Nog geheim concept" not in html

    def test_empty_blocks_are_not_shown(self, home_page, client):
        html = client.get("/").content.decode()
        assert 'id="featured-heading"' not in html

    def test_menu_lists_pages_shown_in_menus(self, home_page, client):
        ContentPageFactory(parent=home_page, title="Over het programma", show_in_menus=True)
        ContentPageFactory(parent=home_page, title="Verborgen pagina", show_in_menus=False)
        html = client.get("/").content.decode()
        nav = html.split('class="main-nav"')[1].split("</nav>")[0]
        assert "Over het programma" in nav
        assert "Verborgen pagina" not in nav


@pytest.mark.django_db
class TestContentPage:
    def test_renders_every_block(self, home_page, client):
        image = ImageFactory(title="Vrijwilligers")
        page = ContentPageFactory(
            parent=home_page,
            title="Alles over werving",
            slug="werving",
            body=[
                ("heading", {"text": "Waarom werven?", "level": "h2"}),
                ("paragraph", "<p>Omdat <b>iedereen</b> mee moet kunnen doen.</p>"),
                (
                    "image",
                    {"image": image, "alt_text": "Twee vrijwilligers zetten stoelen klaar", "caption": "Buurthuis"},
                ),
                ("quote", {"quote": "Het werkt echt.", "attribution": "Fatima, coördinator"}),
                (
                    "call_to_action",
                    {"title": "Doe mee", "text": "", "link_text": "Aanmelden", "page": home_page, "url": ""},
                ),
                ("accordion", {"title": "Vragen", "items": [{"question": "Kost het iets?", "answer": "<p>Nee.</p>"}]}),
            ],
        )
        page.themes.add(ThemeFactory(name="Werving"))
        page.tags.add("studenten")
        page.save_revision().publish()
        html = client.get("/werving/").content.decode()
        assert "<h2>Waarom werven?</h2>" in html
        assert "<b>iedereen</b>" in html
        assert 'alt="Twee vrijwilligers zetten stoelen klaar"' in html
        assert "<figcaption>Buurthuis</figcaption>" in html
        assert "Fatima, coördinator" in html
        assert "<summary>Kost het iets?</summary>" in html
        assert "Werving" in html and "studenten" in html
        # breadcrumb back to the home page
        assert 'aria-label="Kruimelpad"' in html

    def test_unpublished_page_is_not_served(self, home_page, client):
        ContentPageFactory(parent=home_page, title="Concept", slug="concept", live=False)
        assert client.get("/concept/").status_code == 404

    def test_summary_falls_back_to_introduction(self, home_page):
        page = ContentPageFactory(parent=home_page, introduction="<p>Korte <i>inleiding</i>.</p>", listing_summary="")
        assert page.summary == "Korte inleiding."


@pytest.mark.django_db
def test_home_page_queries_stay_flat_as_menu_and_featured_items_grow(home_page, client, django_assert_num_queries):
    def add_pages(count):
        pages = [ContentPageFactory(parent=home_page, show_in_menus=True) for _ in range(count)]
        home_page.featured_items = [("item", {"page": page, "text": ""}) for page in pages[:6]]
        home_page.save_revision().publish()

    add_pages(2)
    client.get("/")  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    small_count = len(small.captured_queries)  # read now: every request resets the query log
    add_pages(6)
    client.get("/")  # publishing clears Wagtail's cached site root paths; refill them
    with django_assert_num_queries(small_count):
        html = client.get("/").content.decode()
    assert html.count('class="card"') == 6
