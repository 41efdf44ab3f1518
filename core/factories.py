"""Factories shared by the tests and the demo content."""

import factory
import wagtail_factories
from django.utils.text import slugify

from core.models import Audience, ContentPage, CustomImage, HomePage, Theme, User


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Sam"
    last_name = "de Vries"
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = User
        django_get_or_create = ("username",)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class AudienceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Audience
        django_get_or_create = ("slug",)


class ImageFactory(wagtail_factories.ImageFactory):
    alt_text = "Een groep vrijwilligers in gesprek"

    class Meta:
        model = CustomImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kennisplatform Vrijwillige Inzet"
    hero_title = "Kennis delen over vrijwillige inzet"
    hero_text = "Tips, verhalen en lessen van vrijwilligersorganisaties en gemeenten."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Informatiepagina {n}")
    introduction = "<p>Een korte inleiding op deze pagina.</p>"
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Waar gaat dit over?", "level": "h2"}),
            ("paragraph", "<p>Vrijwilligers maken het verschil in elke gemeente.</p>"),
        ]
    )

    class Meta:
        model = ContentPage
