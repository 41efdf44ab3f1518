"""Following and notifications (owned by the notifications area).

Contract used by the other areas:
    post_published(post)  # called in the transaction that makes a post visible (new visible post, or approval)
    post_edited(post, previous_body)  # called in the transaction of the author's edit (mentions it adds)

Who hears about a post: members who follow its topic, its category or its forum (the most specific follow
counts: its frequency, and the follow the mail's unsubscribe link stops), and members it @mentions (always at
once, with or without a follow). Never the author, never a blocked or inactive member, never twice for one
post (a unique constraint). A theme follow hears about content pages (``BasePage``) with that theme when they
are first published (``page_published``).

Every notification is listed on "Mijn meldingen". Mail goes through the shared outbox: for instant follows and
mentions one mail per member, stored in the same transaction (unrendered, a cheap bulk insert: the queries are
the same for 5 or 5,000 followers) and written by ``render_email`` when the task sends it; daily and weekly
follows wait for ``community.digests`` (``manage.py send_digests``). A member gets mail only at a verified
address and while they have not switched mail off (``NotificationSettings``).

Unsubscribing: every mail has a signed link (no login) and a ``List-Unsubscribe`` header with
``List-Unsubscribe-Post`` (RFC 8058). A mail about one follow stops *that follow*; a mention mail or a digest
(which covers several follows) switches *all* notification mail off. The page behind the link offers the
other choice too. Signing, addresses and headers are the newsletter's too (``events.mail_links``).
"""

import dataclasses
import datetime
import html
from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.signals import page_published

from community.models import (
    Follow,
    FollowFrequency,
    Notification,
    NotificationKind,
    NotificationSettings,
    PostStatus,
    ThreadKind,
)
from events import mail_links
from events.mail_links import absolute_url

KIND_INSTANT = "community_notification"
KIND_DIGEST = "community_digest"
UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"
# A page published again within this time after its first publication still tells theme followers (editors
# often add the themes right after publishing); the unique constraint keeps it to one notification per page.
NEW_CONTENT_WINDOW = datetime.timedelta(days=1)
BATCH_SIZE = 500
# Members per UPDATE that links notifications to their mails: three parameters each, under SQLite's 999.
LINK_BATCH_SIZE = 250
EXCERPT_WORDS = 40


class NothingToSendError(Exception):
    """Everything a mail was about became hidden (or its reader blocked) before it was sent."""


@dataclasses.dataclass
class Recipient:
    user_id: int
    mail_to: str  # empty: no mail (address not verified, or mail switched off)
    kind: str
    frequency: str
    follow_id: int | None = None


# --- Who may hear about something ----------------------------------------------------------------------------


def eligible(queryset, user_ref):
    """Only active, not blocked members; annotates ``mail_to``: their address if verified and mail is on.

    ``user_ref``: the path to the user from the queryset's model ("" for User itself, "user" for Follow).
    """
    prefix = f"{user_ref}__" if user_ref else ""
    outer = OuterRef(f"{user_ref}_id" if user_ref else "pk")
    verified = EmailAddress.objects.filter(user_id=outer, verified=True)
    mail_off = NotificationSettings.objects.filter(user_id=outer, email_enabled=False)
    return queryset.filter(
        Q(**{f"{prefix}profile__isnull": True}) | Q(**{f"{prefix}profile__blocked_at__isnull": True}),
        **{f"{prefix}is_active": True},
    ).annotate(
        mail_to=Case(
            When(Exists(verified) & ~Exists(mail_off), then=f"{prefix}email"),
            default=Value(""),
            output_field=models.CharField(),
        )
    )


def _mentioned(post, author_id, *, except_in=None):
    """The eligible members @mentioned in the post (never its author); ``except_in``: leave out the names that
    text mentions already (an edit tells only the members it adds)."""
    from community.text import mentioned_usernames

    names = mentioned_usernames(post.body)
    if except_in is not None:
        before = {name.casefold() for name in mentioned_usernames(except_in)}
        names = [name for name in names if name.casefold() not in before]
    if not names:
        return []
    matches = Q()
    for name in names:
        matches |= Q(username__iexact=name)
    users = eligible(get_user_model().objects.filter(matches), "")
    if author_id:
        users = users.exclude(pk=author_id)
    return list(users.values("pk", "mail_to"))


