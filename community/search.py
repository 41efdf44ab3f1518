"""Keep forum topics in the site search up to date with what members may read.

A topic's own save reaches the search app through its signals (``Thread`` is a searchable model, see
``community.models.thread_search``). What changes a topic's search entry without saving the topic is reported
here through ``core.indexing.object_changed``: a post written, edited, approved, hidden or deleted; a moderation
action (logged in ``ModerationAction``, whichever way the rows were changed); a member blocked or unblocked (their
topics and the topics they replied in). The search app refreshes or drops the entries after the commit, so a
hidden topic leaves the search results as soon as the moderator's change is committed.
"""

from django.db.models.signals import post_delete, post_init, post_save

from accounts.models import Profile
from community.models import ModerationAction, Post, Thread, ThreadKind
from core.indexing import bulk_changes, object_changed


def topic_changed(thread):
    if thread is not None and thread.kind == ThreadKind.TOPIC:
        object_changed(thread)


def member_changed(user_id):
    """Every topic the member opened or replied in (blocking hides all their posts)."""
    threads = Thread.objects.topics().filter(posts__author_id=user_id).distinct().order_by("pk")
    with bulk_changes():
        for thread in threads.iterator(chunk_size=500):
            object_changed(thread)


def on_post_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if Post.thread.is_cached(instance):
        thread = instance.thread
    else:  # also after a cascade deleted the thread: then there is nothing left to refresh
        thread = Thread.objects.filter(pk=instance.thread_id).first()
    topic_changed(thread)


def on_moderation_action(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    if instance.thread_id:
        topic_changed(Thread.objects.filter(pk=instance.thread_id).first())
    if instance.post_id:
        thread = Thread.objects.filter(posts__pk=instance.post_id).first()
        if thread is not None and thread.pk != instance.thread_id:
            topic_changed(thread)
    # Every action names the post's author; only a block or unblock changes what of the member may be read.
    if instance.member_id and instance.action in (ModerationAction.Action.BLOCK, ModerationAction.Action.UNBLOCK):
        member_changed(instance.member_id)


def on_profile_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A block or unblock changes what of the member may be read (also when saved without a moderation action)."""
    if raw or (update_fields is not None and "blocked_at" not in update_fields):
        return
    if getattr(instance, "_search_blocked_at", None) != instance.blocked_at:
        member_changed(instance.user_id)
    instance._search_blocked_at = instance.blocked_at


def remember_blocked_at(sender, instance, **kwargs):
    instance._search_blocked_at = instance.blocked_at


def connect():
    post_save.connect(on_post_changed, sender=Post, dispatch_uid="community_search_post_saved")
    post_delete.connect(on_post_changed, sender=Post, dispatch_uid="community_search_post_deleted")
    post_save.connect(on_moderation_action, sender=ModerationAction, dispatch_uid="community_search_moderation")
    post_init.connect(remember_blocked_at, sender=Profile, dispatch_uid="community_search_profile_loaded")
    post_save.connect(on_profile_saved, sender=Profile, dispatch_uid="community_search_profile_saved")


connect()
