"""Factories for the tests (factory_boy is a development requirement; the demo does not use these)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from core.models import Municipality, Province
from networks.models import (
    AgendaStatus,
    InclusionAgendaPage,
    MemberRole,
    MunicipalityIndexPage,
    MunicipalityPage,
    NetworkIndexPage,
    NetworkMeetingPage,
    NetworkMember,
    NetworkPage,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    province = Province.OVERIJSSEL
    inhabitants = 50_000

    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)


class NetworkIndexPageFactory(wagtail_factories.PageFactory):
    title = "Netwerken"
    slug = "netwerken"

    class Meta:
        model = NetworkIndexPage


class NetworkPageFactory(wagtail_factories.PageFactory):
    title = "Iedereen doet mee!"
    slug = "iedereen-doet-mee"
    introduction = "<p>Gemeenten werken samen met ervaringsdeskundigen aan het VN-verdrag Handicap.</p>"

    class Meta:
        model = NetworkPage


class MunicipalityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Gemeenten"
    slug = "gemeenten"

    class Meta:
        model = MunicipalityIndexPage


class MunicipalityPageFactory(wagtail_factories.PageFactory):
    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.LazyAttribute(lambda o: o.municipality.name)
    slug = factory.LazyAttribute(lambda o: o.municipality.slug)

    class Meta:
        model = MunicipalityPage


class InclusionAgendaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lokale Inclusie Agenda {n}")
    slug = "inclusie-agenda"
    status = AgendaStatus.ADOPTED
    agenda_summary = "<p>Samen met inwoners met een beperking werken aan een gemeente voor iedereen.</p>"

    class Meta:
        model = InclusionAgendaPage


class NetworkMeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Netwerkbijeenkomst {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    format = "online"
    capacity = 2
    meeting_url = "https://vergaderen.example.nl/geheim-netwerk"

    class Meta:
        model = NetworkMeetingPage


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    network = None
    municipality = factory.SubFactory(MunicipalityFactory)
    role = MemberRole.SIGNATORY

    class Meta:
        model = NetworkMember
