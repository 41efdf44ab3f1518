"""Related content on detail pages: a few items from other sections that share themes and audiences.

Editors pin pages of their own (core.models.RelatedPin, on the page's promote tab); they come first. The rest is
found per registered kind (core/content_registry.py) other than the page's own, ranked by overlap (shared themes
plus shared audiences) and then by date, at most ``PER_KIND`` from one section so that the block mixes sections.

Cost: the object's themes and audiences (one query, shared with components/taxonomy.html), its pins (one query
plus, when there are any, one for the pages and one per page type pinned: at most ``LIMIT``), and one query per
kind that made the cut (at most ``LIMIT``); the candidates of all kinds come from one query. Nothing depends on
the amount of content. The result is kept per content generation (core/caching.py), except in previews.
"""

import datetime
import html

from django.db.models import CharField, Count, DateField, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from wagtail.models import Page

from core import content_registry
from core.caching import memoize

LIMIT = 4
PER_KIND = 2


def _overlap(kind, field_name, ids):
    """SQL: how many of these term ids an item of ``kind`` has (a subquery on the many-to-many table)."""
    if not ids:
        return Value(0, output_field=IntegerField())
    field = kind.model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    hits = (
        through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": ids})
        .order_by()
        .values(source)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(hits, output_field=IntegerField()), 0)


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
    own = content_registry.kind_for(obj)
    exclude = {*exclude_page_ids}
    if isinstance(obj, Page):
        exclude.add(obj.pk)
    kinds = {}
    parts = []
    for kind in content_registry.kinds():
        if kind is own:
            continue
        kinds[kind.key] = kind
        qs = kind.tagged(themes=theme_ids, audiences=audience_ids)
        if kind.is_page and exclude:
            qs = qs.exclude(pk__in=exclude)

        def overlap(kind=kind):
            return _overlap(kind, "themes", theme_ids) + _overlap(kind, "audiences", audience_ids)

        best = qs.annotate(related_overlap=overlap()).order_by("-related_overlap", *qs.query.order_by)
        parts.append(
            kind.model._default_manager.filter(pk__in=best.values("pk")[: min(PER_KIND, limit)])
            .annotate(
                related_kind=Value(kind.key, output_field=CharField()),
                related_overlap=overlap(),
                related_date=Cast(F(kind.date_field), DateField()),
            )
            .order_by()
            .values_list("related_kind", "pk", "related_overlap", "related_date")
        )
    if not parts:
        return []
    rows = list(parts[0].union(*parts[1:], all=True))
    rows.sort(key=lambda row: (row[2], _sort_date(row[3]), row[1]), reverse=True)
    chosen = rows[:limit]
    items = {}
    for key in {row[0] for row in chosen}:
        kind = kinds[key]
        ids = [row[1] for row in chosen if row[0] == key]
        for item in kind.listing(kind.model._default_manager.filter(pk__in=ids)):
            items[key, item.pk] = item
    return [_card(kinds[key], items[key, pk], request) for key, pk, _overlap_n, _date in chosen if (key, pk) in items]


def related_items(obj, theme_ids, audience_ids, request=None, exclude_page_ids=()):
    """The block's items: the pinned pages, then computed ones up to ``LIMIT``."""
    if obj is None or obj.pk is None:
        return []

    def build():
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
