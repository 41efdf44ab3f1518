"""The posting forms: Dutch labels and errors, images checked by content, the accessible form component."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image

from community import posting
from community.factories import PostFactory, TopicFactory
from community.forms import EditPostForm, ReactionForm, ReplyForm, TopicForm
from community.models import PostStatus


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def render(form, **context):
    request = RequestFactory().get("/")
    return render_to_string(
        "components/community/post_form.html",
        {"form": form, "action": "/forum/nieuw/", "submit_label": "Plaatsen", "heading_id": "kop", **context},
        request=request,
    )


def test_topic_form_fields_and_dutch_errors(forum, member):
    form = TopicForm({"category": "", "title": "", "body": ""}, forum=forum, user=member)
    assert not form.is_valid()
    assert list(form.fields) == ["category", "title", "body", "image", "image_alt"]
    assert form.errors == {
        "category": ["Kies een categorie."],
        "title": ["Geef je onderwerp een titel."],
        "body": ["Schrijf eerst een tekst."],
    }


def test_topic_form_cleans_and_posting_accepts_its_data(forum, member):
    category = forum.categories.get(slug="vragen")
    form = TopicForm(
        {"category": category.pk, "title": " Een  vraag ", "body": "Wie **weet** het?", "image_alt": "Een teal vlak"},
        {"image": png_upload("foto.jpg")},
        forum=forum,
        user=member,
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["title"] == "Een vraag"
    post = posting.create_topic(user=member, forum=forum, **{k: data[k] for k in data})
    assert post.thread.category == category
    assert post.image.name.endswith(".png") and "foto" not in post.image.name
    assert post.image_alt == "Een teal vlak"


def test_category_of_another_forum_is_not_a_choice(forum, member, network):
    from community.factories import ForumPageFactory
    from networks.factories import NetworkPageFactory

    other = ForumPageFactory(parent=NetworkPageFactory(parent=network.get_parent(), slug="ander"))
    form = TopicForm({"category": other.categories.first().pk, "title": "x", "body": "y"}, forum=forum, user=member)
    assert form.errors["category"] == ["Kies een categorie van dit forum."]


def test_image_needs_a_description(forum, member):
    thread = TopicFactory(forum=forum)
    form = ReplyForm({"body": "Kijk"}, {"image": png_upload()}, thread=thread, user=member)
    assert not form.is_valid()
    assert form.errors["image_alt"] == ["Beschrijf de afbeelding voor mensen die haar niet kunnen zien."]


def test_not_an_image_is_refused_by_the_form(forum, member):
    thread = TopicFactory(forum=forum)
    fake = SimpleUploadedFile("foto.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    form = ReplyForm({"body": "Kijk", "image_alt": "x"}, {"image": fake}, thread=thread, user=member)
    assert not form.is_valid()
    assert "geen afbeelding die we kunnen tonen" in form.errors["image"][0]


def test_reply_form_quotes_only_visible_posts_of_the_thread(forum, member):
    thread = TopicFactory(forum=forum)
    quoted = PostFactory(thread=thread)
    hidden = PostFactory(thread=thread, status=PostStatus.HIDDEN)
    form = ReplyForm(thread=thread, user=member, quoted_post=quoted)
    assert form["quoted_post"].value() == quoted.pk
    assert ReplyForm({"body": "Ja", "quoted_post": quoted.pk}, thread=thread, user=member).is_valid()
    refused = ReplyForm({"body": "Ja", "quoted_post": hidden.pk}, thread=thread, user=member)
    assert not refused.is_valid()
    assert refused.non_field_errors() == ["Het bericht dat je citeert staat niet in dit onderwerp."]


def test_nul_and_overlong_text_refused_in_dutch(forum, member):
    form = ReactionForm({"body": "a\x01b"})
    assert form.errors["body"] == ["De tekst bevat tekens die niet zijn toegestaan."]
    form = ReactionForm({"body": "x" * 10_001})
    assert not form.is_valid() and "10000" in form.errors["body"][0].replace(".", "")


def test_edit_form_asks_for_the_description_only_with_an_image(forum, member):
    post = PostFactory(thread=TopicFactory(forum=forum), author=member, body="Oud")
    form = EditPostForm(post=post, user=member)
    assert list(form.fields) == ["body"] and form["body"].value() == "Oud"
    post.image = "community/2026/11/x.png"
    post.image_alt = "Iets"
    form = EditPostForm({"body": "Nieuw", "image_alt": ""}, post=post, user=member)
    assert form.errors == {"image_alt": ["Beschrijf de afbeelding voor mensen die haar niet kunnen zien."]}


def test_component_without_errors(forum, member):
    markup = render(TopicForm(forum=forum, user=member))
    assert 'enctype="multipart/form-data"' in markup and 'aria-labelledby="kop"' in markup
    assert "error-summary" not in markup
    assert '<label for="id_title">Titel</label>' in markup
    assert 'aria-describedby="id_body_helptext"' in markup
    assert "Zo maak je je tekst op" in markup
    assert 'accept="image/jpeg,image/png,image/webp"' in markup
    assert '<button type="submit" class="button">Plaatsen</button>' in markup


def test_component_shows_an_error_summary_that_takes_focus(forum, member):
    form = TopicForm({"title": "", "body": ""}, forum=forum, user=member)
    form.is_valid()
    form.add_error(None, posting.PostingError("Je plaatst snel achter elkaar."))
    markup = render(form)
    assert 'class="error-summary" role="alert" tabindex="-1" data-error-summary' in markup
    assert "<li>Je plaatst snel achter elkaar.</li>" in markup
    assert '<li><a href="#id_title">Geef je onderwerp een titel.</a></li>' in markup
    assert '<span class="visually-hidden">Fout: </span>Schrijf eerst een tekst.' in markup


@pytest.mark.parametrize(
    "hostile",
    ['"><script>alert(1)</script>', "</textarea><img src=x onerror=alert(1)>", "' onfocus='alert(1)"],
)
def test_component_escapes_what_was_typed(forum, member, hostile):
    form = TopicForm({"title": hostile, "body": hostile, "image_alt": hostile}, forum=forum, user=member)
    form.is_valid()
    markup = render(form)
    assert "<script>" not in markup and "<img" not in markup and "onfocus='" not in markup
