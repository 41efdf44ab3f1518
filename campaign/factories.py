"""Factories for the campaign section (tests only; the demo builds its objects without them)."""

import datetime

import factory
import wagtail_factories

from campaign.models import CampaignIndexPage, CampaignMaterial, CampaignWeekPage, LocalAction, MaterialsPage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campagne"
    slug = "campagne"

    class Meta:
        model = CampaignIndexPage


class CampaignWeekPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campagneweek {n}")
    motto = "Samen sterk in de buurt"
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=6))

    class Meta:
        model = CampaignWeekPage


class MaterialsPageFactory(wagtail_factories.PageFactory):
    title = "Materialen"
    slug = "materialen"

    class Meta:
        model = MaterialsPage


class LocalActionFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Actie {n}")
    organisation = "Vrijwilligerscentrale"
    place = "Zwolle"
    province = "overijssel"
    date = factory.LazyAttribute(lambda o: o.week.start_date)
    description = "Een open dag voor nieuwe vrijwilligers."
    email = "actie@example.org"
    status = LocalAction.Status.APPROVED

    class Meta:
        model = LocalAction


class CampaignMaterialFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Tekst {n}")
    material_type = "social"
    text = "Word vrijwilliger in {gemeente}!"

    class Meta:
        model = CampaignMaterial
