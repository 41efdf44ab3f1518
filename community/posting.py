"""Writing in the community: topics, replies and reactions, with the rules that keep it civil.

Every post goes through ``create_topic``, ``create_reply`` or ``create_reaction`` (and ``edit_post`` after):

- Only active members with a verified e-mail address who are not blocked may post.
- A locked topic takes no replies (its forum's moderators excepted).
- A member's first post waits for a moderator's approval (status ``pending``; a new topic's thread too), unless the
  member already has an approved post, moderates the forum, or has the permission
  ``community.post_without_approval`` (given per member or per group in the admin).
- In the first day after joining a member opens at most ``COMMUNITY_NEW_MEMBER_MAX_TOPICS`` (3) topics and writes
  at most ``COMMUNITY_NEW_MEMBER_MAX_REPLIES`` (10) replies and reactions.
- Between two posts of one member at least ``COMMUNITY_MIN_SECONDS_BETWEEN_POSTS`` (30) seconds.
- The same text (ignoring case, spacing and punctuation) twice within ``COMMUNITY_DUPLICATE_WINDOW_SECONDS`` (300)
  is refused.
- A member edits their own post within ``COMMUNITY_EDIT_WINDOW_SECONDS`` (1800); the post gets a "bewerkt" mark.
  Members the edit newly @mentions are told (``community.notifications.post_edited``).

The rules are checked in one transaction that first locks the member's profile row (``select_for_update``; SQLite
takes its write lock when the transaction begins), so two posts of one member sent at once are checked one after
the other and cannot both slip under a limit. Moderators are exempt from the interval, the first-day limits and the
approval. When a post is visible at once, ``community.notifications.post_published(post)`` runs in the same
transaction.

Account deletion (``accounts.deletion``): *keep my posts* leaves the posts and topics with no author ("verwijderd
account"). *Delete my posts* deletes the member's replies and reactions and the topics they opened; a topic they
opened that has replies from others stays for those replies: its opening post's text becomes "[verwijderd]" (image
removed), and it has no author any more. Threads are recounted afterwards.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import deletion
from accounts.models import Profile
from accounts.profiles import profile_for
from community import moderation, notifications
from community.images import clean_image
from community.models import HiddenReason, Post, PostStatus, Thread, ThreadKind
from community.models.posts import POST_MAX_LENGTH, TITLE_MAX_LENGTH
from community.text import normalised_digest, render_markdown
from core.caching import bump_generation
from core.text import has_control_characters

DELETED_BODY = "[verwijderd]"

DEFAULTS = {
    "COMMUNITY_MIN_SECONDS_BETWEEN_POSTS": 30,
    "COMMUNITY_NEW_MEMBER_PERIOD_SECONDS": 24 * 60 * 60,
    "COMMUNITY_NEW_MEMBER_MAX_TOPICS": 3,
    "COMMUNITY_NEW_MEMBER_MAX_REPLIES": 10,
    "COMMUNITY_DUPLICATE_WINDOW_SECONDS": 5 * 60,
    "COMMUNITY_EDIT_WINDOW_SECONDS": 30 * 60,
    "COMMUNITY_APPROVE_FIRST_POST": True,
}


def limit(name):
    return getattr(settings, name, DEFAULTS[name])


class PostingError(ValidationError):
    """A post refused by a rule; the message is for the member (Dutch), shown as a form error."""


# --- Checks ------------------------------------------------------------------------------------------------


def is_verified(user):
    """The member confirmed an e-mail address (allauth)."""
    try:
        from accounts.profiles import is_verified as accounts_is_verified
    except ImportError:
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=user, verified=True).exists()
    return accounts_is_verified(user)


def clean_body(body):
    body = (body or "").strip()
    if has_control_characters(body):
        raise PostingError(_("The text contains characters that are not allowed."), code="control_characters")
    if not body:
        raise PostingError(_("Write a text first."), code="empty")
    if len(body) > POST_MAX_LENGTH:
        raise PostingError(
            _("The text is too long: at most %(max)s characters (now %(length)s).")
            % {"max": f"{POST_MAX_LENGTH:,}".replace(",", "."), "length": f"{len(body):,}".replace(",", ".")},
            code="too_long",
        )
    return body


def clean_title(title):
    title = " ".join((title or "").split())
    if has_control_characters(title):
        raise PostingError(_("The title contains characters that are not allowed."), code="control_characters")
    if not title:
        raise PostingError(_("Give your topic a title."), code="empty_title")
    if len(title) > TITLE_MAX_LENGTH:
        raise PostingError(
            _("The title is too long: at most %(max)s characters.") % {"max": TITLE_MAX_LENGTH}, code="title_too_long"
        )
    return title


def _clean_alt(image_alt):
    image_alt = " ".join((image_alt or "").split())
    if has_control_characters(image_alt):
        raise PostingError(
            _("The image description contains characters that are not allowed."), code="control_characters"
        )
    if len(image_alt) > 250:
        raise PostingError(_("The image description is too long: at most 250 characters."), code="alt_too_long")
    return image_alt


def _clean_attachment(image, image_alt):
    """(image, alt text) checked: the image re-encoded by images.clean_image, the alt text required with it."""
    image_alt = _clean_alt(image_alt)
    if not image:
        return None, ""
    if not image_alt:
        raise PostingError(
            _("Describe the image for people who cannot see it (the image description)."), code="alt_required"
        )
    if not getattr(image, "community_cleaned", False):
        try:
            image = clean_image(image)
        except ValidationError as error:
            raise PostingError(error.messages[0], code=error.code) from None
    return image, image_alt


def _lock_member(user):
    """The member's profile, locked for this transaction; PostingError when they may not post at all."""
    if user is None or not user.is_authenticated:
        raise PostingError(_("Log in to post."), code="anonymous")
    if not user.is_active:
        raise PostingError(_("Your account is not active."), code="inactive")
    profile_for(user)  # made on first use, before the lock (get_or_create would need its own savepoint)
    profile = Profile.objects.select_for_update().get(user=user)
    if profile.blocked_at is not None:
        raise PostingError(_("Your account has been blocked: you cannot post."), code="blocked")
    if not is_verified(user):
        raise PostingError(_("Confirm your e-mail address first; then you can post."), code="unverified")
    return profile


