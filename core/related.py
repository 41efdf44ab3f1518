"""Related content on detail pages: a few items from other sections that share themes and audiences.

Editors pin pages of their own (core.models.RelatedPin, on the page's promote tab); they come first. The rest is
found per registered kind (core/content_registry.py) other than the page's own, ranked by overlap (shared themes
plus shared audiences) and then by date, at most ``PER_KIND`` from one section so that the block mixes sections.

The ranking reads the term index (``TermIndex``): the themes, audiences and dates of every public item of every
kind, and every page's pins, read in one query per content generation and kept in the process (like the
invariants of core/caching.py, but shared by all pages and not copied per request: after it is built, only its
cards are added to). A page seen for the first time in a generation then costs no query for the ranking, only for
cards that no page of the generation has shown yet (the index keeps the cards it hands out): one query per kind
with such a card (at most ``LIMIT``), plus one for pinned pages (and one per page type pinned).
Ranking in SQL, per page, took about 50 ms of a lesson's first view at 2,000 pages, nearly all of it in building
and compiling a union of correlated subqueries. Building the index takes about 45 ms at 2,000 pages and 225 ms at
20,000 (SQLite), once per process and generation, and holds about 9 MB at 20,000 pages; ranking from it takes
about 2.5 ms for a page with the most common theme and audience at 20,000 pages (7,800 items share one of them).
The block's result is also kept per content generation (core/caching.py), except in previews.
"""

import datetime
import heapq
import html
import threading
import time
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import CharField, DateTimeField, F, IntegerField, Value
from django.db.models.functions import Cast
from django.utils import timezone, translation
from wagtail.models import Page, Site

from core import content_registry
from core.caching import memoize, request_generation

LIMIT = 4
PER_KIND = 2
# The term index's rows of pins and of items' dates have these fields (a term's: "themes" or "audiences").
PIN_FIELD = "pin"
ITEM_FIELD = "item"
# An item without a date sorts as the oldest.
NO_DATE = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _text(value):
    return Value(value, output_field=CharField())


def _number(value):
    return Value(value, output_field=IntegerField())


def _sort_date(value):
    """Dates and datetimes of different kinds on one scale (newest first)."""
    if value is None:
        return datetime.date.min
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _card(kind, item, request, pinned=False):
    label = kind.singular if kind else getattr(item, "specific_class", type(item))._meta.verbose_name
    return {
        "kind": kind.key if kind else "",
        "label": str(label)[:1].upper() + str(label)[1:],
        "title": item.title,
        "url": item.get_url(request),
        "date": kind.date_of(item) if kind else None,
        "summary": html.unescape(getattr(item, "summary", "") or ""),
        "pinned": pinned,
    }


def shows_related(obj):
    """Detail pages get the block: items of a registered kind and the generic content page."""
    from core.models import ContentPage

    return obj is not None and (content_registry.kind_for(obj) is not None or isinstance(obj, ContentPage))


def pin_ids(obj):
    """The pages pinned on ``obj`` (a page; in a preview, its unsaved pins), in their order."""
    pins = getattr(obj, "related_pins", None)
    if pins is None:
        return []
    return [pin.page_id for pin in pins.all() if pin.page_id]


def pinned_items(obj, page_ids, request=None):
    page_ids = [pk for pk in page_ids if pk != obj.pk][:LIMIT]
    if not page_ids:
        return []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).live().public().specific()}
    return [
        _card(content_registry.kind_for(pages[pk]), pages[pk], request, pinned=True) for pk in page_ids if pk in pages
    ]


def computed_items(obj, theme_ids, audience_ids, request=None, limit=LIMIT, exclude_page_ids=()):
    """Up to ``limit`` items of other kinds sharing a theme or audience with ``obj``: by overlap, then date.

    The best ``PER_KIND`` candidates of every kind come from the term index; one query per kind that made the cut
    fetches them for their cards."""
    if not theme_ids and not audience_ids or limit <= 0:
        return []
    exclude = {*exclude_page_ids}
    if isinstance(obj, Page):
        exclude.add(obj.pk)
    own = content_registry.kind_for(obj)
    kinds = {kind.key: kind for kind in content_registry.kinds(include_community=True) if kind is not own}
    rows = term_index(request).candidates(kinds, theme_ids, audience_ids, exclude, min(PER_KIND, limit))
    return _cards_of(kinds, rows, limit, request)