def _may_notify(post):
    """The post and its thread are visible, anyone may read the thread, and its author may still notify."""
    from community.visibility import thread_is_readable

    thread = post.thread
    if post.status != PostStatus.VISIBLE or thread.status != PostStatus.VISIBLE or not _author_may_notify(post):
        return False
    # Nobody hears (nor is mailed) about a post in a restricted or unpublished forum, or on a page that is not
    # public: followers and mentioned members might not be allowed to read it.
    return thread_is_readable(thread)


def _author_may_notify(post):
    author = post.author
    if author is None:
        return True  # an anonymised account's post: its text stays, so it may notify
    if not author.is_active:
        return False
    from accounts.profiles import is_blocked

    return not is_blocked(author)


def _post_kind(post, thread):
    if thread.kind == ThreadKind.REACTIONS:
        return NotificationKind.REACTION
    return NotificationKind.TOPIC if post.is_opening else NotificationKind.REPLY


def post_published(post):
    """Create the notifications (and queue the instant mails) for a post that just became visible.

    A constant number of queries whatever the number of followers: one for the followers, one for the
    mentioned members, one for notifications that exist already, and bulk inserts.
    """
    thread = post.thread
    if not _may_notify(post):
        return []
    follows = Q(thread_id=thread.pk)
    if thread.category_id:
        follows |= Q(category_id=thread.category_id)
    if thread.forum_id:
        follows |= Q(forum_id=thread.forum_id)
    followers = eligible(Follow.objects.filter(follows), "user")
    if post.author_id:
        followers = followers.exclude(user_id=post.author_id)
    base_kind = _post_kind(post, thread)
    chosen = {}  # user id -> the most specific follow: topic, then category, then forum
    for row in followers.values("pk", "user_id", "frequency", "thread_id", "category_id", "mail_to"):
        rank = 0 if row["thread_id"] else 1 if row["category_id"] else 2
        if row["user_id"] not in chosen or rank < chosen[row["user_id"]][0]:
            chosen[row["user_id"]] = (rank, row)
    recipients = {
        user_id: Recipient(user_id, row["mail_to"], base_kind, row["frequency"], row["pk"])
        for user_id, (_rank, row) in chosen.items()
    }
    for row in _mentioned(post, post.author_id):
        recipient = recipients.get(row["pk"]) or Recipient(row["pk"], row["mail_to"], "", "")
        recipient.kind, recipient.frequency = NotificationKind.MENTION, FollowFrequency.INSTANT
        recipients[row["pk"]] = recipient
    return _notify(list(recipients.values()), post=post, thread=thread)


def post_edited(post, previous_body):
    """The author changed a visible post: members it now @mentions and did not before are told, as mentions.

    The same rules as ``post_published`` (visibility, blocks, never the author), and still one notification per
    member per post: someone who heard about the post already (a follower, or mentioned before) is not told again.
    A post that is not visible yet tells its mentioned members when it is approved (``post_published``).
    """
    if not _may_notify(post):
        return []
    recipients = [
        Recipient(row["pk"], row["mail_to"], NotificationKind.MENTION, FollowFrequency.INSTANT)
        for row in _mentioned(post, post.author_id, except_in=previous_body)
    ]
    return _notify(recipients, post=post, thread=post.thread)


def _notify(recipients, *, post=None, thread=None, page=None):
    """Store the notifications (one per member per post or page) and queue the instant mails."""
    if not recipients:
        return []
    target = {"post": post} if post is not None else {"page": page}
    existing = set(Notification.objects.filter(**target).values_list("user_id", flat=True))
    new = [recipient for recipient in recipients if recipient.user_id not in existing]
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=recipient.user_id,
                kind=recipient.kind,
                post=post,
                thread=thread,
                page=page,
                frequency=recipient.frequency,
                follow_id=recipient.follow_id,
            )
            for recipient in new
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    instant = [r for r in new if r.frequency == FollowFrequency.INSTANT and r.mail_to]
    if instant:
        _queue_instant_mails(instant, target)
    return new


