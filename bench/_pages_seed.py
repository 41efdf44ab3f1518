"""A large site for the page benchmarks: the demo (seed_demo) plus N generated pages, built in bulk.

Creating pages one by one through treebeard (`add_child`) costs a few queries and a tree lock per page, about
20 pages a second with revisions and signals; 20,000 pages would take a quarter of an hour. Here the page tree
is written directly: each new page gets the next materialised path below its parent (treebeard's fixed
4-character steps), its `wagtailcore_page` row is inserted with `bulk_create`, its own table's row (the fields
of LessonPage, StoryPage, ...) with the same primary key through the model's insert, and every parent's
`numchild` is set once at the end. The content of each generated page is copied from a demo page of the same
type (rich text, StreamField blocks, images), so a generated page renders like a real one; titles, slugs,
dates, themes and audiences vary. Pages are live and public, without revisions (the admin would create a
revision on the first edit; serving does not need one).

Spread (of N): lessons 35 % (7 per expedition), expeditions 5 %, stories 25 %, content pages 20 % (in folders of
100 below "Over het programma"), sessions 10 % (25 per Kennisboostweek), weeks 0.4 %, tip collections 4 % with
10 tips each (tips are rows, not pages). Afterwards every image gets the renditions the templates ask for (as on a
site that has been visited), and the search documents of everything are rebuilt.
"""

import datetime
import itertools
import re
import time
import uuid
from pathlib import Path

RARE_WORD = "kangoeroeweide"  # in the title of exactly three generated stories
COMMON_WORD = "vrijwilligers"

TOWNS = [
    "Zwolle", "Almere", "Delft", "Assen", "Leeuwarden", "Tilburg", "Venlo", "Middelburg", "Haarlem", "Arnhem",
    "Groningen", "Utrecht", "Enschede", "Breda", "Deventer", "Lelystad", "Emmen", "Gouda", "Hoorn", "Sittard",
]  # fmt: skip
WORDS = [
    "buurthuis", "voedselbank", "taalcafé", "sportclub", "harmonie", "zorgcentrum", "moestuin", "bibliotheek",
    "dorpsbus", "speeltuin", "kringloop", "repaircafé", "jongerenwerk", "mantelzorg", "natuurwerk", "museum",
]  # fmt: skip


