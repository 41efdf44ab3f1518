"""``seed_demo`` content of the community: the forum of the network *Iedereen doet mee!* with four categories,
members with profiles, eight topics with their replies (one pinned, one locked), a reply hidden after three
reports and a new member's first post waiting for approval (both in the moderation queue), follows, and reactions
on the first lessons, stories and agendas.

Idempotent: members are looked up by username, the forum by its slug under the network, and the topics, reactions
and follows are only made while the forum has no topics yet. Members get no usable password (they cannot log in
until they reset it); nothing is printed but what was made. Built with plain model construction, like every demo
module (``make run`` has no test factories). Texts: ``community.demo_data``.
"""

import datetime

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from accounts.models import Profile
from community import demo_data
from community.models import (
    Follow,
    ForumCategory,
    ForumPage,
    Post,
    PostStatus,
    ReactionsMixin,
    ReportReason,
    Thread,
    ThreadKind,
)
from core.indexing import bulk_changes
from core.models import Municipality

NETWORK_SLUG = "iedereen-doet-mee"
FORUM_INTRODUCTION = (
    "<p>Gemeenten en hun inwoners met een beperking wisselen hier kennis en ervaringen uit: over de Lokale "
    "Inclusie Agenda, ervaringsdeskundigheid, toegankelijkheid en vrijwilligerswerk. Lezen kan iedereen; "
    "meepraten kan met een account.</p>"
)
REACTION_PAGES_PER_TYPE = 1


@hooks.register("register_demo_content", order=60)
def seed_community_demo(demo):
    seed_community(demo)


seed_community_demo.demo_label = _("community: the network's forum, members, topics and reactions")


def seed_community(demo):
    network = Page.objects.descendant_of(demo.home).filter(slug=NETWORK_SLUG).first()
    if network is None:
        return None
    with bulk_changes():  # the search index is updated once, after the commit
        forum = _forum(demo, network)
        members = _members(demo)
        if forum.moderators_id:
            members[demo_data.MODERATOR].groups.add(forum.moderators)
        if Thread.objects.filter(forum=forum).exists():
            return forum
        topics = _topics(demo, forum, members)
        _reactions(demo, members)
        _follows(demo, forum, topics, members)
    return forum


def _forum(demo, network):
    existing = ForumPage.objects.child_of(network).first()
    if existing is not None:
        return existing
    categories = [
        ForumCategory(name=name, slug=slug, description=description, sort_order=number)
        for number, (name, slug, description) in enumerate(demo_data.CATEGORIES)
    ]
    return demo.ensure_page(
        network,
        ForumPage,
        slug="forum",
        title="Forum",
        introduction=FORUM_INTRODUCTION,
        listing_summary="Vragen, tips en ervaringen van gemeenten en inwoners in het netwerk.",
        categories=categories,
    )


def _member(demo, username, display_name, municipality, role, bio="", *, joined, trusted=True):
    User = get_user_model()
    first_name, _space, last_name = display_name.partition(" ")
    email = f"{username.replace('_', '.')}@example.org"
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "first_name": first_name, "last_name": last_name}
    )
    if not created:
        return user
    user.set_unusable_password()  # a demo member logs in only after a password reset
    user.date_joined = joined
    user.save(update_fields=["password", "date_joined"])
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "municipality": Municipality.objects.filter(name=municipality).first() if municipality else None,
            "role": role,
            "bio": bio,
        },
    )
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if trusted:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="community", codename="post_without_approval")
        )
    demo.created += 1
    demo.log(f"  + member: {display_name}")
    return user


def _members(demo):
    joined = timezone.now() - datetime.timedelta(days=120)
    members = {
        username: _member(demo, username, name, municipality, role, bio, joined=joined)
        for username, (name, municipality, role, bio) in demo_data.MEMBERS.items()
    }
    username, name, municipality, role = demo_data.NEW_MEMBER
    members[username] = _member(demo, username, name, municipality, role, joined=timezone.now(), trusted=False)
    return members


def _post(thread, author, text, when, *, is_opening=False, status=PostStatus.VISIBLE):
    from community.text import normalised_digest, render_markdown

    post = Post.objects.create(
        thread=thread,
        author=author,
        is_opening=is_opening,
        body=text,
        body_html=render_markdown(text),
        body_digest=normalised_digest(text),
        status=status,
    )
    Post.objects.filter(pk=post.pk).update(created_at=when)
    post.created_at = when
    return post


def _topics(demo, forum, members):
    from community import moderation, posting

    categories = {category.slug: category for category in forum.categories.all()}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    topics = {}
    for spec in demo_data.TOPICS:
        (author, days, _text), *_replies = spec["posts"]
        opened = now - datetime.timedelta(days=days, hours=3)
        thread = Thread.objects.create(
            kind=ThreadKind.TOPIC,
            forum=forum,
            category=categories[spec["category"]],
            title=spec["title"],
            slug=slugify(spec["title"])[:150],
            author=members[author],
            status=PostStatus.VISIBLE,
            is_pinned=spec.get("pinned", False),
            is_locked=spec.get("locked", False),
            last_post_at=opened,
        )
        Thread.objects.filter(pk=thread.pk).update(created_at=opened)
        posts = []
        for number, (username, days_ago, text) in enumerate(spec["posts"]):
            when = now - datetime.timedelta(days=days_ago, hours=3) + datetime.timedelta(minutes=47 * number)
            posts.append(_post(thread, members[username], text, when, is_opening=number == 0))
        posting.refresh_thread(thread)
        reported = spec.get("reported")
        if reported:
            post = next(post for post in posts if post.author == members[reported["author"]])
            for reporter in reported["by"]:
                moderation.report(post, members[reporter], ReportReason.SPAM)
        pending = spec.get("pending")
        if pending:
            username, days_ago, text = pending
            _post(thread, members[username], text, now - datetime.timedelta(hours=1), status=PostStatus.PENDING)
        topics[thread.title] = thread
        demo.created += 1
        demo.log(f"  + topic: {thread.title} ({len(posts) - 1} replies)")
    return topics


def reaction_pages():
    """The first live pages of every page type that takes reactions (lessons, stories, agendas, …)."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, ReactionsMixin) and issubclass(model, Page) and not model._meta.abstract
    ]
    pages = []
    for model in sorted(models, key=lambda model: model._meta.label):
        pages += list(
            model.objects.live().public().filter(reactions_enabled=True).order_by("path")[:REACTION_PAGES_PER_TYPE]
        )
    return pages


def _reactions(demo, members):
    from community import posting

    now = timezone.now()
    for number, page in enumerate(reaction_pages()):
        thread = posting.reactions_thread(page)
        if thread.posts.exists():
            continue
        for offset in range(2):
            username, text = demo_data.REACTIONS[(number + offset) % len(demo_data.REACTIONS)]
            when = now - datetime.timedelta(days=10 - number % 7, hours=5 - offset * 2)
            _post(thread, members[username], text, when)
        posting.refresh_thread(thread)
        demo.created += 1
        demo.log(f"  + reactions on: {page.title}")


def _follows(demo, forum, topics, members):
    categories = {category.slug: category for category in forum.categories.all()}
    for username, (kind, *target), frequency in demo_data.FOLLOWS:
        if kind == "forum":
            where = {"forum": forum}
        elif kind == "category":
            where = {"category": categories[target[0]]}
        else:
            where = {"thread": topics[target[0]]}
        _follow, created = Follow.objects.get_or_create(
            user=members[username], **where, defaults={"frequency": frequency}
        )
        demo.created += created
