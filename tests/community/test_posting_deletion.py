"""Deleting an account: keep the posts anonymously ("verwijderd account"), or delete them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image

from accounts.deletion import delete_account
from community import posting
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Post, PostStatus, Thread
from community.text import quote_html


@pytest.fixture
def leaver(db):
    return MemberFactory(username="vertrekker", first_name="Vera")


@pytest.fixture
def others(db):
    return MemberFactory(username="blijver", first_name="Bas")


@pytest.fixture
def scene(forum, leaver, others):
    """Vera opened one topic that Bas answered and one nobody answered, and replied in Bas's topic."""
    answered = TopicFactory(forum=forum, author=leaver, title="Vera's vraag", opening__body="Mijn adres is geheim")
    bas_reply = PostFactory(thread=answered, author=others, body="Antwoord van Bas")
    lonely = TopicFactory(forum=forum, author=leaver, title="Niemand antwoordde")
    bas_topic = TopicFactory(forum=forum, author=others, title="Bas vraagt")
    vera_reply = PostFactory(thread=bas_topic, author=leaver, body="Vera antwoordt")
    quoting = PostFactory(thread=bas_topic, author=others, body="Ik citeer Vera", quoted_post=vera_reply)
    for thread in (answered, lonely, bas_topic):
        posting.refresh_thread(thread)
    return {
        "answered": answered,
        "bas_reply": bas_reply,
        "lonely": lonely,
        "bas_topic": bas_topic,
        "vera_reply": vera_reply,
        "quoting": quoting,
    }


def test_keep_posts_leaves_them_without_author(scene, leaver):
    count = Post.objects.count()
    delete_account(leaver, keep_posts=True)
    assert Post.objects.count() == count
    assert Post.objects.filter(author__isnull=True).count() == 3
    assert Thread.objects.get(pk=scene["answered"].pk).author is None
    assert Thread.objects.get(pk=scene["lonely"].pk).author is None
    vera_reply = Post.objects.get(pk=scene["vera_reply"].pk)
    assert vera_reply.body == "Vera antwoordt" and vera_reply.status == PostStatus.VISIBLE
    # Shown as "verwijderd account", also where someone quotes them.
    assert "verwijderd account schreef:" in quote_html(vera_reply)


def test_delete_posts(scene, leaver, others):
    delete_account(leaver, keep_posts=False)
    # Her reply in Bas's topic is gone; Bas's quote of it no longer points anywhere.
    assert not Post.objects.filter(pk=scene["vera_reply"].pk).exists()
    assert Post.objects.get(pk=scene["quoting"].pk).quoted_post is None
    bas_topic = Thread.objects.get(pk=scene["bas_topic"].pk)
    assert bas_topic.reply_count == 1
    # Her unanswered topic is gone entirely.
    assert not Thread.objects.filter(pk=scene["lonely"].pk).exists()
    # Her answered topic stays for Bas's answer; its opening text is "[verwijderd]".
    answered = Thread.objects.get(pk=scene["answered"].pk)
    assert answered.author is None and answered.reply_count == 1
    opening = answered.posts.get(is_opening=True)
    assert opening.author is None and opening.body == "[verwijderd]" and opening.body_html == "<p>[verwijderd]</p>\n"
    assert "geheim" not in opening.body_html
    assert Post.objects.get(pk=scene["bas_reply"].pk).author == others
    assert not Post.objects.filter(author__username="vertrekker").exists()


def test_deleted_posts_take_their_images_along(forum, leaver, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, "PNG")
    post = posting.create_topic(
        user=leaver,
        forum=forum,
        category=forum.categories.first(),
        title="Foto",
        body="Met foto",
        image=SimpleUploadedFile("x.png", buffer.getvalue()),
        image_alt="Rood vlak",
    )
    storage, name = post.image.storage, post.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(leaver, keep_posts=False)
    assert not storage.exists(name)


def test_a_failing_deletion_changes_nothing(scene, leaver, monkeypatch):
    """The handler runs in the deleting transaction: when the deletion fails, the posts are as they were."""

    def fail(self, *args, **kwargs):
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(type(leaver), "delete", fail)
    with pytest.raises(RuntimeError), TestCase.captureOnCommitCallbacks():
        delete_account(leaver, keep_posts=False)
    assert Post.objects.filter(author=leaver).count() == 3
    assert Thread.objects.filter(pk=scene["lonely"].pk).exists()