def _check_limits(user, *, is_topic, digest, now):
    """The duplicate text, the interval and the first-day limits (moderators only get the first)."""
    recent = Post.objects.filter(author=user)
    _check_duplicate(user, digest, now)
    interval = limit("COMMUNITY_MIN_SECONDS_BETWEEN_POSTS")
    if interval:
        last = recent.aggregate(last=Max("created_at"))["last"]
        if last is not None and last > now - datetime.timedelta(seconds=interval):
            wait = max(1, int((last + datetime.timedelta(seconds=interval) - now).total_seconds() + 0.999))
            raise PostingError(
                ngettext(
                    "You are posting quickly. Wait %(seconds)s second and send your text again.",
                    "You are posting quickly. Wait %(seconds)s seconds and send your text again.",
                    wait,
                )
                % {"seconds": wait},
                code="too_fast",
            )
    if user.date_joined and user.date_joined > now - datetime.timedelta(
        seconds=limit("COMMUNITY_NEW_MEMBER_PERIOD_SECONDS")
    ):
        if is_topic:
            maximum = limit("COMMUNITY_NEW_MEMBER_MAX_TOPICS")
            if Thread.objects.filter(author=user, kind=ThreadKind.TOPIC).count() >= maximum:
                raise PostingError(
                    ngettext(
                        "On your first day as a member you can open at most %(max)s topic. Try again tomorrow.",
                        "On your first day as a member you can open at most %(max)s topics. Try again tomorrow.",
                        maximum,
                    )
                    % {"max": maximum},
                    code="new_member_topics",
                )
        else:
            maximum = limit("COMMUNITY_NEW_MEMBER_MAX_REPLIES")
            if recent.filter(is_opening=False).count() >= maximum:
                raise PostingError(
                    ngettext(
                        "On your first day as a member you can write at most %(max)s reply. Try again tomorrow.",
                        "On your first day as a member you can write at most %(max)s replies. Try again tomorrow.",
                        maximum,
                    )
                    % {"max": maximum},
                    code="new_member_replies",
                )


def needs_approval(user, forum=None):
    """True while the member has no approved post (their first post waits for a moderator)."""
    if not limit("COMMUNITY_APPROVE_FIRST_POST") or moderation.is_moderator(user, forum):
        return False
    approved = Post.objects.filter(author=user).filter(
        Q(status=PostStatus.VISIBLE) | Q(status=PostStatus.HIDDEN, hidden_reason=HiddenReason.REPORTS)
    )
    if approved.exists():
        return False
    return not user.has_perm("community.post_without_approval")


def _check_member(user, forum, *, is_topic, body):
    """Lock the member and check every rule; returns (digest, status, is_moderator)."""
    _lock_member(user)
    now = timezone.now()
    is_mod = moderation.is_moderator(user, forum)
    digest = normalised_digest(body)
    if is_mod:
        _check_duplicate(user, digest, now)
    else:
        _check_limits(user, is_topic=is_topic, digest=digest, now=now)
    status = PostStatus.PENDING if needs_approval(user, forum) else PostStatus.VISIBLE
    return digest, status, is_mod


