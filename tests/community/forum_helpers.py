"""Helpers of the forum tests (beside the shared fixtures in conftest.py)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from community.factories import PostFactory, TopicFactory
from community.models import PostStatus


def refresh_thread(thread):
    """The counts the posting code keeps (community.posting.refresh_thread), for rows the factories made."""
    visible = thread.posts.filter(status=PostStatus.VISIBLE)
    thread.reply_count = visible.filter(is_opening=False).count()
    thread.last_post_at = visible.aggregate(last=Max("created_at"))["last"]
    thread.save(update_fields=["reply_count", "last_post_at"])


def topic_with_replies(forum, replies, **fields):
    """A topic with ``replies`` visible replies, one minute apart, two days ago."""
    topic = TopicFactory(forum=forum, **fields)
    base = timezone.now() - datetime.timedelta(days=2)
    topic.posts.update(created_at=base)
    for number in range(replies):
        post = PostFactory(thread=topic, body=f"Reactie nummer {number}")
        type(post).objects.filter(pk=post.pk).update(created_at=base + datetime.timedelta(minutes=number + 1))
    refresh_thread(topic)
    topic.refresh_from_db()
    return topic


def html(response):
    return response.content.decode()
