"""Factories for expeditions, leaders, organisations and lessons: used by the tests and the demo content."""

import datetime

import factory
import wagtail_factories

from core.factories import UserFactory

from .models import (
    ExpeditionIndexPage,
    ExpeditionLeader,
    ExpeditionLeadership,
    ExpeditionPage,
    ExpeditionParticipation,
    ExpeditionTargetGroup,
    Lens,
    LessonPage,
    Organisation,
    OrganisationKind,
    Province,
    TargetGroup,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Vrijwilligersorganisatie {n}")
    kind = OrganisationKind.SPORTS_CLUB
    municipality = "Utrecht"
    website = ""

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class ExpeditionLeaderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Expeditieleider {n}")
    bio = "Traint vrijwilligersorganisaties in het werven van nieuwe gezichten."
    region = Province.UTRECHT

    class Meta:
        model = ExpeditionLeader

    class Params:
        with_account = factory.Trait(
            user=factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"leider{n}"))
        )


class ExpeditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Expedities Nieuwe Gezichten"
    slug = "expedities"
    introduction = "<p>Vrijwilligersorganisaties die samen met een expeditieleider nieuwe vrijwilligers bereiken.</p>"

    class Meta:
        model = ExpeditionIndexPage


class ExpeditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Expeditie {n}")
    start_date = datetime.date(2021, 3, 1)
    end_date = datetime.date(2021, 10, 31)
    province = Province.UTRECHT
    listing_summary = "Een vrijwilligersorganisatie zoekt nieuwe gezichten."

    class Meta:
        model = ExpeditionPage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Les {n}")
    listing_summary = "Wat we leerden over het werven van nieuwe vrijwilligers."
    lens = Lens.ACCESSIBILITY
    target_group = TargetGroup.YOUNG_PEOPLE
    date = datetime.date(2021, 6, 1)
    what_was_tried = "<p>We nodigden jongeren uit voor een open avond.</p>"

    class Meta:
        model = LessonPage


class ExpeditionLeadershipFactory(factory.django.DjangoModelFactory):
    expedition = factory.SubFactory(ExpeditionPageFactory)
    leader = factory.SubFactory(ExpeditionLeaderFactory)

    class Meta:
        model = ExpeditionLeadership


class ExpeditionParticipationFactory(factory.django.DjangoModelFactory):
    expedition = factory.SubFactory(ExpeditionPageFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = ExpeditionParticipation


class ExpeditionTargetGroupFactory(factory.django.DjangoModelFactory):
    expedition = factory.SubFactory(ExpeditionPageFactory)
    target_group = TargetGroup.YOUNG_PEOPLE
    new_volunteers = None

    class Meta:
        model = ExpeditionTargetGroup
