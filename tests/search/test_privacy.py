"""Unpublished, private and non-public content never appears; the index follows publishing."""

import pytest
from wagtail.models import PageViewRestriction

from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _urls(client, query):
    page = {r["url"] for r in client.get("/zoeken/", {"q": query}).context["results"]}
    api = {r["url"] for r in client.get("/api/v1/search", {"q": query}).json()["results"]}
    suggestions = {s["url"] for s in client.get("/zoeken/suggesties/", {"q": query}).json()["suggestions"]}
    return page | api | suggestions


def test_unpublished_and_private_pages_never_appear(client, hidden_pages):
    assert _urls(client, "geheimzinnig") == set()
    assert not SearchDocument.objects.filter(title__startswith="Geheimzinnig").exists()


def test_index_follows_publish_unpublish_and_restrictions(client, corpus, django_capture_on_commit_callbacks):
    page = corpus["vrijwilligersvergoeding"]
    assert page.url in _urls(client, "vergoeding")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.url not in _urls(client, "vergoeding")

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "De onkostenvergoeding uitgelegd"
        page.save_revision().publish()
    assert page.url in _urls(client, "onkostenvergoeding")

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert page.url not in _urls(client, "onkostenvergoeding")

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert page.url in _urls(client, "onkostenvergoeding")

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchDocument.objects.filter(title__contains="onkosten").exists()


def test_saving_content_never_fails_when_indexing_breaks(
    home_page, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from core.models import ContentPage
    from search import indexing

    def broken(*args, **kwargs):
        raise RuntimeError("index down")

    monkeypatch.setattr(indexing, "document_values", broken)
    page = ContentPage(title="Werving in de winter", slug="winter")
    with django_capture_on_commit_callbacks(execute=True):
        home_page.add_child(instance=page)
        page.save_revision().publish()
    assert ContentPage.objects.get(slug="winter").live
    assert "Search index update failed" in caplog.text
