"""Related content on detail pages: a few items from other sections that share themes and audiences.

Editors pin pages of their own (core.models.RelatedPin, on the page's promote tab); they come first. The rest is
found per registered kind (core/content_registry.py) other than the page's own, ranked by overlap (shared themes
plus shared audiences) and then by date, at most ``PER_KIND`` from one section so that the block mixes sections.

Cost: the object's themes and audiences (one query, shared with components/taxonomy.html), one query for the
candidates of all kinds together with the page's pins (plus, when there are pins, one for the pinned pages and one
per page type pinned: at most ``LIMIT``), and one query per kind that made the cut (at most ``LIMIT``). Nothing
depends on the amount of content. The result is kept per content generation (core/caching.py), except in previews.
"""

import datetime
import html

from django.db.models import CharField, DateField, F, Value
from django.db.models.functions import Cast
from wagtail.models import Page

from core import content_registry
from core.caching import memoize

LIMIT = 4
PER_KIND = 2
# The kind of the rows of pins in the candidates' union (no kind of content has this key).
PIN = "__pin__"


def _overlap(kind, field_name, ids):
    """SQL: how many of these term ids an item of ``kind`` has (where the kind keeps them: forum topics on their
    category or forum)."""
    return kind.overlap(field_name, ids)


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

    One query finds the best ``PER_KIND`` candidates of every kind (a union of one part per kind), one query
    per kind that made the cut fetches them for their cards."""
    if not theme_ids and not audience_ids or limit <= 0:
        return []
    kinds, parts = _candidate_parts(obj, theme_ids, audience_ids, min(PER_KIND, limit), {*exclude_page_ids})
    if not parts:
        return []
    return _cards_of(kinds, list(parts[0].union(*parts[1:], all=True)), limit, request)


def _candidate_parts(obj, theme_ids, audience_ids, per_kind, exclude, excluded_pins=None):
    """The kinds other than ``obj``'s own, and per kind the query of its best ``per_kind`` candidates as rows
    ``(kind, pk, overlap, date)``; pages in ``exclude`` or pinned on ``excluded_pins`` are left out."""
    own = content_registry.kind_for(obj)
    if isinstance(obj, Page):
        exclude.add(obj.pk)
    kinds = {}
    parts = []
    for kind in content_registry.kinds(include_community=True):  # forum topics too (core.content_registry)
        if kind is own:
            continue
        kinds[kind.key] = kind
        qs = kind.tagged(themes=theme_ids, audiences=audience_ids)
        if kind.is_page and exclude:
            qs = qs.exclude(pk__in=exclude)
        if kind.is_page and excluded_pins is not None:
            qs = qs.exclude(pk__in=excluded_pins.values("page_id"))

        def overlap(kind=kind):
            return _overlap(kind, "themes", theme_ids) + _overlap(kind, "audiences", audience_ids)

        best = qs.annotate(related_overlap=overlap()).order_by("-related_overlap", *qs.query.order_by)
        parts.append(
            kind.model._default_manager.filter(pk__in=best.values("pk")[:per_kind])
            .annotate(
                related_kind=Value(kind.key, output_field=CharField()),
                related_overlap=overlap(),
                related_date=Cast(F(kind.date_field), DateField()),
            )
            .order_by()
            .values_list("related_kind", "pk", "related_overlap", "related_date")
        )
    return kinds, parts


def _cards_of(kinds, rows, limit, request):
    """The cards of the best ``limit`` candidate rows: one query per kind that made the cut."""
    rows = sorted(rows, key=lambda row: (row[2], _sort_date(row[3]), row[1]), reverse=True)
    chosen = rows[:limit]
    items = {}
    for key in {row[0] for row in chosen}:
        kind = kinds[key]
        ids = [row[1] for row in chosen if row[0] == key]
        for item in kind.listing(kind.model._default_manager.filter(pk__in=ids)):
            items[key, item.pk] = item
    return [_card(kinds[key], items[key, pk], request) for key, pk, _overlap_n, _date in chosen if (key, pk) in items]


def _pins_and_candidates(obj, theme_ids, audience_ids, request, exclude_page_ids):
    """The block's items with the pins read in the candidates' query (one query fewer than reading them
    first): the pin rows are one more part of the union, and pinned pages are left out of the candidates in
    SQL. Returns None when that would not give what ``pins first, then computed up to LIMIT`` gives: when so
    many pages are pinned that fewer than ``PER_KIND`` places are left (the candidates per kind depend on that)."""
    from core.models import RelatedPin

    pins = RelatedPin.objects.filter(source_id=obj.pk)
    kinds, parts = _candidate_parts(obj, theme_ids, audience_ids, PER_KIND, {*exclude_page_ids}, excluded_pins=pins)
    pin_rows = (
        pins.exclude(page_id=None)
        .annotate(
            related_kind=Value(PIN, output_field=CharField()),
            related_overlap=F("sort_order"),
            related_date=Value(None, output_field=DateField()),
        )
        .order_by()
        .values_list("related_kind", "page_id", "related_overlap", "related_date")
    )
    rows = list(pin_rows.union(*parts, all=True))
    pinned_ids = [pk for _kind, pk, _sort_order, _date in sorted((row for row in rows if row[0] == PIN), key=_order)]
    pinned = pinned_items(obj, pinned_ids, request)
    limit = LIMIT - len(pinned)
    if limit < PER_KIND and limit > 0:
        return None
    return pinned + (_cards_of(kinds, [row for row in rows if row[0] != PIN], limit, request) if limit > 0 else [])


def _order(row):
    """Pins in their editor's order (``sort_order``, which may be empty), then as read."""
    return (row[2] is None, row[2] or 0)


def related_items(obj, theme_ids, audience_ids, request=None, exclude_page_ids=()):
    """The block's items: the pinned pages, then computed ones up to ``LIMIT``."""
    if obj is None or obj.pk is None:
        return []

    def build():
        if isinstance(obj, Page) and (theme_ids or audience_ids) and not getattr(request, "is_preview", False):
            items = _pins_and_candidates(obj, theme_ids, audience_ids, request, exclude_page_ids)
            if items is not None:
                return items
        pinned_ids = pin_ids(obj)
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
