"""Factories for stories, shared by the tests and the demo content."""

import factory
import wagtail_factories

from stories.models import StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Verhalen"
    slug = "verhalen"
    introduction = "<p>Verhalen van vrijwilligers, initiatiefnemers en organisaties.</p>"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Verhaal {n}")
    person_name = factory.Sequence(lambda n: f"Vrijwilliger {n}")
    organisation = "vrijwilliger bij de voedselbank"
    pull_quote = "Ik krijg er minstens zoveel voor terug als ik geef."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Het begon met een vraag van de buurvrouw. Inmiddels help ik elke week mee.</p>")]
    )

    class Meta:
        model = StoryPage
