"""Content in every section, tagged with one theme and one audience, for the hub and related-content tests.

``SectionContent.grow(n)`` adds items until every section has ``n`` of them, so that a test can measure the
queries of a page at 10 items per section and again at 100.
"""

import datetime

from django.utils import timezone

from core.models import Audience, Theme
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from knowledgeboost.factories import KnowledgeBoostIndexPageFactory, SessionPageFactory
from networks.factories import (
    InclusionAgendaPageFactory,
    MunicipalityFactory,
    MunicipalityIndexPageFactory,
    MunicipalityPageFactory,
    NetworkIndexPageFactory,
    NetworkMeetingPageFactory,
    NetworkPageFactory,
)
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory

SECTIONS = ("tips", "lessons", "stories", "sessions", "meetings", "agendas", "expeditions")


class SectionContent:
    def __init__(self, home):
        self.home = home
        self.theme = Theme.objects.create(name="Werving", slug="werving", description="Nieuwe vrijwilligers vinden.")
        self.other_theme = Theme.objects.create(name="Inclusie", slug="inclusie")
        self.audience = Audience.objects.create(name="Gemeenten", slug="gemeenten")
        self.items = {key: [] for key in SECTIONS}
        self.tips_index = TipCollectionIndexPageFactory(parent=home, slug="tips")
        self.collection = TipCollectionPageFactory(parent=self.tips_index, slug="bijeenkomst")
        expeditions = ExpeditionIndexPageFactory(parent=home, slug="expedities")
        self.expeditions_index = expeditions
        self.lesson_parent = ExpeditionPageFactory(parent=expeditions, slug="moeder-expeditie", title="Moeder")
        self.stories_index = StoryIndexPageFactory(parent=home, slug="verhalen")
        self.sessions_index = KnowledgeBoostIndexPageFactory(parent=home)
        networks = NetworkIndexPageFactory(parent=home)
        self.network = NetworkPageFactory(parent=networks)
        self.municipalities = MunicipalityIndexPageFactory(parent=self.network)

    def _tag(self, item, n):
        item.themes.set([self.theme])
        item.audiences.set([self.audience])
        item.save()  # parental many-to-many fields are written on save
        return item

    def _published(self, n):
        return timezone.now() - datetime.timedelta(days=n + 1)

    def make(self, key, n):
        published = self._published(n)
        if key == "tips":
            item = TipFactory(page=self.collection, title=f"Tip {n} over werving", body=f"<p>Tip {n}.</p>")
        elif key == "lessons":
            item = LessonPageFactory(
                parent=self.lesson_parent,
                title=f"Les {n}",
                slug=f"les-{n}",
                date=published.date(),
                first_published_at=published,
            )
        elif key == "stories":
            item = StoryPageFactory(
                parent=self.stories_index, title=f"Verhaal {n}", slug=f"verhaal-{n}", first_published_at=published
            )
        elif key == "sessions":
            start = timezone.now() + datetime.timedelta(days=n + 1)
            item = SessionPageFactory(
                parent=self.sessions_index,
                title=f"Sessie {n}",
                slug=f"sessie-{n}",
                start=start,
                end=start + datetime.timedelta(hours=1),
            )
        elif key == "meetings":
            start = timezone.now() + datetime.timedelta(days=n + 1)
            item = NetworkMeetingPageFactory(
                parent=self.network, title=f"Bijeenkomst {n}", slug=f"bijeenkomst-{n}", start=start
            )
        elif key == "agendas":
            municipality = MunicipalityFactory(name=f"Gemeente {n}", cbs_code=f"GM{8000 + n:04d}")
            page = MunicipalityPageFactory(parent=self.municipalities, municipality=municipality)
            item = InclusionAgendaPageFactory(parent=page, title=f"Agenda {n}", first_published_at=published)
        else:
            item = ExpeditionPageFactory(
                parent=self.expeditions_index,
                title=f"Expeditie {n}",
                slug=f"expeditie-{n}",
                start_date=published.date(),
                end_date=published.date() + datetime.timedelta(days=30),
            )
        self.items[key].append(self._tag(item, n))
        return item

    def grow(self, n, sections=SECTIONS):
        for key in sections:
            while len(self.items[key]) < n:
                self.make(key, len(self.items[key]))
        return self