def spread(total):
    """How many pages of each kind make up `total` generated pages (the counts add up to `total`)."""
    expeditions = max(1, total * 5 // 100)
    lessons = expeditions * 7
    weeks = max(1, total * 4 // 1000)
    sessions = weeks * 25
    collections = max(1, total * 4 // 100)
    stories = max(1, total * 25 // 100)
    rest = max(2, total - expeditions - lessons - weeks - sessions - collections - stories)
    folders = max(1, rest // 101)
    return {
        "expeditions": expeditions,
        "lessons": lessons,
        "weeks": weeks,
        "sessions": sessions,
        "tip collections": collections,
        "stories": stories,
        "content folders": folders,
        "content pages": rest - folders,
    }


def model_named(name):
    """The concrete model class called `name` (models move between apps; the benchmark follows them)."""
    from django.apps import apps

    found = [model for model in apps.get_models() if model.__name__ == name]
    if len(found) != 1:
        raise LookupError(f"expected one model named {name}, found {found}")
    return found[0]


class TreeWriter:
    """Writes pages of one concrete type below existing parents, in bulk."""

    def __init__(self):
        from django.contrib.contenttypes.models import ContentType
        from django.utils import timezone
        from wagtail.models import Locale

        self.now = timezone.now()
        self.locale_id = Locale.get_default().pk
        self.content_type = ContentType.objects.get_for_model
        self.added_children = {}  # parent pk -> children added
        self.next_step = {}  # parent path -> next free step below it
        self.count = 0

    def _step(self, parent):
        from wagtail.models import Page

        if parent.path not in self.next_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[parent.path] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.path]
        self.next_step[parent.path] = step + 1
        return step

    def new(self, model, template, parent, title, slug, published_at, **values):
        """An unsaved `model` instance below `parent` with `template`'s own fields, then `values`."""
        from wagtail.models import Page

        own = {
            field.attname: getattr(template, field.attname)
            for field in model._meta.local_concrete_fields
            if not field.primary_key
        }
        own.update(values)
        page = model(
            **own,
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(parent.path, parent.depth + 1, self._step(parent)),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            content_type_id=self.content_type(model).pk,
            locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published_at,
            last_published_at=published_at,
            show_in_menus=False,
            seo_title="",
            search_description="",
        )
        self.added_children[parent.pk] = self.added_children.get(parent.pk, 0) + 1
        return page

    def save(self, model, pages, batch_size=500):
        """Insert `pages` (instances of `model`, a direct subclass of Page): both tables, in batches."""
        from wagtail.models import Page

        assert model._meta.get_parent_list() == [Page], model
        base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
        own_fields = model._meta.local_concrete_fields
        for start in range(0, len(pages), batch_size):
            batch = pages[start : start + batch_size]
            rows = [Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in batch]
            Page.objects.bulk_create(rows)
            for page, row in zip(batch, rows, strict=True):
                page.pk = page.page_ptr_id = row.pk
            model._base_manager._insert(batch, fields=own_fields)
        self.count += len(pages)
        return pages

    def taxonomy(self, model, pages, themes, audiences):
        """One theme and one audience per page, in turn, so every filter value has pages."""
        for name, choices in (("themes", themes), ("audiences", audiences)):
            through = getattr(model, name).through
            source, target = (
                field.attname
                for field in through._meta.concrete_fields
                if not field.primary_key and field.related_model is not None
            )
            if not issubclass(model, getattr(through._meta.get_field(source), "related_model", object)):
                source, target = target, source
            through.objects.bulk_create(
                [through(**{source: page.pk, target: choices[n % len(choices)].pk}) for n, page in enumerate(pages)],
                batch_size=1000,
            )

    def finish(self):
        """Give every parent its new number of children."""
        from django.db.models import F
        from wagtail.models import Page

        for parent_pk, added in self.added_children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + added)


def templates_of(model):
    """The demo's pages of `model`, richest first: generated pages copy their content in turn."""
    pages = list(model.objects.live().order_by("pk"))
    if not pages:
        raise LookupError(f"the demo has no {model.__name__}")
    return pages


def build(total, stdout=print):
    """Add `total` generated pages to the seeded demo; returns the counts per kind."""
    from django.db import transaction
    from django.utils.text import slugify

    from core.models import Audience, Theme

    counts = spread(total)
    themes, audiences = list(Theme.objects.order_by("pk")), list(Audience.objects.order_by("pk"))
    writer = TreeWriter()
    now = writer.now
    names = itertools.count(1)

    def title_and_slug(prefix, number):
        town, word = TOWNS[number % len(TOWNS)], WORDS[(number // len(TOWNS)) % len(WORDS)]
        title = f"{prefix} {word} {town} {number}"
        return title, slugify(title)

    def published(number, spread_days=2000):
        return now - datetime.timedelta(days=number % spread_days, minutes=number % 1440)

    ExpeditionIndexPage = model_named("ExpeditionIndexPage")
    ExpeditionPage = model_named("ExpeditionPage")
    LessonPage = model_named("LessonPage")
    StoryIndexPage = model_named("StoryIndexPage")
    StoryPage = model_named("StoryPage")
    TipCollectionIndexPage = model_named("TipCollectionIndexPage")
    TipCollectionPage = model_named("TipCollectionPage")
    Tip = model_named("Tip")
    KnowledgeBoostIndexPage = model_named("KnowledgeBoostIndexPage")
    KnowledgeBoostWeekPage = model_named("KnowledgeBoostWeekPage")
    SessionPage = model_named("SessionPage")
    ContentPage = model_named("ContentPage")
    Lens, TargetGroup = LessonPage._meta.get_field("lens").choices, LessonPage._meta.get_field("target_group").choices
    provinces = [value for value, _label in ExpeditionPage._meta.get_field("province").choices]

    with transaction.atomic():
        # Expeditions with their lessons.
        index = ExpeditionIndexPage.objects.get()
        templates = templates_of(ExpeditionPage)
        expeditions = []
        for n in range(counts["expeditions"]):
            number = next(names)
            title, slug = title_and_slug("Expeditie", number)
            start = (now - datetime.timedelta(days=(n * 7) % 1800 - 120)).date()
            expeditions.append(
                writer.new(
                    ExpeditionPage, templates[n % len(templates)], index, title, slug, published(number),
                    start_date=start, end_date=start + datetime.timedelta(days=180), status_override="",
                    province=provinces[n % len(provinces)],
                )
            )  # fmt: skip
        writer.save(ExpeditionPage, expeditions)
        writer.taxonomy(ExpeditionPage, expeditions, themes, audiences)
        templates = templates_of(LessonPage)
        lessons = []
        for n in range(counts["lessons"]):
            number = next(names)
            parent = expeditions[n % len(expeditions)]
            title, slug = title_and_slug("Les", number)
            lessons.append(
                writer.new(
                    LessonPage, templates[n % len(templates)], parent, title, slug, published(number),
                    expedition_id=parent.pk, lens=Lens[n % len(Lens)][0],
                    target_group=TargetGroup[n % len(TargetGroup)][0],
                    date=parent.start_date + datetime.timedelta(days=n % 60),
                )
            )  # fmt: skip
        writer.save(LessonPage, lessons)
        writer.taxonomy(LessonPage, lessons, themes, audiences)

        # Stories; three of them carry the rare word.
        index = StoryIndexPage.objects.get()
        templates = templates_of(StoryPage)
        stories = []
        rare = {counts["stories"] // 4, counts["stories"] // 2, 3 * counts["stories"] // 4}
        for n in range(counts["stories"]):
            number = next(names)
            title, slug = title_and_slug("Verhaal", number)
            if n in rare:
                title, slug = f"{title} {RARE_WORD}", f"{slug}-{RARE_WORD}"
            stories.append(writer.new(StoryPage, templates[n % len(templates)], index, title, slug, published(number)))
        writer.save(StoryPage, stories)
        writer.taxonomy(StoryPage, stories, themes, audiences)

        # Tip collections of ten tips each.
        index = TipCollectionIndexPage.objects.get()
        templates = templates_of(TipCollectionPage)
        demo_tips = list(Tip.objects.order_by("pk")[:200])
        collections = []
        for n in range(counts["tip collections"]):
            number = next(names)
            title, slug = title_and_slug("Tips", number)
            collections.append(
                writer.new(
                    TipCollectionPage, templates[n % len(templates)], index, title, slug, published(number),
                    occasion_date=published(number).date(), report_id=None,
                )
            )  # fmt: skip
        writer.save(TipCollectionPage, collections)
        writer.taxonomy(TipCollectionPage, collections, themes, audiences)
        tips = []
        for n, collection in enumerate(collections):
            for position in range(10):
                template = demo_tips[(n * 10 + position) % len(demo_tips)]
                tips.append(
                    Tip(
                        page_id=collection.pk, sort_order=position, title=template.title,
                        slug=f"{slugify(template.title)[:70]}-{position + 1}", body=template.body,
                    )
                )  # fmt: skip
        Tip.objects.bulk_create(tips, batch_size=1000)
        writer.taxonomy(Tip, Tip.objects.filter(page__in=[c.pk for c in collections]).order_by("pk"), themes, audiences)

        # Kennisboostweken with their sessions: most in the past, the last few upcoming.
        index = KnowledgeBoostIndexPage.objects.get()
        templates = templates_of(KnowledgeBoostWeekPage)
        weeks = []
        for n in range(counts["weeks"]):
            number = next(names)
            title, slug = title_and_slug("Kennisboostweek", number)
            start = (now + datetime.timedelta(weeks=n - counts["weeks"] + 3)).date()
            weeks.append(
                writer.new(
                    KnowledgeBoostWeekPage, templates[n % len(templates)], index, title, slug, published(number),
                    start_date=start, end_date=start + datetime.timedelta(days=4),
                )
            )  # fmt: skip
        writer.save(KnowledgeBoostWeekPage, weeks)
        templates = templates_of(SessionPage)
        sessions = []
        for n in range(counts["sessions"]):
            number = next(names)
            week = weeks[n % len(weeks)]
            title, slug = title_and_slug("Sessie", number)
            day = datetime.datetime.combine(week.start_date, datetime.time(9 + n % 8), tzinfo=datetime.UTC)
            start = day + datetime.timedelta(days=(n // len(weeks)) % 5)
            sessions.append(
                writer.new(
                    SessionPage, templates[n % len(templates)], week, title, slug, published(number),
                    start=start, end=start + datetime.timedelta(hours=1), capacity=30, is_cancelled=False,
                    registration_opens_at=None, registration_closes_at=None,
                )
            )  # fmt: skip
        writer.save(SessionPage, sessions)
        writer.taxonomy(SessionPage, sessions, themes, audiences)

        # Content pages in folders of about a hundred.
        about = ContentPage.objects.order_by("path").first()
        templates = templates_of(ContentPage)
        folders = []
        for n in range(counts["content folders"]):
            number = next(names)
            title, slug = title_and_slug("Dossier", number)
            folders.append(
                writer.new(ContentPage, templates[n % len(templates)], about, title, slug, published(number))
            )
        writer.save(ContentPage, folders)
        pages = []
        for n in range(counts["content pages"]):
            number = next(names)
            title, slug = title_and_slug("Achtergrond", number)
            folder = folders[n % len(folders)]
            pages.append(writer.new(ContentPage, templates[n % len(templates)], folder, title, slug, published(number)))
        writer.save(ContentPage, pages)
        writer.taxonomy(ContentPage, [*folders, *pages], themes, audiences)
        writer.finish()
    assert writer.count == total, (writer.count, total)
    summary = ", ".join(f"{value} {kind}" for kind, value in counts.items())
    stdout(f"  generated {writer.count} pages and {len(tips)} tips: {summary}")
    return counts


def seed(total, stdout=print):
    """Demo plus `total` generated pages plus search documents, in the migrated database. Returns timings."""
    from django.core.management import call_command
    from django.db import connection

    timings = {}
    began = time.perf_counter()
    call_command("seed_demo", verbosity=0, stdout=open_null())
    timings["demo"] = time.perf_counter() - began
    began = time.perf_counter()
    build(total, stdout)
    timings["pages"] = time.perf_counter() - began
    began = time.perf_counter()
    made = make_renditions()
    timings["renditions"] = time.perf_counter() - began
    stdout(f"  {made} image renditions")
    began = time.perf_counter()
    from search import indexing

    documents = indexing.rebuild()
    timings["search documents"] = time.perf_counter() - began
    stdout(f"  {documents} search documents")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return timings


# The filter spec of an `{% image <source> <spec> ... %}` tag, e.g. "fill-480x270" or "width-800|format-webp".
IMAGE_TAG = re.compile(r"\{%\s*image\s+\S+\s+([\w|-]+)")


def template_filter_specs():
    """The filter specs of the `{% image %}` tags in this project's own templates (not the admin's)."""
    from django.template import engines

    root = Path(__file__).resolve().parent.parent
    specs = set()
    for directory in engines["django"].template_dirs:
        directory = Path(directory).resolve()
        if directory.is_relative_to(root) and ".venv" not in directory.parts:
            for path in directory.rglob("*.html"):
                specs.update(IMAGE_TAG.findall(path.read_text(encoding="utf-8")))
    return sorted(specs)


def make_renditions():
    """Every image's renditions for the templates' filter specs, as on a site that has been visited; returns how
    many the images have (on a fresh seed, all made here). A rendition is made once, on the first page that shows
    the picture at that size, and kept. Without this, each run made them again from its fresh copy of the seed, in
    the middle of the measurement (in-process, 7 portraits made during 150 stories in turn took a quarter of their
    time), while bakerydemo is measured on its second run, with its renditions made by the first
    (bench/bakerydemo/README.md)."""
    from wagtail.images import get_image_model

    specs = template_filter_specs()
    made = 0
    for image in get_image_model().objects.all():
        made += len(image.get_renditions(*specs))
    return made


def open_null():
    import io

    return io.StringIO()
