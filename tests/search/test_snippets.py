"""Result snippets show what a visitor reads on the page: no block or choice labels, no repeated summary."""

import pytest

from core.factories import ContentPageFactory
from search import indexing, service
from search.engines.base import SearchParams
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

INTRO = "Zo vind je nieuwe mensen voor je club, stap voor stap."


@pytest.fixture
def page_with_heading(home_page):
    page = ContentPageFactory(
        parent=home_page,
        title="Werven in de wijk",
        introduction=f"<p>{INTRO}</p>",
        listing_summary="",
        body=[
            ("paragraph", "<p>Het sportpark zoekt hulp.</p>"),
            ("heading", {"text": "Begin bij de buren", "level": "h2"}),
            ("paragraph", "<p>Vraag buren persoonlijk of ze willen helpen.</p>"),
            ("heading", {"text": "Bedank iedereen", "level": "h3"}),
        ],
    )
    indexing.rebuild()
    return page


def result(query):
    return service.search(SearchParams(query=query), log=False).results[0]


def test_snippet_text_has_no_heading_level_labels(page_with_heading):
    document = SearchDocument.objects.for_object(page_with_heading).get()
    for label in ("Kop 2", "Kop 3", "Heading 2", "Heading 3", "h2", "h3"):
        assert label not in document.body
    assert "Begin bij de buren" in document.body and "Bedank iedereen" in document.body
    assert "kop" not in SearchDocument.objects.for_object(page_with_heading).values_list("body_terms", flat=True)[0]
    assert "Kop" not in str(result("buren")["snippet_html"])


def test_snippet_does_not_repeat_the_summary(page_with_heading):
    found = result("sportpark")
    assert found["summary"] == INTRO
    snippet = str(found["snippet_html"])
    assert snippet.startswith("Het <mark>sportpark</mark> zoekt hulp.")  # not "… je club, stap voor stap. Het"
    assert "stap voor stap" not in snippet


def test_an_introduction_that_is_also_the_summary_appears_once(home_page):
    summary = "Een gesprek over vrijwillige inzet in het dorp."
    ContentPageFactory(
        parent=home_page,
        title="Sessie",
        introduction=f"<p>{summary}</p>",
        listing_summary=summary,
        body=[("paragraph", "<p>Met een wethouder en twee bewoners.</p>")],
    )
    indexing.rebuild()
    snippet = str(result("dorp")["snippet_html"])  # the word is only in the summary: the snippet is the summary
    assert snippet.count("Een gesprek over vrijwillige inzet") == 1
    snippet = str(result("wethouder")["snippet_html"])
    assert "Een gesprek" not in snippet and "<mark>wethouder</mark>" in snippet
