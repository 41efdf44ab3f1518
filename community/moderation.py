"""Reports and moderation: who moderates what, members' reports, and every moderator action (all logged).

Contract used by the other areas:
    is_moderator(user, forum=None) -> bool   # forum: a ForumPage, or None for reactions (site-wide moderators)

Roles:
- Superusers and members of the group "Moderatoren" (``GLOBAL_GROUP_NAME``, made by a data migration and again
  after every migrate) moderate everything: every forum and the reactions on content.
- Members of a forum's ``moderators`` group moderate the topics of that forum.
Both groups get access to the Wagtail admin, where the moderation queue, the log and the member list are.

Every action below runs in one transaction that first locks the row it changes (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's IMMEDIATE transactions take the write lock when they begin), then looks at the row as it is
now. An action whose effect is already there (two moderators approving the same post at once, a third report
arriving twice) does nothing the second time and logs nothing: it returns ``None``. Otherwise it returns the
``ModerationAction`` it logged.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.db.models.signals import post_migrate, post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import (
    ForumPage,
    HiddenReason,
    ModerationAction,
    Post,
    PostStatus,
    Report,
    ReportReason,
    Thread,
    ThreadKind,
)
from community.models.moderation import REPORTS_TO_HIDE
from community.models.posts import POST_MAX_LENGTH
from core.text import clean_text

GLOBAL_GROUP_NAME = "Moderatoren"  # data, not interface text: the same name whatever the admin's language
# What moderators need besides their group: the Wagtail admin (queue, log, members) and reading reports and the log.
GROUP_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("community", "report", "view_report", "Can view report"),
    ("community", "moderationaction", "view_moderationaction", "Can view moderation action"),
]
REASON_MAX_LENGTH = 1000
EXPLANATION_MAX_LENGTH = 1000

Action = ModerationAction.Action


class ModerationError(ValidationError):
    """An action that cannot be done (the message, in Dutch, says why)."""


class ReportRefused(ModerationError):
    pass


class AlreadyReported(ReportRefused):
    pass


# --- Who moderates what -------------------------------------------------------------------------------------


def _is_active(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


def _group_ids(user):
    """{group id: name} of the user's groups, read once per user object (one query)."""
    cached = getattr(user, "_community_groups", None)
    if cached is None:
        cached = dict(user.groups.values_list("id", "name"))
        user._community_groups = cached
    return cached


def is_global_moderator(user):
    """Superusers and members of the group "Moderatoren": every forum and all reactions."""
    if not _is_active(user):
        return False
    return user.is_superuser or GLOBAL_GROUP_NAME in _group_ids(user).values()


def is_moderator(user, forum=None):
    """May `user` moderate the topics of `forum` (a ForumPage), or with ``forum=None`` the reactions on content?"""
    if not _is_active(user):
        return False
    if is_global_moderator(user):
        return True
    group_id = getattr(forum, "moderators_id", None)
    return group_id is not None and group_id in _group_ids(user)


def moderated_forum_ids(user):
    """The ids of the forums `user` moderates; ``None`` for a global moderator (everything, reactions included)."""
    if is_global_moderator(user):
        return None
    if not _is_active(user) or not _group_ids(user):
        return set()
    cached = getattr(user, "_community_forums", None)
    if cached is None:
        cached = set(ForumPage.objects.filter(moderators_id__in=list(_group_ids(user))).values_list("pk", flat=True))
        user._community_forums = cached
    return cached


def is_any_moderator(user):
    """Does `user` moderate anything at all (shows the Moderation menu in the admin)?"""
    return is_global_moderator(user) or bool(moderated_forum_ids(user))


def can_moderate_thread(user, thread):
    if thread.forum_id is None:
        return is_global_moderator(user)
    forums = moderated_forum_ids(user)
    return forums is None or thread.forum_id in forums


def can_moderate_post(user, post):
    return can_moderate_thread(user, post.thread)