def _queue_instant_mails(recipients, target):
    from events.models import OutboxEmail

    emails = OutboxEmail.objects.bulk_create(
        [OutboxEmail(kind=KIND_INSTANT, to=recipient.mail_to) for recipient in recipients], batch_size=BATCH_SIZE
    )
    now = timezone.now()
    for start in range(0, len(recipients), LINK_BATCH_SIZE):
        end = start + LINK_BATCH_SIZE
        chunk = list(zip(recipients[start:end], emails[start:end], strict=True))
        Notification.objects.filter(
            user_id__in=[recipient.user_id for recipient, _email in chunk], emailed_at__isnull=True, **target
        ).update(
            email_id=Case(
                *[When(user_id=recipient.user_id, then=Value(email.pk)) for recipient, email in chunk],
                output_field=models.BigIntegerField(),
            ),
            emailed_at=now,
        )
    transaction.on_commit(partial(_enqueue_all, [email.pk for email in emails]))


def _enqueue_all(email_ids):
    from events.outbox import enqueue

    for email_id in email_ids:
        enqueue(email_id)


# --- New content for theme followers ------------------------------------------------------------------------


def content_page_published(sender, instance, **kwargs):
    """``page_published``: members who follow one of the page's themes hear about a new content page."""
    from core.models import BasePage

    page = instance
    if not isinstance(page, BasePage) or not page.live or page.first_published_at is None:
        return
    if page.first_published_at < timezone.now() - NEW_CONTENT_WINDOW:
        return
    field = page._meta.get_field("themes")
    themes = field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk}).values(
        field.m2m_reverse_field_name()
    )
    rows = list(
        eligible(Follow.objects.filter(theme__in=themes), "user").values("pk", "user_id", "frequency", "mail_to")
    )
    if not rows or page.get_view_restrictions().exists():
        return
    recipients = {}
    for row in rows:
        recipients.setdefault(
            row["user_id"],
            Recipient(row["user_id"], row["mail_to"], NotificationKind.CONTENT, row["frequency"], row["pk"]),
        )
    # The publisher hears nothing of their own page.
    publisher = getattr(kwargs.get("revision"), "user_id", None)
    recipients.pop(publisher, None)
    _notify(list(recipients.values()), page=page)


page_published.connect(content_page_published, dispatch_uid="community_theme_followers")


# --- What a notification shows, on the page and in mails ----------------------------------------------------


def shown():
    """Notifications that may be shown: their post is visible in a thread anyone may read
    (``community.visibility``), their page live and public."""
    from community.visibility import public_pages, readable_threads

    post_shown = Q(post__status=PostStatus.VISIBLE, post__thread__in=readable_threads().values("pk"))
    page_shown = Q(page__live=True, page__in=public_pages().values("pk"))
    return (Q(post__isnull=False) & post_shown) | (Q(post__isnull=True, page__isnull=False) & page_shown)


