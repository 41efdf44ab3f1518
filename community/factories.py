"""Factories for the tests of the community areas (factory_boy is a development requirement; the demo doesn't use them).

- ``MemberFactory``: a user with a profile and a verified e-mail address (allauth), joined a month ago and
  ``trusted`` (may post without approval, see community.posting). ``MemberFactory(new=True)`` joined just now and
  is not trusted: their first post waits for approval and the first-day limits apply.
- ``ForumPageFactory(parent=network_page)``: a forum with two categories ("Algemeen", "Vragen") and a moderators group.
- ``ThreadFactory`` / ``TopicFactory`` (a topic with its opening post), ``PostFactory`` (a visible reply): rows made
  directly, without the posting rules; call ``community.posting.refresh_thread(thread)`` when counts matter.
"""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Profile
from community.models import ForumCategory, ForumPage, Post, PostStatus, Thread, ThreadKind
from community.text import normalised_digest, render_markdown
from core.factories import UserFactory


class MemberFactory(UserFactory):
    """A member who can post: active, verified e-mail address, a profile."""

    username = factory.Sequence(lambda n: f"lid{n}")
    date_joined = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))

    class Meta:
        model = UserFactory._meta.model
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        new = factory.Trait(date_joined=factory.LazyFunction(timezone.now), trusted=False)

    trusted = True

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if not create:
            return
        fields = {"display_name": f"{obj.first_name} {obj.username}".strip(), **kwargs}
        Profile.objects.update_or_create(user=obj, defaults=fields)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": extracted is not False, "primary": True}
            )

    @classmethod
    def _create(cls, model_class, *args, trusted=True, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if trusted:
            from django.contrib.auth.models import Permission

            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="community", codename="post_without_approval")
            )
        return user


class ForumPageFactory(wagtail_factories.PageFactory):
    title = "Forum"
    slug = "forum"

    class Meta:
        model = ForumPage
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if not create:
            return
        for index, name in enumerate(extracted or ["Algemeen", "Vragen"]):
            ForumCategory.objects.create(forum=obj, name=name, slug=slugify(name), sort_order=index)

    @factory.post_generation
    def moderators(obj, create, extracted, **kwargs):
        if create and obj.moderators_id is None:
            obj.moderators = extracted or Group.objects.create(name=f"Moderatoren forum {obj.pk}")
            obj.save(update_fields=["moderators"])


class ThreadFactory(factory.django.DjangoModelFactory):
    kind = ThreadKind.TOPIC
    forum = None
    category = factory.LazyAttribute(lambda o: o.forum.categories.first() if o.forum else None)
    title = factory.Sequence(lambda n: f"Onderwerp {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:150])
    author = factory.SubFactory(MemberFactory)
    status = PostStatus.VISIBLE
    last_post_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Thread
        skip_postgeneration_save = True


class PostFactory(factory.django.DjangoModelFactory):
    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(MemberFactory)
    body = factory.Sequence(lambda n: f"Een bijdrage over vrijwillige inzet, nummer {n}.")
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body, members=[]))
    body_digest = factory.LazyAttribute(lambda o: normalised_digest(o.body))
    status = PostStatus.VISIBLE

    class Meta:
        model = Post


class TopicFactory(ThreadFactory):
    """A topic with its opening post (``opening__body=...`` to choose the text)."""

    opening = factory.RelatedFactory(
        PostFactory,
        factory_related_name="thread",
        is_opening=True,
        author=factory.SelfAttribute("..author"),
        status=factory.SelfAttribute("..status"),
    )