def _cards_of(kinds, rows, limit, request):
    """The cards of the best ``limit`` candidate rows ``(kind, pk, overlap, date)``.

    Cards are kept in the term index, for all pages of its generation: the newest items of a common theme are
    related to hundreds of pages. Only the cards not kept yet are fetched, in one query per kind."""
    rows = sorted(rows, key=lambda row: (row[2], _sort_date(row[3]), row[1]), reverse=True)
    chosen = [(key, pk) for key, pk, _overlap, _date in rows[:limit]]
    kept = term_index(request).cards
    # A card's URL is relative to the request's site, and its label is in the visitor's language.
    scope = (_site_id(request), translation.get_language())
    missing = defaultdict(list)
    for key, pk in chosen:
        if (scope, key, pk) not in kept:
            missing[key].append(pk)
    for key, ids in missing.items():
        kind = kinds[key]
        found = {item.pk: item for item in kind.cards(kind.model._default_manager.filter(pk__in=ids))}
        for pk in ids:  # one that is gone is kept as None: not asked for again in this generation
            kept[scope, key, pk] = _card(kind, found[pk], request) if pk in found else None
    cards = (kept[scope, key, pk] for key, pk in chosen)
    return [dict(card) for card in cards if card is not None]  # copies: the kept ones are shared by all threads


