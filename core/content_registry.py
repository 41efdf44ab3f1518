"""The kinds of content that sections publish, registered so that shared features can list them without importing
a section (theme hubs, related content, the home page, feeds, the newsletter).

A section registers its kinds in its ``AppConfig.ready()``::

    from core import content_registry

    content_registry.register(
        content_registry.ContentKind(
            key="lessons",
            label=_("Lessons learned"),
            label_singular=_("Lesson learned"),
            model=LessonPage,
            date_field="date",
        )
    )

``kind.public()`` returns the public items of that kind (live, public pages; for non-page kinds such as tips,
``queryset`` is given), newest first (or, for ``upcoming`` kinds such as sessions, soonest first and only those
still to come). Every item has themes and audiences (``core.Theme`` / ``core.Audience``), a ``title`` and a URL
(``get_url(request)``); ``kind.date_of(item)`` reads its date.

Themes and audiences are many-to-many fields of the item (``themes``, ``audiences``) unless the kind says where
they live (``themes_path`` / ``audiences_path``): a forum topic has those of its category, else those of its forum.
Code that reads or filters them goes through the kind: ``kind.terms_q()`` / ``kind.tagged()`` (filter),
``kind.term_querysets()`` (count per term, or read every item's terms: core/related.py's term index),
``kind.with_terms()`` and ``kind.terms_of()`` (show them).

``kind.listing(queryset)`` adds what a card shows (``for_listing``, default: the listing image),
``kind.cards(queryset)`` what a related-content card reads (``for_cards``, default: the date's relation), and
``kind.tagged(themes=…, audiences=…)`` narrows the public items to those sharing a theme or an audience.

``kinds()`` lists what the programme publishes; kinds that members write (``community``: forum topics) join in
only where a caller asks for them (``kinds(include_community=True)``): the hubs, their feeds and related content
gather everything about a theme, the home page's figures, the newsletter and the newest-content feed present
what the programme published.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

_kinds = {}
TERM_FIELDS = ("themes", "audiences")


@dataclass(frozen=True)
class ContentKind:
    key: str
    label: Any  # plural, translatable
    model: type
    date_field: str = "first_published_at"  # may follow relations: "page__first_published_at"
    # Optional: a callable returning the public queryset (non-page kinds, or extra filters). Default: live, public
    # pages of ``model``.
    queryset: Callable | None = None
    # Upcoming kinds (sessions, meetings): only items whose ``date_field`` (or ``end_field`` when given: still
    # running) lies ahead, soonest first.
    upcoming: bool = False
    # Lower comes first where kinds are shown side by side.
    order: int = 100
    # Singular label ("Lesson learned"); default: ``label``.
    label_singular: Any = None
    # Upcoming kinds: the end of an item; an item counts as upcoming until it has ended.
    end_field: str | None = None
    # Optional: a callable that takes a queryset of this kind and adds what a card shows (select_related /
    # prefetch_related), so that a list of cards costs a constant number of queries.
    for_listing: Callable | None = None
    # Optional: the attribute that holds the date to show, when it is not ``date_field`` (which orders and
    # filters): a tip shows its collection's occasion date, an agenda its presentation date.
    date_attr: str | None = None
    # Where an item's themes and audiences live: a many-to-many field of the item, or a path to one through
    # foreign keys ("category__themes"). A tuple is a fallback chain: an item has the terms of the first path on
    # which it has any (a forum topic: its category's, else its forum's).
    themes_path: str | tuple = "themes"
    audiences_path: str | tuple = "audiences"
    # Written by members, not published by the programme (forum topics): see ``kinds()``.
    community: bool = False
    # Optional: like ``for_listing``, for the related-content cards (core/related.py), which show a title, a date and
    # a summary but no picture. Default: the relation that ``date_field`` follows, if any (a tip's collection).
    for_cards: Callable | None = None

    @property
    def is_page(self):
        from wagtail.models import Page

        return issubclass(self.model, Page)

    @property
    def singular(self):
        return self.label_singular or self.label

    def public(self):
        qs = self.queryset() if self.queryset is not None else self.model.objects.live().public()
        if self.upcoming:
            field = self.end_field or self.date_field
            lookup = "gt" if self.end_field else "gte"
            return qs.filter(**{f"{field}__{lookup}": timezone.now()}).order_by(self.date_field, "pk")
        return qs.order_by(f"-{self.date_field}", "-pk")

    def term_paths(self, field):
        """The paths (a fallback chain) of the item's ``field``: "themes" or "audiences"."""
        if field not in TERM_FIELDS:
            raise ValueError(field)
        path = self.themes_path if field == "themes" else self.audiences_path
        return (path,) if isinstance(path, str) else tuple(path)

    def terms_q(self, field, terms):
        """A condition on this kind's model: the item has at least one of these terms (ids or objects) as its
        ``field``. Rows may repeat (one per term): filter with ``pk__in`` as ``tagged`` does."""
        terms = list(terms)
        condition, none_before = Q(), Q()
        for path in self.term_paths(field):
            condition |= none_before & Q(**{f"{path}__in": terms})
            none_before &= Q(**{f"{path}__isnull": True})
        return condition

    def tagged(self, themes=(), audiences=(), qs=None):
        """Public items that share at least one of these themes or audiences (ids or objects), each once."""
        qs = self.public() if qs is None else qs
        condition = Q()
        if themes:
            condition |= self.terms_q("themes", themes)
        if audiences:
            condition |= self.terms_q("audiences", audiences)
        if not condition:
            return qs.none()
        return qs.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))

    def term_querysets(self, field, qs=None):
        """Querysets of ``qs`` (default: the public items) with the ``term`` (an id) of each item's ``field``: one
        per path of the chain (each on the items that have no terms on the paths before it). Group them by
        ``term`` to count the items per term; an item without terms has ``term`` None."""
        qs = (self.public() if qs is None else qs).order_by()
        parts = []
        for path in self.term_paths(field):
            parts.append(qs.values(term=F(path)))
            qs = qs.filter(**{f"{path}__isnull": True})
        return parts

    def with_terms(self, qs, fields=TERM_FIELDS):
        """``qs`` with the themes and audiences that ``terms_of`` reads (one query per path)."""
        return qs.prefetch_related(*(path for field in fields for path in self.term_paths(field)))

    def terms_of(self, item, field):
        """The item's themes or audiences (prefetch them with ``with_terms``)."""
        for path in self.term_paths(field):
            *relations, name = path.split("__")
            owner = item
            for relation in relations:
                owner = getattr(owner, relation, None) if owner is not None else None
            terms = list(getattr(owner, name).all()) if owner is not None else []
            if terms:
                return terms
        return []

    def listing(self, qs):
        """``qs`` with what a card shows: the listing image (pages) or the kind's own ``for_listing``."""
        if self.for_listing is not None:
            return self.for_listing(qs)
        if any(field.name == "listing_image" for field in self.model._meta.get_fields()):
            return qs.select_related("listing_image")
        return qs

    def cards(self, qs):
        """``qs`` with what a related-content card reads: ``for_cards``, else the relation its date follows (a tip's
        collection page, which also gives its URL). Unlike ``listing``, no picture or parent page is joined: a lesson's
        card does not show its expedition or its image."""
        if self.for_cards is not None:
            return self.for_cards(qs)
        relation = self.date_field.rpartition("__")[0]
        return qs.select_related(relation) if relation else qs

    def date_of(self, item):
        """The item's date to show: ``date_attr``, else ``date_field`` followed through relations."""
        if self.date_attr:
            return getattr(item, self.date_attr, None)
        value = item
        for part in self.date_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value


def register(kind):
    _kinds[kind.key] = kind
    return kind


def get(key):
    return _kinds[key]


def kinds(include_community=False):
    """The registered kinds, in ``order``: what the programme publishes, and with ``include_community`` also what
    members write (forum topics)."""
    found = (kind for kind in _kinds.values() if include_community or not kind.community)
    return sorted(found, key=lambda kind: (kind.order, kind.key))


def kind_for(obj):
    """The registered kind of this object (a page or an item such as a tip), or None."""
    model = type(obj)
    for kind in _kinds.values():
        if issubclass(model, kind.model):
            return kind
    return None


def as_datetime(value):
    """An item's date as an aware datetime (a plain date is its midnight), or None."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
    return None


def summary_of(item, words):
    """The first of the item's summary, introduction, intro or search description, as plain text of ``words``."""
    for name in ("summary", "introduction", "intro", "search_description"):
        value = getattr(item, name, "")
        if callable(value):
            value = value()
        if value:
            return Truncator(strip_tags(str(value)).strip()).words(words)
    return ""