def can_block(user, member):
    """Global moderators block anyone; a forum's moderators block members who wrote in their forums."""
    if not _is_active(user) or member is None or member.pk == user.pk:
        return False
    if member.is_superuser:
        return False
    if is_any_moderator(member) and not user.is_superuser:
        return False  # one moderator does not lock out another; an administrator decides
    forums = moderated_forum_ids(user)
    if forums is None:
        return True
    return bool(forums) and Post.objects.filter(author=member, thread__forum_id__in=forums).exists()


def moderated_posts(user):
    """The posts `user` may moderate (all of them for a global moderator)."""
    forums = moderated_forum_ids(user)
    if forums is None:
        return Post.objects.all()
    return Post.objects.filter(thread__forum_id__in=forums)


def moderated_log(user):
    """The log entries `user` may read: everything for a global moderator; otherwise their forums' entries and
    what they did themselves."""
    from django.db.models import Q

    forums = moderated_forum_ids(user)
    if forums is None:
        return ModerationAction.objects.all()
    return ModerationAction.objects.filter(Q(thread__forum_id__in=forums) | Q(moderator=user))


def _check_thread(moderator, thread):
    if not can_moderate_thread(moderator, thread):
        raise PermissionDenied(_("You do not moderate this forum."))


# --- Groups and their access to the admin -------------------------------------------------------------------


def _grant_moderator_permissions(group):
    from core.permissions import get_or_create_permission

    permissions = [get_or_create_permission(*spec) for spec in GROUP_PERMISSIONS]
    missing = set(permissions) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)


def ensure_moderators_group():
    """The group "Moderatoren" with its permissions (after every migrate: a test flush empties the table)."""
    group, _created = Group.objects.get_or_create(name=GLOBAL_GROUP_NAME)
    _grant_moderator_permissions(group)
    return group


def _set_up_after_migrate(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "community":
        return
    if Group._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to zero
    ensure_moderators_group()
    for group in Group.objects.filter(moderated_forums__isnull=False).distinct():
        _grant_moderator_permissions(group)


def _forum_saved(sender, instance, raw=False, **kwargs):
    """A forum's moderators group may use the admin (where the queue is)."""
    if not raw and instance.moderators_id:
        _grant_moderator_permissions(instance.moderators)


post_migrate.connect(_set_up_after_migrate, dispatch_uid="community_moderators_group")
post_save.connect(_forum_saved, sender=ForumPage, dispatch_uid="community_forum_moderators_admin")


# --- Helpers ------------------------------------------------------------------------------------------------


def _lock(queryset, pk):
    """The row, locked until the end of the transaction (only this table's row on PostgreSQL)."""
    if connection.features.has_select_for_update_of:
        queryset = queryset.select_for_update(of=("self",))
    else:
        queryset = queryset.select_for_update()
    return queryset.get(pk=pk)


def _lock_post(post):
    return _lock(Post.objects.select_related("thread", "thread__forum", "author__profile"), post.pk)


def _lock_thread(thread):
    return _lock(Thread.objects.select_related("forum", "category"), thread.pk)


def _clean_reason(reason):
    return clean_text(reason or "").strip()[:REASON_MAX_LENGTH]


def _log(action, moderator, *, post=None, thread=None, member=None, reason="", **details):
    return ModerationAction.objects.create(
        action=action,
        moderator=moderator,
        post=post,
        thread=thread if thread is not None else getattr(post, "thread", None),
        member=member if member is not None else getattr(post, "author", None),
        reason=reason,
        details=details,
    )


def _refresh(thread):
    from community import posting

    posting.refresh_thread(thread)


def _sync_thread(post):
    """An opening post carries its topic: the topic is pending, visible or hidden with it. Then the counts."""
    thread = post.thread
    if post.is_opening and thread.kind == ThreadKind.TOPIC:
        thread = _lock_thread(thread)
        if thread.status != post.status:
            thread.status = post.status
            thread.save(update_fields=["status"])
        post.thread = thread
    _refresh(thread)


def _resolve_reports(post, moderator):
    now = timezone.now()
    return Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=now, resolved_by=moderator)


def _author_is_blocked(post):
    profile = getattr(post.author, "profile", None) if post.author_id else None
    return profile is not None and profile.is_blocked


