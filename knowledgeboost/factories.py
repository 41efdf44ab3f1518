"""Factories shared by the tests, the demo content and the benchmark."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from knowledgeboost.models import (
    EventFormat,
    KnowledgeBoostIndexPage,
    KnowledgeBoostWeekPage,
    Registration,
    RegistrationStatus,
    SessionPage,
)


def next_weekday(weekday, hour=10, weeks_ahead=2):
    """An aware datetime on the given weekday (0 = Monday) a few weeks from today, at `hour` Dutch time."""
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 + 7 * weeks_ahead
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour=hour)))


class KnowledgeBoostIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kennisboostweken"
    slug = "kennisboostweken"
    introduction = "<p>Online kennissessies voor vrijwilligerscoördinatoren, organisaties en gemeenten.</p>"
    show_in_menus = True

    class Meta:
        model = KnowledgeBoostIndexPage


class KnowledgeBoostWeekPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kennisboostweek {n}")
    theme = "Nieuwe gezichten in je organisatie"
    start_date = factory.LazyFunction(lambda: next_weekday(0).date())
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    introduction = "<p>Een week vol online sessies over werven en welkom heten.</p>"

    class Meta:
        model = KnowledgeBoostWeekPage


class SessionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinar nieuwe gezichten {n}")
    start = factory.LazyFunction(lambda: next_weekday(1))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    format = EventFormat.ONLINE
    meeting_url = "https://teams.example.org/l/meetup-join/geheim-123"
    capacity = 30
    listing_summary = "Hoe bereik je mensen die nog nooit vrijwilligerswerk deden?"

    class Meta:
        model = SessionPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(SessionPageFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    organisation = "Vrijwilligerscentrale Utrecht"
    status = RegistrationStatus.REGISTERED

    class Meta:
        model = Registration