def _check_duplicate(user, digest, now):
    window = limit("COMMUNITY_DUPLICATE_WINDOW_SECONDS")
    if (
        window
        and Post.objects.filter(
            author=user, body_digest=digest, created_at__gte=now - datetime.timedelta(seconds=window)
        ).exists()
    ):
        raise PostingError(
            _(
                "You posted this same text a moment ago. It has been received: there is no need to send it again. "
                "Did you want to add something? Then change the text."
            ),
            code="duplicate",
        )


# --- Creating ------------------------------------------------------------------------------------------------


def _new_post(*, thread, user, body, digest, status, is_opening=False, quoted_post=None, image=None, image_alt=""):
    post = Post(
        thread=thread,
        author=user,
        is_opening=is_opening,
        body=body,
        body_html=render_markdown(body),
        body_digest=digest,
        quoted_post=quoted_post,
        image_alt=image_alt if image else "",
        status=status,
    )
    if image:
        post.image.save(image.name, image, save=False)
    post.save()
    return post


def _published(post):
    if post.status == PostStatus.VISIBLE and post.thread.status == PostStatus.VISIBLE:
        refresh_thread(post.thread)
        notifications.post_published(post)


def create_topic(*, user, forum, category, title, body, image=None, image_alt=""):
    """Open a topic in `forum` (its opening post is returned; ``post.thread`` is the topic)."""
    title = clean_title(title)
    body = clean_body(body)
    if category is None or category.forum_id != forum.pk:
        raise PostingError(_("Choose a category of this forum."), code="category")
    image, image_alt = _clean_attachment(image, image_alt)
    with transaction.atomic():
        digest, status, _is_mod = _check_member(user, forum, is_topic=True, body=body)
        thread = Thread.objects.create(
            kind=ThreadKind.TOPIC,
            forum=forum,
            category=category,
            title=title,
            slug=slugify(title)[:TITLE_MAX_LENGTH].strip("-") or "onderwerp",
            author=user,
            status=status,
            last_post_at=timezone.now(),
        )
        post = _new_post(
            thread=thread,
            user=user,
            body=body,
            digest=digest,
            status=status,
            is_opening=True,
            image=image,
            image_alt=image_alt,
        )
        _published(post)
    return post


def _reply_in(thread, *, user, body, quoted_post, image, image_alt):
    body = clean_body(body)
    image, image_alt = _clean_attachment(image, image_alt)
    with transaction.atomic():
        digest, status, is_mod = _check_member(user, thread.forum, is_topic=False, body=body)
        # The thread as it is now (a moderator may have locked or hidden it since the form was shown).
        # Locked (FOR UPDATE) until the reply is stored and counted: replies at the same moment take turns, so
        # refresh_thread's count and last_post_at are those of all of them.
        thread = Thread.objects.select_for_update(of=("self",)).select_related("forum").get(pk=thread.pk)
        if thread.status != PostStatus.VISIBLE and not is_mod:
            raise PostingError(_("This topic is not open for replies."), code="thread_not_visible")
        if thread.is_locked and not is_mod:
            raise PostingError(_("This topic is closed: no new replies can be added."), code="locked")
        if quoted_post is not None and (quoted_post.thread_id != thread.pk or quoted_post.status != PostStatus.VISIBLE):
            raise PostingError(_("The post you quote is not in this topic."), code="quote")
        post = _new_post(
            thread=thread,
            user=user,
            body=body,
            digest=digest,
            status=status,
            quoted_post=quoted_post,
            image=image,
            image_alt=image_alt,
        )
        _published(post)
    return post


def create_reply(*, user, thread, body, quoted_post=None, image=None, image_alt=""):
    """Reply in a topic (or a reactions thread), optionally quoting a visible post of the same thread."""
    return _reply_in(thread, user=user, body=body, quoted_post=quoted_post, image=image, image_alt=image_alt)


def reactions_thread(target):
    """The reactions thread of a page or tip, made when missing (race-safe: one per target, by constraint)."""
    thread = Thread.objects.for_target(target).first()
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(
                kind=ThreadKind.REACTIONS,
                target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
                target_id=target.pk,
                status=PostStatus.VISIBLE,
                last_post_at=timezone.now(),
            )
    except IntegrityError:
        # Someone else made it at the same moment; their row is committed (PostgreSQL waited for it).
        return Thread.objects.for_target(target).get()