def _set_status(post, status, hidden_reason=""):
    post.status = status
    post.hidden_reason = hidden_reason
    post.report_count = Report.objects.filter(post=post, resolved_at__isnull=True).count()
    post.save(update_fields=["status", "hidden_reason", "report_count"])


# --- Reports ------------------------------------------------------------------------------------------------


def report(post, reporter, reason, explanation=""):
    """`reporter` reports `post`. After ``REPORTS_TO_HIDE`` open reports from different members the post is hidden
    until a moderator looks at it (logged as done by the platform). Returns the Report."""
    if reason not in ReportReason.values:
        raise ReportRefused(_("Choose why you report this post."), code="reason")
    if not _is_active(reporter):
        raise ReportRefused(_("Log in to report a post."), code="login")
    if post.author_id is not None and post.author_id == reporter.pk:
        raise ReportRefused(_("You cannot report your own post."), code="own")
    explanation = clean_text(explanation).strip()[:EXPLANATION_MAX_LENGTH]
    with transaction.atomic():
        post = _lock_post(post)
        # A fourth report may arrive while the third hides the post: it is kept, the post is not hidden twice.
        still_reportable = post.status == PostStatus.VISIBLE or post.hidden_reason == HiddenReason.REPORTS
        if not still_reportable or post.thread.status == PostStatus.PENDING:
            raise ReportRefused(_("This post can no longer be reported."), code="gone")
        if Report.objects.filter(post=post, reporter=reporter).exists():
            raise AlreadyReported(_("You have already reported this post. Thank you."), code="already")
        try:
            with transaction.atomic():
                created = Report.objects.create(post=post, reporter=reporter, reason=reason, explanation=explanation)
        except IntegrityError as error:
            raise AlreadyReported(_("You have already reported this post. Thank you."), code="already") from error
        open_reports = Report.objects.filter(post=post, resolved_at__isnull=True).count()
        if open_reports >= REPORTS_TO_HIDE and post.status == PostStatus.VISIBLE:
            _set_status(post, PostStatus.HIDDEN, HiddenReason.REPORTS)
            _log(
                Action.AUTO_HIDE,
                None,
                post=post,
                reason=ngettext("Reported by %(count)d member.", "Reported by %(count)d members.", open_reports)
                % {"count": open_reports},
                reports=open_reports,
            )
            _sync_thread(post)
        else:
            # An UPDATE, not a save: a report changes nothing any visitor sees, so it must not empty the page cache
            # (core.caching bumps the content generation on every saved post).
            Post.objects.filter(pk=post.pk).update(report_count=open_reports)
            post.report_count = open_reports
        created.post = post
    return created


# --- Actions on a post --------------------------------------------------------------------------------------


def approve(post, moderator, reason=""):
    """A pending post (a new member's first) becomes visible, its topic too when it opens one; followers and
    mentioned members are told (community.notifications)."""
    from community import notifications

    with transaction.atomic():
        post = _lock_post(post)
        _check_thread(moderator, post.thread)
        if post.status != PostStatus.PENDING:
            return None
        if _author_is_blocked(post):
            raise ModerationError(_("The author is blocked: unblock them first."), code="blocked")
        _set_status(post, PostStatus.VISIBLE)
        _sync_thread(post)
        action = _log(Action.APPROVE, moderator, post=post, reason=_clean_reason(reason))
        notifications.post_published(post)
    return action


def hide(post, moderator, reason=""):
    """Hide a post (its topic too when it opens one). Hiding a post that reports hid confirms it. Open reports are
    resolved: a moderator looked at them."""
    with transaction.atomic():
        post = _lock_post(post)
        _check_thread(moderator, post.thread)
        if post.status == PostStatus.HIDDEN and post.hidden_reason != HiddenReason.REPORTS:
            return None
        previous = {"status": post.status, "hidden_reason": post.hidden_reason}
        resolved = _resolve_reports(post, moderator)
        _set_status(post, PostStatus.HIDDEN, HiddenReason.MODERATOR)
        _sync_thread(post)
        return _log(
            Action.HIDE,
            moderator,
            post=post,
            reason=_clean_reason(reason),
            previous=previous,
            reports_resolved=resolved,
        )


