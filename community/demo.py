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
# The themes and audiences of each category (its topics appear on their hubs): names of core.demo_content.
CATEGORY_TERMS = {
    "lokale-inclusie-agenda": (("Inclusie", "Samenwerking"), ("Gemeenten",)),
    "ervaringsdeskundigheid": (("Ervaringsdeskundigheid", "Inclusie"), ("Gemeenten", "Professionals")),
    "toegankelijkheid": (("Inclusie",), ("Gemeenten", "Vrijwilligersorganisaties")),
    "vrijwilligerswerk": (("Werving", "Inclusie"), ("Vrijwilligersorganisaties", "Vrijwilligers")),
}


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
        _category_terms(demo, forum)
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


def _category_terms(demo, forum):
    """Themes and audiences for the categories that have none yet (an editor's choice stays), published in a new
    revision of the forum so that the editor shows them and a later publish keeps them."""
    from core.models import Audience, Theme

    categories = [
        category
        for category in forum.categories.prefetch_related("themes", "audiences")
        if category.slug in CATEGORY_TERMS and not category.themes.all() and not category.audiences.all()
    ]
    if not categories:
        return
    forum = ForumPage.objects.get(pk=forum.pk)
    in_memory = list(forum.categories.all())
    by_pk = {category.pk: category for category in in_memory}
    for category in categories:
        theme_names, audience_names = CATEGORY_TERMS[category.slug]
        by_pk[category.pk].themes = list(Theme.objects.filter(name__in=theme_names))
        by_pk[category.pk].audiences = list(Audience.objects.filter(name__in=audience_names))
    forum.categories = in_memory  # the revision is made of these objects, not of a new read of the rows
    forum.save_revision().publish()
    demo.log(f"  + themes and audiences of {len(categories)} forum categories")


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