def with_post_position(queryset):
    """Annotates ``post_before``: the visible posts before each notification's post in its thread (its page number
    for the link, as ``links.page_number`` counts it), in the same query instead of one per notification."""
    from community.models import Post

    before = (
        Post.objects.filter(thread_id=OuterRef("post__thread_id"), status=PostStatus.VISIBLE)
        .filter(
            Q(created_at__lt=OuterRef("post__created_at"))
            | Q(created_at=OuterRef("post__created_at"), pk__lt=OuterRef("post_id"))
        )
        .order_by()
        .values("thread_id")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return queryset.annotate(post_before=Coalesce(Subquery(before), 0))


def for_member(user):
    """The member's notifications that may be shown, newest first, with what their listing needs."""
    return with_post_position(
        Notification.objects.filter(user=user)
        .filter(shown())
        .select_related("post__thread__forum", "post__thread__category", "post__author__profile", "page")
        .prefetch_related("post__thread__target")
    )


def post_link(notification):
    """The URL of the notification's post (relative); uses ``post_before`` when the queryset annotated it."""
    from community import links

    post = notification.post
    before = getattr(notification, "post_before", None)
    if before is None or post.thread.kind != ThreadKind.TOPIC:
        return post.get_absolute_url() or post.thread.get_absolute_url()
    url = links.thread_url(post.thread)
    if not url:
        return ""
    number = before // links.TOPIC_POSTS_PER_PAGE + 1
    query = f"?{links.PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{url}{query}#{post.anchor}"


def unread_count(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).filter(shown()).count()


def is_shown(notification):
    """The same as ``shown()``, in Python, for notifications loaded with their post, thread and page."""
    from community.visibility import page_is_public, thread_is_readable

    post = notification.post
    if post is not None:
        return post.status == PostStatus.VISIBLE and thread_is_readable(post.thread)
    return page_is_public(notification.page)


def thread_title(thread):
    if thread.title:
        return thread.title
    target = thread.target
    return getattr(target, "title", None) or str(target or "")


def load_pages(notifications):
    """Load the specific pages of page notifications in one query per page type (not one per notification)."""
    from wagtail.models import Page

    page_ids = {n.page_id for n in notifications if n.post_id is None and n.page_id}
    if not page_ids:
        return
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    for notification in notifications:
        page = pages.get(notification.page_id) if notification.post_id is None else None
        if page is not None:
            notification._specific_page = page


def describe(notification):
    """What a notification says: {kind, title, url, where, author, excerpt} (url relative)."""
    from accounts.profiles import display_name

    post = notification.post
    if post is not None:
        thread = post.thread
        if thread.kind == ThreadKind.TOPIC:
            where = thread.category.name if thread.category_id else (thread.forum.title if thread.forum_id else "")
        else:
            where = ""
        return {
            "kind": notification.get_kind_display(),
            "title": thread_title(thread),
            "url": post_link(notification),
            "where": where,
            "author": display_name(post.author),
            # Plain text (entities decoded); templates escape it again.
            "excerpt": Truncator(html.unescape(strip_tags(post.body_html)) or post.body).words(EXCERPT_WORDS),
        }
    page = getattr(notification, "_specific_page", None)
    if page is None and notification.page is not None:
        page = notification.page.specific_deferred
    return {
        "kind": notification.get_kind_display(),
        "title": page.title if page else "",
        "url": page.get_url() if page else "",
        "where": "",
        "author": "",
        "excerpt": getattr(page, "summary", "") if page else "",
    }


# --- Unsubscribing -------------------------------------------------------------------------------------------


def unsubscribe_token(user_id, follow_id=None):
    """A signed value for a link without login: stop one follow, or (no follow) all notification mail."""
    value = {"u": user_id, "f": follow_id} if follow_id else {"u": user_id}
    return mail_links.sign_object(UNSUBSCRIBE_SALT, value)


def read_unsubscribe_token(token):
    """(user id, follow id or None), or None when the token was tampered with."""
    value = mail_links.read_object(UNSUBSCRIBE_SALT, token)
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        return None
    follow_id = value.get("f")
    return value["u"], follow_id if isinstance(follow_id, int) else None


def set_email_enabled(user_id, enabled):
    NotificationSettings.objects.update_or_create(user_id=user_id, defaults={"email_enabled": enabled})


def email_enabled(user):
    return not NotificationSettings.objects.filter(user=user, email_enabled=False).exists()


def _unsubscribe_scope(email_kind, notification):
    """The follow a mail's unsubscribe link stops, or None (all mail): see the module's docstring."""
    if email_kind == KIND_INSTANT and notification.kind != NotificationKind.MENTION:
        return notification.follow_id
    return None


def _url(name, *args):
    try:
        return absolute_url(reverse(name, args=args))
    except NoReverseMatch:
        return ""


def unsubscribe_url(email_kind, notification):
    token = unsubscribe_token(notification.user_id, _unsubscribe_scope(email_kind, notification))
    return _url("community_unsubscribe", token)


def email_headers(email):
    """``List-Unsubscribe`` (RFC 2369) with one-click ``List-Unsubscribe-Post`` (RFC 8058) for each mail."""
    notification = Notification.objects.filter(email=email).only("user_id", "kind", "follow_id").order_by("pk").first()
    if notification is None:
        return {}
    return mail_links.unsubscribe_headers(unsubscribe_url(email.kind, notification))


# --- Writing the mails (when the outbox sends them) --------------------------------------------------------


def _give_up(email, reason):
    """Nothing left to write: the outbox gives the mail up (an empty address means "nothing to deliver")."""
    from events.models import OutboxEmail

    OutboxEmail.objects.filter(pk=email.pk).update(to="")
    raise NothingToSendError(reason)


def render_email(email):
    """{subject, body_text, body_html, attachments} of an instant mail or a digest, from its notifications."""
    from django.template.loader import render_to_string

    from accounts.profiles import display_name
    from core.models import SiteSettings

    notifications = list(
        with_post_position(Notification.objects.filter(email=email))
        .select_related("user__profile", "post__thread__forum", "post__thread__category", "post__author__profile")
        .select_related("page", "follow__thread", "follow__category", "follow__forum", "follow__theme")
        .order_by("created_at", "pk")
    )
    if not notifications:
        _give_up(email, f"Outbox email {email.pk} has no notifications.")
    first = notifications[0]
    user = first.user
    from accounts.profiles import is_blocked

    if not user.is_active or is_blocked(user):
        _give_up(email, f"Outbox email {email.pk}: the member can no longer receive mail.")
    items = [n for n in notifications if is_shown(n)]
    if not items:
        _give_up(email, f"Outbox email {email.pk}: everything it was about was hidden meanwhile.")
    with translation.override("nl"):
        described = [{**describe(n), "notification": n} for n in items]
        for item in described:
            item["url"] = absolute_url(item["url"])
        scope = _unsubscribe_scope(email.kind, first)
        follow = first.follow if scope else None
        context = {
            "name": display_name(user),
            "items": described,
            "digest": email.kind == KIND_DIGEST,
            "frequency": first.frequency,
            "unsubscribe_url": unsubscribe_url(email.kind, first),
            "unsubscribe_follow": follow_label(follow) if follow else "",
            "follows_url": _url("community_follows"),
            "notifications_url": _url("community_notifications"),
            "organisation_name": _organisation_name(SiteSettings),
        }
        subject = _subject(email.kind, first, described)
        text = render_to_string("community/emails/notification.txt", context).strip() + "\n"
        body_html = render_to_string("community/emails/notification.html", context)
    return {"subject": subject[:255], "body_text": text, "body_html": body_html, "attachments": []}


def _organisation_name(site_settings_model):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "Kennisplatform"
    return getattr(site_settings_model.for_site(site), "organisation_name", "") or "Kennisplatform"


def _subject(email_kind, first, items):
    if email_kind == KIND_DIGEST:
        if first.frequency == FollowFrequency.WEEKLY:
            return _("Your weekly overview: %(count)s new") % {"count": len(items)}
        return _("Your daily overview: %(count)s new") % {"count": len(items)}
    item = items[0]
    if first.kind == NotificationKind.MENTION:
        return _("%(name)s mentioned you in “%(title)s”") % {"name": item["author"], "title": item["title"]}
    if first.kind == NotificationKind.TOPIC:
        return _("New topic in %(where)s: %(title)s") % {"where": item["where"], "title": item["title"]}
    if first.kind == NotificationKind.REACTION:
        return _("New reaction on “%(title)s”") % {"title": item["title"]}
    if first.kind == NotificationKind.CONTENT:
        return _("New on the platform: %(title)s") % {"title": item["title"]}
    return _("New reply in “%(title)s”") % {"title": item["title"]}


def follow_target(follow):
    return follow.thread or follow.category or follow.forum or follow.theme


def follow_label(follow):
    """ "the topic “…”", "the category …", … for messages and mails."""
    if follow.thread_id:
        return _("the topic “%(name)s”") % {"name": thread_title(follow.thread)}
    if follow.category_id:
        return _("the category “%(name)s”") % {"name": follow.category.name}
    if follow.forum_id:
        return _("the forum “%(name)s”") % {"name": follow.forum.title}
    return _("the theme “%(name)s”") % {"name": follow.theme.name}


def register_outbox_kinds():
    from events.outbox import register_kind

    register_kind(KIND_INSTANT, gettext_lazy("Community notification"), renderer=render_email, headers=email_headers)
    register_kind(KIND_DIGEST, gettext_lazy("Community digest"), renderer=render_email, headers=email_headers)


register_outbox_kinds()