def restore(post, moderator, reason=""):
    """Show a hidden post again (and its topic when it opens one); a pending post is approved."""
    with transaction.atomic():
        post = _lock_post(post)
        _check_thread(moderator, post.thread)
        if post.status == PostStatus.PENDING:
            return approve(post, moderator, reason)
        if post.status == PostStatus.VISIBLE:
            return None
        if post.hidden_reason == HiddenReason.DELETED:
            raise ModerationError(_("The author deleted this post; it cannot be shown again."), code="deleted")
        if _author_is_blocked(post):
            raise ModerationError(_("The author is blocked: unblock them first."), code="blocked")
        previous = {"status": post.status, "hidden_reason": post.hidden_reason}
        resolved = _resolve_reports(post, moderator)
        _set_status(post, PostStatus.VISIBLE)
        _sync_thread(post)
        return _log(
            Action.RESTORE,
            moderator,
            post=post,
            reason=_clean_reason(reason),
            previous=previous,
            reports_resolved=resolved,
        )


def dismiss(post, moderator, reason=""):
    """The reports were unfounded: resolve them and keep (or make again) the post visible."""
    with transaction.atomic():
        post = _lock_post(post)
        _check_thread(moderator, post.thread)
        auto_hidden = post.status == PostStatus.HIDDEN and post.hidden_reason == HiddenReason.REPORTS
        resolved = _resolve_reports(post, moderator)
        if not resolved and not auto_hidden:
            return None
        if auto_hidden:
            _set_status(post, PostStatus.VISIBLE)
            _sync_thread(post)
        else:
            post.report_count = 0
            post.save(update_fields=["report_count"])
        return _log(
            Action.DISMISS,
            moderator,
            post=post,
            reason=_clean_reason(reason),
            reports_resolved=resolved,
            shown_again=auto_hidden,
        )


def edit(post, moderator, body, reason=""):
    """A moderator changes the text of a post (to remove personal data, say). The old text is kept in the log."""
    from community.text import normalised_digest, render_markdown

    body = clean_text(body).strip()
    if not body:
        raise ModerationError(_("The text cannot be empty."), code="empty")
    if len(body) > POST_MAX_LENGTH:
        raise ModerationError(
            _("Use at most %(max)d characters.") % {"max": POST_MAX_LENGTH},
            code="too_long",
        )
    with transaction.atomic():
        post = _lock_post(post)
        _check_thread(moderator, post.thread)
        if body == post.body:
            return None
        old_body = post.body
        post.body = body
        post.body_html = render_markdown(body)
        post.body_digest = normalised_digest(body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "body_digest", "edited_at"])
        return _log(Action.EDIT, moderator, post=post, reason=_clean_reason(reason), old_body=old_body)


# --- Actions on a topic -------------------------------------------------------------------------------------


def _set_flag(thread, moderator, field, value, action, reason):
    with transaction.atomic():
        thread = _lock_thread(thread)
        _check_thread(moderator, thread)
        if thread.kind != ThreadKind.TOPIC:
            raise ModerationError(_("Only forum topics can be locked or pinned."), code="not_topic")
        if getattr(thread, field) == value:
            return None
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        return _log(action, moderator, thread=thread, member=thread.author, reason=_clean_reason(reason))


def lock(thread, moderator, reason=""):
    """No more replies in this topic."""
    return _set_flag(thread, moderator, "is_locked", True, Action.LOCK, reason)


def unlock(thread, moderator, reason=""):
    return _set_flag(thread, moderator, "is_locked", False, Action.UNLOCK, reason)


def pin(thread, moderator, reason=""):
    """Keep this topic at the top of its category."""
    return _set_flag(thread, moderator, "is_pinned", True, Action.PIN, reason)


def unpin(thread, moderator, reason=""):
    return _set_flag(thread, moderator, "is_pinned", False, Action.UNPIN, reason)


