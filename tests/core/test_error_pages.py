"""The pages a visitor meets when a form is refused or a page is off-limits: Dutch, in the site's layout, with
a way on, and never stored by a shared cache."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from community.models import Post, PostStatus, ThreadKind

pytestmark = pytest.mark.django_db


def test_a_form_posted_without_its_cookie_is_explained_in_dutch(demo):
    """A login form left open while the browser dropped its cookies: what happened, what to do, the way back."""
    visitor = Client(enforce_csrf_checks=True)
    login = reverse("account_login")
    response = visitor.post(
        login, {"login": "iemand@example.org", "password": "x"}, HTTP_REFERER=f"http://testserver{login}"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Je formulier kon niet worden verstuurd</h1>" in html
    assert "Er is dus niets opgeslagen." in html
    assert "Sta cookies toe voor deze website" in html
    assert f'<a href="http://testserver{login}">Terug naar de pagina met het formulier</a>' in html
    assert 'class="site-header"' in html  # the site's own layout, with its navigation
    assert "CSRF" not in html and "Forbidden" not in html  # nothing of Django's English page
    assert response["Cache-Control"] == "private, no-store"


def test_the_way_back_only_leads_to_this_site(demo):
    visitor = Client(enforce_csrf_checks=True)
    for referer in ("https://aanval.example/formulier/", "javascript:alert(1)", ""):
        response = visitor.post(reverse("account_login"), {"login": "x", "password": "x"}, HTTP_REFERER=referer)
        assert response.status_code == 403
        html = response.content.decode()
        assert "Terug naar de pagina met het formulier" not in html, referer
        assert "aanval.example" not in html and "javascript:" not in html


def test_a_post_from_another_site_gets_the_same_explanation(demo):
    """Forms without a token (core.crossorigin) refuse a browser's post from elsewhere with the same page."""
    from knowledgeboost.models import SessionPage

    session = SessionPage.objects.live().first()
    response = Client().post(f"/aanmelden/{session.pk}/", {"name": "Mallory"}, HTTP_ORIGIN="https://aanval.example")
    assert response.status_code == 403
    assert "Je formulier kon niet worden verstuurd" in response.content.decode()


def test_a_page_that_is_not_yours_says_so_in_dutch(demo):
    """A member opening the edit form of someone else's reaction."""
    post = (
        Post.objects.filter(thread__kind=ThreadKind.REACTIONS, status=PostStatus.VISIBLE, author__isnull=False)
        .order_by("pk")
        .first()
    )
    assert post is not None, "the demo has reactions"
    other = get_user_model().objects.exclude(pk=post.author_id).filter(is_active=True).order_by("pk").first()
    member = Client()
    member.force_login(other)
    response = member.get(reverse("community_reaction_edit", args=[post.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Geen toegang</h1>" in html
    assert "Vraag het aan het programmateam." in html
    assert 'class="site-header"' in html
