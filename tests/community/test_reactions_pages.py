"""Reactions below lessons, stories, tips and inclusion agendas: who sees what, posting, switches, queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from community.factories import MemberFactory
from community.models import CommunitySettings, Post, PostStatus, ViewCount
from community.reactions import PER_PAGE, content_type_of
from core.factories import UserFactory
from tests.community.reactions_fixtures import (  # noqa: F401 (fixtures)
    add_reactions,
    agenda_fixture,
    lesson_fixture,
    reactions_thread,
    story_fixture,
    tip_fixture,
)

pytestmark = pytest.mark.django_db


def url_of(target):
    return target.get_url()


def html_of(client, target, query=""):
    response = client.get(url_of(target) + query)
    assert response.status_code == 200
    return response.content.decode()


def post_url(target):
    return f"/reacties/{content_type_of(target).pk}/{target.pk}/"


def set_setting(field, value):
    setting, _created = CommunitySettings.objects.get_or_create(site=Site.objects.get(is_default_site=True))
    setattr(setting, field, value)
    setting.save()


TARGETS = ["lesson", "story", "tip", "agenda"]
SETTING = {
    "lesson": "reactions_on_lessons",
    "story": "reactions_on_stories",
    "tip": "reactions_on_tips",
    "agenda": "reactions_on_agendas",
}


def switch_page(target):
    return getattr(target, "page", None) if not hasattr(target, "reactions_enabled") else target


@pytest.mark.parametrize("kind", TARGETS)
def test_reactions_show_below_each_type_with_a_login_link_for_visitors(kind, request, client):
    target = request.getfixturevalue(kind)
    add_reactions(target, 2)
    html = html_of(client, target)
    assert "Reacties (2)" in html
    assert html.count('class="post ') + html.count('class="post"') == 2
    assert "Reactie nummer 1." in html
    login = re.search(r'<a href="([^"]+)">Log in om te reageren</a>', html)
    assert login and login.group(1) == f"/account/login/?next={url_of(target)}%23reacties"
    assert "csrfmiddlewaretoken" not in html  # the page stays cacheable for visitors


@pytest.mark.parametrize("kind", TARGETS)
def test_the_site_setting_switches_a_type_off(kind, request, client):
    target = request.getfixturevalue(kind)
    add_reactions(target, 1)
    set_setting(SETTING[kind], False)
    html = html_of(client, target)
    assert 'id="reacties"' not in html
    assert "Reactie nummer 0." not in html


@pytest.mark.parametrize("kind", TARGETS)
def test_the_page_switch_turns_reactions_off_for_that_page(kind, request, client):
    target = request.getfixturevalue(kind)
    add_reactions(target, 1)
    page = switch_page(target)
    page.reactions_enabled = False
    page.save_revision().publish()
    assert 'id="reacties"' not in html_of(client, target)


def test_tip_reactions_are_on_the_tips_own_page_not_on_the_collection(tip, client):
    add_reactions(tip, 1)
    assert "Reactie nummer 0." in html_of(client, tip)
    collection = client.get(tip.page.url).content.decode()
    assert 'id="reacties"' not in collection


def test_a_verified_member_posts_a_reaction_and_lands_on_it(story, member, client):
    client.force_login(member)
    html = html_of(client, story)
    assert 'action="/reacties/' in html and "Plaats je reactie" in html
    response = client.post(post_url(story), {"body": "Mooi verhaal, **dank** je wel!"})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{story.url}#reactie-{post.pk}"
    assert post.status == PostStatus.VISIBLE and post.thread.target == story
    html = html_of(client, story)
    assert f'id="reactie-{post.pk}"' in html
    assert "<strong>dank</strong>" in html
    assert "Reacties (1)" in html


def test_a_reaction_on_a_tip_goes_back_to_the_tip(tip, member, client):
    client.force_login(member)
    response = client.post(post_url(tip), {"body": "Werkt bij ons ook."})
    post = Post.objects.get()
    assert response["Location"] == f"{tip.get_url()}#reactie-{post.pk}"
    assert post.thread.target == tip


def test_an_empty_reaction_comes_back_with_the_error_on_the_page(lesson, member, client):
    client.force_login(member)
    response = client.post(post_url(lesson), {"body": "   "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html and "Schrijf eerst een tekst." in html
    assert f"<h1>{lesson.title}</h1>" in html  # the lesson itself, with the form where it was
    assert not Post.objects.exists()


def test_an_error_on_a_tip_renders_the_tip_page(tip, member, client):
    client.force_login(member)
    response = client.post(post_url(tip), {"body": "x\x00y"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html and tip.title in html
    assert not Post.objects.exists()


def test_a_visitor_who_posts_goes_to_the_login(story, client):
    response = client.post(post_url(story), {"body": "Hallo"})
    assert response.status_code == 302 and response["Location"].startswith("/account/login/?next=")
    assert not Post.objects.exists()


def test_an_unverified_member_gets_no_form_and_cannot_post(story, client):
    user = MemberFactory(verified=False)
    client.force_login(user)
    html = html_of(client, story)
    assert "Bevestig eerst je e-mailadres" in html and 'action="/reacties/' not in html
    client.post(post_url(story), {"body": "Hallo"})
    assert not Post.objects.exists()


def test_posting_where_reactions_are_off_is_refused(story, member, client):
    set_setting("reactions_on_stories", False)
    client.force_login(member)
    client.post(post_url(story), {"body": "Hallo"})
    assert not Post.objects.exists()


def test_a_locked_thread_says_reacting_is_closed(story, member, client):
    add_reactions(story, 1)
    thread = reactions_thread(story)
    thread.is_locked = True
    thread.save()
    client.force_login(member)
    html = html_of(client, story)
    assert "Reageren is gesloten." in html and 'action="/reacties/' not in html
    client.post(post_url(story), {"body": "Toch nog iets"})
    assert Post.objects.count() == 1


def test_pending_reactions_only_for_their_author_and_moderators_hidden_never(story, new_member, client):
    (pending,) = add_reactions(story, 1, status=PostStatus.PENDING, author=new_member)
    (hidden,) = add_reactions(story, 1, status=PostStatus.HIDDEN, text="Verborgen")
    add_reactions(story, 1)
    anchor_pending, anchor_hidden = f'id="reactie-{pending.pk}"', f'id="reactie-{hidden.pk}"'

    visitor = html_of(client, story)
    assert "Reacties (1)" in visitor and anchor_pending not in visitor and anchor_hidden not in visitor

    client.force_login(new_member)
    author = html_of(client, story)
    assert anchor_pending in author and "Wacht op goedkeuring" in author and anchor_hidden not in author

    client.force_login(MemberFactory())
    other = html_of(client, story)
    assert anchor_pending not in other and anchor_hidden not in other

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    moderator = html_of(client, story)
    assert anchor_pending in moderator and "Wacht op goedkeuring" in moderator
    assert hidden.body not in moderator


def test_a_new_members_first_reaction_waits_and_is_shown_to_them(story, new_member, client):
    client.force_login(new_member)
    response = client.post(post_url(story), {"body": "Mijn eerste reactie"})
    post = Post.objects.get()
    assert post.status == PostStatus.PENDING
    assert response["Location"].endswith(f"#reactie-{post.pk}")
    assert "Wacht op goedkeuring" in html_of(client, story)
    client.logout()
    assert "Mijn eerste reactie" not in html_of(client, story)


def test_more_than_fifty_reactions_are_paginated_with_stable_anchors(story, client):
    posts = add_reactions(story, PER_PAGE + 3)
    first = html_of(client, story)
    assert f'id="reactie-{posts[0].pk}"' in first and f'id="reactie-{posts[-1].pk}"' not in first
    assert "?reacties=2#reacties" in first
    second = html_of(client, story, "?reacties=2")
    assert f'id="reactie-{posts[-1].pk}"' in second and f'id="reactie-{posts[0].pk}"' not in second


def test_a_reaction_beyond_the_first_fifty_redirects_to_its_page(story, member, client, no_posting_limits):
    add_reactions(story, PER_PAGE)
    client.force_login(member)
    response = client.post(post_url(story), {"body": "De eenenvijftigste"})
    post = Post.objects.get(body="De eenenvijftigste")
    assert response["Location"] == f"{story.url}?reacties=2#reactie-{post.pk}"


@pytest.mark.parametrize("kind", ["lesson", "story"])
def test_views_and_reactions_are_shown_below_the_title(kind, request, client):
    target = request.getfixturevalue(kind)
    add_reactions(target, 3)
    add_reactions(target, 1, status=PostStatus.HIDDEN)
    ViewCount.objects.create(target_type=content_type_of(target), target_id=target.pk, count=1915)
    html = html_of(client, target)
    assert re.search(r'<p class="reactions-meta">1915 keer bekeken · <a href="#reacties">3 reacties</a></p>', html)


def test_views_alone_when_reactions_are_off(story, client):
    set_setting("reactions_on_stories", False)
    html = html_of(client, story)
    assert '<p class="reactions-meta">0 keer bekeken</p>' in html


def render_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_reactions_add_a_constant_number_of_queries(story, client, logged_in):
    if logged_in:
        client.force_login(MemberFactory())
    add_reactions(story, 3)
    few = render_queries(client, story.url)
    for number in range(37):
        add_reactions(story, 1, author=MemberFactory(username=f"schrijver{number}"))
    assert "Reacties (40)" in html_of(client, story)
    assert render_queries(client, story.url) == few
    if not logged_in:
        assert few <= 15  # tests/core/test_query_budget.py


def test_editors_find_the_switch_on_the_settings_tab_and_the_site_setting(story, admin_client):
    edit = admin_client.get(f"/admin/pages/{story.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="reactions_enabled"' in edit.content.decode()
    site = Site.objects.get(is_default_site=True)
    setting = admin_client.get(f"/admin/settings/community/communitysettings/{site.pk}/")
    assert setting.status_code == 200
    assert 'name="reactions_on_tips"' in setting.content.decode()


def test_editor_turns_off_reactions_for_tips_in_the_site_setting(tip, admin_client, client):
    add_reactions(tip, 1)
    site = Site.objects.get(is_default_site=True)
    data = {
        "reactions_on_lessons": "on",
        "reactions_on_stories": "on",
        "reactions_on_agendas": "on",
    }
    response = admin_client.post(f"/admin/settings/community/communitysettings/{site.pk}/", data)
    assert response.status_code == 302
    assert CommunitySettings.objects.get(site=site).reactions_on_tips is False
    assert 'id="reacties"' not in html_of(client, tip)


def test_a_member_edits_their_reaction_within_half_an_hour(story, member, client):
    client.force_login(member)
    client.post(post_url(story), {"body": "Eerste versie"})
    post = Post.objects.get()
    edit_url = f"/reacties/bewerken/{post.pk}/"
    assert f'href="{edit_url}"' in html_of(client, story)
    form = client.get(edit_url)
    assert form.status_code == 200 and "Eerste versie" in form.content.decode()
    response = client.post(edit_url, {"body": "Tweede versie"})
    assert response["Location"] == f"{story.url}#reactie-{post.pk}"
    html = html_of(client, story)
    assert "Tweede versie" in html and "Eerste versie" not in html and "bewerkt" in html


def test_nobody_else_edits_a_reaction(story, member, client):
    (post,) = add_reactions(story, 1, author=member)
    client.force_login(MemberFactory())
    assert client.post(f"/reacties/bewerken/{post.pk}/", {"body": "Overgenomen"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Reactie nummer 0."


def test_a_repeated_view_reads_no_thread_or_count_and_a_new_reaction_shows_at_once(story, client):
    add_reactions(story, 2)
    ViewCount.objects.create(target_type=content_type_of(story), target_id=story.pk, count=7)
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client, story)
    assert "7 keer bekeken" in html and "2 reacties" in html
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "community_thread" not in sql and "community_viewcount" not in sql
    add_reactions(story, 1)  # a saved reaction starts a new content generation
    assert "3 reacties" in html_of(client, story)


def test_the_thread_and_the_count_are_read_by_queries_compiled_once(story, lesson, client):
    from core import compiled

    add_reactions(lesson, 4)
    add_reactions(lesson, 1, status=PostStatus.HIDDEN)
    ViewCount.objects.create(target_type=content_type_of(lesson), target_id=lesson.pk, count=12)
    html_of(client, story)
    html = html_of(client, lesson)
    assert "12 keer bekeken" in html and "4 reacties" in html
    used = {
        key[0]: value for key, value in compiled._compiled.items() if key[0] in {("reactions-thread",), ("view-count",)}
    }
    assert len(used) == 2 and None not in used.values()