def move(thread, category, moderator, reason=""):
    """Move a topic to another category of its forum."""
    with transaction.atomic():
        thread = _lock_thread(thread)
        _check_thread(moderator, thread)
        if thread.kind != ThreadKind.TOPIC:
            raise ModerationError(_("Only forum topics can be moved."), code="not_topic")
        if category.forum_id != thread.forum_id:
            raise ModerationError(_("A topic can only move to a category of its own forum."), code="other_forum")
        if category.pk == thread.category_id:
            return None
        old = thread.category
        thread.category = category
        thread.save(update_fields=["category"])
        return _log(
            Action.MOVE,
            moderator,
            thread=thread,
            member=thread.author,
            reason=_clean_reason(reason),
            from_category={"id": getattr(old, "pk", None), "name": str(old or "")},
            to_category={"id": category.pk, "name": category.name},
        )


# --- Members ------------------------------------------------------------------------------------------------


def _lock_profile(member):
    from accounts.models import Profile
    from accounts.profiles import profile_for

    profile = profile_for(member)
    return _lock(Profile.objects.all(), profile.pk)


def block(member, moderator, reason=""):
    """Block a member: they cannot log in any more (``is_active`` off, which also ends their sessions) and all
    their visible posts are hidden (``hidden_reason`` blocked, so unblocking shows exactly those again)."""
    reason = _clean_reason(reason)
    if not reason:
        raise ModerationError(_("Say why you block this member."), code="reason")
    if not can_block(moderator, member):
        raise PermissionDenied(_("You cannot block this member."))
    with transaction.atomic():
        profile = _lock_profile(member)
        if profile.blocked_at is not None:
            return None
        profile.blocked_at = timezone.now()
        profile.blocked_reason = reason
        profile.save(update_fields=["blocked_at", "blocked_reason"])
        get_user_model().objects.filter(pk=member.pk).update(is_active=False)
        member.is_active = False
        posts = list(_lock_all(Post.objects.filter(author=member, status=PostStatus.VISIBLE).select_related("thread")))
        for post in posts:
            post.status = PostStatus.HIDDEN
            post.hidden_reason = HiddenReason.BLOCKED
            post.save(update_fields=["status", "hidden_reason"])
        _sync_threads(posts)
        return _log(Action.BLOCK, moderator, member=member, reason=reason, posts_hidden=[post.pk for post in posts])


def unblock(member, moderator, reason=""):
    """Let a blocked member in again and show the posts that blocking hid (not those hidden for other reasons)."""
    if not can_block(moderator, member):
        raise PermissionDenied(_("You cannot unblock this member."))
    with transaction.atomic():
        profile = _lock_profile(member)
        if profile.blocked_at is None:
            return None
        profile.blocked_at = None
        profile.blocked_reason = ""
        profile.save(update_fields=["blocked_at", "blocked_reason"])
        get_user_model().objects.filter(pk=member.pk).update(is_active=True)
        member.is_active = True
        posts = list(
            _lock_all(
                Post.objects.filter(
                    author=member, status=PostStatus.HIDDEN, hidden_reason=HiddenReason.BLOCKED
                ).select_related("thread")
            )
        )
        for post in posts:
            post.status = PostStatus.VISIBLE
            post.hidden_reason = ""
            post.save(update_fields=["status", "hidden_reason"])
        _sync_threads(posts)
        return _log(
            Action.UNBLOCK,
            moderator,
            member=member,
            reason=_clean_reason(reason),
            posts_restored=[post.pk for post in posts],
        )


def _lock_all(queryset):
    if connection.features.has_select_for_update_of:
        return queryset.select_for_update(of=("self",)).order_by("pk")
    return queryset.select_for_update().order_by("pk")


def _sync_threads(posts):
    """After blocking or unblocking: topics follow their opening post, then every touched thread's counts."""
    threads = {}
    for post in posts:
        if post.is_opening:
            _sync_thread(post)  # refreshes the thread too
            threads[post.thread_id] = None
        else:
            threads.setdefault(post.thread_id, post.thread)
    for thread in threads.values():
        if thread is not None:
            _refresh(thread)
