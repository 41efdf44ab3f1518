"""The forms members write with: a new topic, a reply, a reaction, an edit. Rendered by
``components/community/post_form.html``; the rules themselves live in community.posting (the views call it and show
a ``PostingError`` as a form error).
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from community import images, posting
from community.models import ForumCategory, Post, PostStatus
from community.models.posts import POST_MAX_LENGTH, TITLE_MAX_LENGTH

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
ALT_MAX_LENGTH = 250


def _image_help():
    return _("Optional. A JPEG, PNG or WebP picture of at most %(size)s. We remove location and camera data.") % {
        "size": filesizeformat(images.MAX_BYTES)
    }


class PostFormMixin:
    """Body, image and image description, checked as community.posting will check them."""

    markdown_help = True  # the template shows the formatting help below the text field

    def _add_post_fields(self, *, with_image=True):
        self.fields["body"] = forms.CharField(
            label=_("Your text"),
            max_length=POST_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=_("Simple formatting is possible, see “How to format your text” below the field."),
            error_messages={"required": _("Write a text first.")},
        )
        if with_image:
            self.fields["image"] = forms.FileField(
                label=_("Image"),
                required=False,
                widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
                help_text=_image_help(),
            )
            self._add_alt_field(required=False)

    def _add_alt_field(self, *, required):
        self.fields["image_alt"] = forms.CharField(
            label=_("Image description"),
            required=required,
            max_length=ALT_MAX_LENGTH,
            help_text=_("What does the image show? For people who cannot see it. Required with an image."),
            error_messages={"required": _("Describe the image for people who cannot see it.")},
        )

    def clean_body(self):
        try:
            return posting.clean_body(self.cleaned_data.get("body"))
        except posting.PostingError as error:
            raise forms.ValidationError(error.messages) from None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return images.clean_image(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip() and "image_alt" not in self.errors:
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned


class TopicForm(PostFormMixin, forms.Form):
    """A new topic: category, title, text and an optional image."""

    def __init__(self, *args, forum, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.user = user
        self.fields["category"] = forms.ModelChoiceField(
            label=_("Category"),
            queryset=ForumCategory.objects.filter(forum=forum).order_by("sort_order", "pk"),
            empty_label=_("Choose a category"),
            error_messages={
                "required": _("Choose a category."),
                "invalid_choice": _("Choose a category of this forum."),
            },
        )
        self.fields["title"] = forms.CharField(
            label=_("Title"),
            max_length=TITLE_MAX_LENGTH,
            help_text=_("A short summary of your question or subject."),
            error_messages={"required": _("Give your topic a title.")},
        )
        self._add_post_fields()

    def clean_title(self):
        try:
            return posting.clean_title(self.cleaned_data.get("title"))
        except posting.PostingError as error:
            raise forms.ValidationError(error.messages) from None


class ReplyForm(PostFormMixin, forms.Form):
    """A reply in a topic; ``quoted_post`` (hidden) is the post it quotes."""

    def __init__(self, *args, thread, user=None, quoted_post=None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if quoted_post is not None:
            initial.setdefault("quoted_post", quoted_post.pk)
        super().__init__(*args, initial=initial, **kwargs)
        self.thread = thread
        self.user = user
        self.fields["quoted_post"] = forms.ModelChoiceField(
            queryset=Post.objects.filter(thread=thread, status=PostStatus.VISIBLE),
            required=False,
            widget=forms.HiddenInput,
            error_messages={"invalid_choice": _("The post you quote is not in this topic.")},
        )
        self._add_post_fields()

    def clean(self):
        cleaned = super().clean()
        if "quoted_post" in self.errors:
            # A hidden field: the member cannot correct it, so say it above the form.
            self.add_error(None, self.errors.pop("quoted_post"))
        return cleaned


class ReactionForm(PostFormMixin, forms.Form):
    """A reaction below a page or tip."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._add_post_fields()
        self.fields["body"].label = _("Your reaction")


class EditPostForm(PostFormMixin, forms.Form):
    """Changing the text of a post (and the description of its image, when it has one)."""

    def __init__(self, *args, post, user=None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        initial.setdefault("body", post.body)
        if post.image:
            initial.setdefault("image_alt", post.image_alt)
        super().__init__(*args, initial=initial, **kwargs)
        self.post = post
        self.user = user
        self._add_post_fields(with_image=False)
        if post.image:
            self._add_alt_field(required=True)