def _site_id(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else None


# --- The term index ------------------------------------------------------------------------------------------


class TermIndex:
    """What ranking needs of every public item of every kind, and every page's pins, read in one query.

    ``entries``: (kind, pk) -> (date, end), each an aware datetime or None (dates as midnight UTC, which keeps
    their order and their day); ``postings``: (kind, field, term id) -> the pks of the items of that kind that
    have that term (where the kind keeps it: a forum topic has its category's terms, else its forum's); ``ranks``:
    kind -> pk -> place in the kind's order; ``pins``: page id -> the ids of the pages pinned on it, in their
    editor's order; ``cards``: the items' cards, kept as pages show them."""

    def __init__(self, rows, upcoming=()):
        """``rows``: ``(kind, field, pk, term, order, date, end)``. A row of a term field ("themes", "audiences")
        says that item ``pk`` has ``term``; a row of field ``ITEM_FIELD`` gives the item's ``date`` and ``end``;
        a row of field ``PIN_FIELD`` pins page ``term`` on page ``pk`` at place ``order``. ``upcoming``: the keys of
        the kinds ordered soonest first (the others: newest first)."""
        postings = defaultdict(list)
        entries = {}
        pins = []
        for key, field, pk, term, order, date, end in rows:
            if field == ITEM_FIELD:
                entries[key, pk] = (date, end)
            elif field == PIN_FIELD:
                pins.append((pk, term, order))
            else:
                postings[key, field, term].append(pk)
        self.postings = dict(postings)
        self.entries = entries
        # Each item's place in its kind's own order, the tie-break after overlap.
        ordered = defaultdict(list)
        for (key, pk), (date, _end) in entries.items():
            ordered[key].append((date or NO_DATE, pk))
        self.ranks = {}
        for key, items in ordered.items():
            items.sort(reverse=key not in upcoming)
            self.ranks[key] = {pk: place for place, (_date, pk) in enumerate(items)}
        pinned = defaultdict(list)
        # In their editor's order (``sort_order``, which may be empty: those last).
        for source, page, _order in sorted(pins, key=lambda pin: (pin[2] is None, pin[2] or 0)):
            pinned[source].append(page)
        self.pins = dict(pinned)
        # (site id, language, kind, pk) -> the item's card (or None: not public), filled by ``_cards_of`` as pages
        # ask for them. The only part that changes after the build: one dict item at a time.
        self.cards = {}

    @classmethod
    def build(cls):
        """The index of the content now, in one query: a union of the pins, a part per kind, field and term path
        (the items' terms) and a part per kind (the items' dates, read once per item rather than with every term:
        converting them is most of what the index costs)."""
        from core.models import RelatedPin

        # Typed NULLs: PostgreSQL matches the columns of a union pair by pair, and two untyped NULLs become text.
        no_date = Cast(Value(None), DateTimeField())
        columns = (
            "related_kind",
            "related_field",
            "pk",
            "related_term",
            "related_order",
            "related_date",
            "related_end",
        )
        parts = [
            RelatedPin.objects.exclude(page=None)
            .annotate(
                related_kind=_text(""),
                related_field=_text(PIN_FIELD),
                related_term=F("page_id"),
                related_order=F("sort_order"),
                related_date=no_date,
                related_end=no_date,
            )
            .order_by()
            .values_list("related_kind", "related_field", "source_id", *columns[3:])
        ]
        kinds = content_registry.kinds(include_community=True)
        for kind in kinds:
            for field in content_registry.TERM_FIELDS:
                for part in kind.term_querysets(field):
                    parts.append(
                        part.filter(term__isnull=False)
                        .annotate(
                            related_kind=_text(kind.key),
                            related_field=_text(field),
                            related_term=F("term"),
                            related_order=_number(0),
                            related_date=no_date,
                            related_end=no_date,
                        )
                        .values_list(*columns)
                    )
            parts.append(
                kind.public()
                .order_by()
                .annotate(
                    related_kind=_text(kind.key),
                    related_field=_text(ITEM_FIELD),
                    related_term=Cast(Value(None), IntegerField()),
                    related_order=_number(0),
                    related_date=Cast(F(kind.date_field), DateTimeField()),
                    related_end=Cast(F(kind.end_field), DateTimeField()) if kind.end_field else no_date,
                )
                .values_list(*columns)
            )
        return cls(parts[0].union(*parts[1:], all=True), {kind.key for kind in kinds if kind.upcoming})

    def candidates(self, kinds, theme_ids, audience_ids, exclude, per_kind, now=None):
        """Rows ``(kind, pk, overlap, date)``: the best ``per_kind`` items of each of ``kinds`` (key -> kind) that
        share a term, by overlap and then as the kind orders them (newest first; upcoming kinds soonest first and
        only what is still to come). Pages in ``exclude`` are left out.

        Per kind: the overlaps are counted from the terms' lists (``Counter`` counts in C) and only the best few
        are picked (``heapq``), not sorted: a common theme has thousands of items."""
        now = now or timezone.now()
        rows = []
        for key, kind in kinds.items():
            overlap = Counter()
            for field, ids in (("themes", theme_ids), ("audiences", audience_ids)):
                for term in set(ids):
                    overlap.update(self.postings.get((key, field, term), ()))
            if kind.is_page:
                for pk in exclude:
                    overlap.pop(pk, None)
            if not overlap:
                continue
            rank = self.ranks.get(key, {})
            items = overlap
            if kind.upcoming:
                items = [pk for pk in overlap if _still_to_come(kind, *self.entries.get((key, pk), (None, None)), now)]
            last = len(rank)
            for pk in heapq.nsmallest(per_kind, items, key=lambda pk: (-overlap[pk], rank.get(pk, last))):
                rows.append((key, pk, overlap[pk], self.entries.get((key, pk), (None, None))[0]))
        return rows


def _still_to_come(kind, date, end, now):
    """As ``kind.public()`` filters upcoming kinds: not yet ended, or (without an end) not yet started."""
    if kind.end_field:
        return end is not None and end > now
    return date is not None and date >= now


_held = (None, 0.0, None)  # (generation, kept until, TermIndex): replaced as one
_building = threading.Lock()


def _held_for(generation):
    """The held index if it is of ``generation`` and not past its time, else None."""
    held_generation, until, index = _held
    if generation is not None and generation == held_generation and time.time() < until:
        return index
    return None


def term_index(request=None):
    """The term index of the content generation ``request`` started with, built once per process and generation
    (and kept no longer than the page cache's timeout, as the other invariants)."""
    global _held
    generation = request_generation(request)
    index = _held_for(generation)
    if index is not None:
        return index
    with _building:  # one thread builds it; the others wait for it instead of building it too
        index = _held_for(generation)
        if index is not None:
            return index
        index = TermIndex.build()
        if generation is not None:
            _held = (generation, time.time() + getattr(settings, "PAGE_CACHE_TIMEOUT", 300), index)
    return index


def related_items(obj, theme_ids, audience_ids, request=None, exclude_page_ids=()):
    """The block's items: the pinned pages, then computed ones up to ``LIMIT``."""
    if obj is None or obj.pk is None:
        return []

    def build():
        if getattr(request, "is_preview", False) or not isinstance(obj, Page):
            pinned_ids = pin_ids(obj)  # a preview's unsaved pins
        else:
            pinned_ids = term_index(request).pins.get(obj.pk, [])
        pinned = pinned_items(obj, pinned_ids, request)
        computed = computed_items(
            obj,
            theme_ids,
            audience_ids,
            request,
            limit=LIMIT - len(pinned),
            exclude_page_ids={*exclude_page_ids, *pinned_ids},
        )
        return pinned + computed

    if getattr(request, "is_preview", False):
        return build()
    key = f"related:{type(obj)._meta.label_lower}:{obj.pk}:{sorted(exclude_page_ids)}"
    return memoize(request, key, build)