def create_reaction(*, user, target, body, image=None, image_alt=""):
    """React on a page or tip (its reactions thread is made on the first reaction)."""
    if not getattr(target, "reactions_enabled", True):
        raise PostingError(_("Reactions are closed here."), code="reactions_closed")
    clean_body(body)
    image, image_alt = _clean_attachment(image, image_alt)  # before the thread is made
    thread = reactions_thread(target)
    return _reply_in(thread, user=user, body=body, quoted_post=None, image=image, image_alt=image_alt)


# --- Editing ------------------------------------------------------------------------------------------------


def can_edit(user, post):
    """The author may edit their own post for 30 minutes (not when it was hidden, or they were blocked)."""
    if user is None or not user.is_authenticated or not user.is_active or post.author_id != user.pk:
        return False
    if post.status == PostStatus.HIDDEN:
        return False
    window = datetime.timedelta(seconds=limit("COMMUNITY_EDIT_WINDOW_SECONDS"))
    return timezone.now() <= post.created_at + window


def edit_post(*, user, post, body, image_alt=None):
    """Change the text (and the image description) of a post; sets ``edited_at`` (the "bewerkt" mark).

    The author within the edit window, or a moderator of the post's forum (who logs the edit themselves).
    """
    body = clean_body(body)
    with transaction.atomic():
        _lock_member(user)
        post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
        if not can_edit(user, post) and not moderation.is_moderator(user, post.thread.forum):
            if post.author_id == user.pk and post.status != PostStatus.HIDDEN:
                minutes = limit("COMMUNITY_EDIT_WINDOW_SECONDS") // 60
                raise PostingError(
                    _("You can only change a post in the first %(minutes)s minutes after posting it.")
                    % {"minutes": minutes},
                    code="edit_too_late",
                )
            raise PostingError(_("You cannot change this post."), code="edit_not_allowed")
        previous_body = post.body
        post.body = body
        post.body_html = render_markdown(body)
        post.body_digest = normalised_digest(body)
        fields = ["body", "body_html", "body_digest", "edited_at"]
        if image_alt is not None and post.image:
            post.image_alt = _clean_alt(image_alt)
            if not post.image_alt:
                raise PostingError(
                    _("Describe the image for people who cannot see it (the image description)."),
                    code="alt_required",
                )
            fields.append("image_alt")
        post.edited_at = timezone.now()
        post.save(update_fields=fields)
        if post.author_id == user.pk:
            # Members the author now @mentions hear about it (a moderator's edit speaks for nobody).
            notifications.post_edited(post, previous_body)
    return post


# --- Threads ------------------------------------------------------------------------------------------------


def refresh_thread(thread):
    """Recount the visible replies and the last activity of `thread` from its visible posts."""
    figures = Post.objects.filter(thread_id=thread.pk, status=PostStatus.VISIBLE).aggregate(
        replies=Count("pk", filter=Q(is_opening=False)), last=Max("created_at")
    )
    thread.reply_count = figures["replies"]
    thread.last_post_at = figures["last"] or thread.created_at
    Thread.objects.filter(pk=thread.pk).update(reply_count=thread.reply_count, last_post_at=thread.last_post_at)
    return thread


# --- Account deletion ------------------------------------------------------------------------------------------


def on_account_deleted(user, keep_posts):
    """What happens to a member's posts when they delete their account (see the module docstring)."""
    posts = Post.objects.filter(author=user)
    if keep_posts:
        posts.update(author=None)
        Thread.objects.filter(author=user).update(author=None)
        bump_generation()
        return
    touched = set(posts.values_list("thread_id", flat=True))
    images = list(posts.exclude(image="").values_list("image", flat=True))
    for thread in Thread.objects.filter(author=user, kind=ThreadKind.TOPIC):
        others = Post.objects.filter(thread=thread).exclude(author=user).exists()
        if others:
            Post.objects.filter(thread=thread, is_opening=True, author=user).update(
                author=None,
                body=DELETED_BODY,
                body_html=render_markdown(DELETED_BODY, members=[]),
                body_digest="",
                image="",
                image_alt="",
                quoted_post=None,
            )
        else:
            touched.discard(thread.pk)
            thread.delete()
    Thread.objects.filter(author=user).update(author=None)
    Post.objects.filter(author=user).delete()
    for thread in Thread.objects.filter(pk__in=touched):
        refresh_thread(thread)
    if images:
        transaction.on_commit(lambda: _delete_files(images))
    bump_generation()


def _delete_files(names):
    storage = Post._meta.get_field("image").storage
    for name in names:
        storage.delete(name)


deletion.register_handler(on_account_deleted)
