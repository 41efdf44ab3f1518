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
still to come). Every item has ``themes`` and ``audiences`` (many-to-many to ``core.Theme`` / ``core.Audience``),
a ``title`` and a URL (``get_url(request)``); ``kind.date_of(item)`` reads its date.

``kind.listing(queryset)`` adds what a card shows (``for_listing``, default: the listing image) and
``kind.tagged(themes=…, audiences=…)`` narrows the public items to those sharing a theme or an audience.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

_kinds = {}


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

    def tagged(self, themes=(), audiences=(), qs=None):
        """Public items that share at least one of these themes or audiences (ids or objects), each once."""
        from django.db.models import Q

        qs = self.public() if qs is None else qs
        condition = Q()
        if themes:
            condition |= Q(themes__in=list(themes))
        if audiences:
            condition |= Q(audiences__in=list(audiences))
        if not condition:
            return qs.none()
        return qs.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))

    def listing(self, qs):
        """``qs`` with what a card shows: the listing image (pages) or the kind's own ``for_listing``."""
        if self.for_listing is not None:
            return self.for_listing(qs)
        if any(field.name == "listing_image" for field in self.model._meta.get_fields()):
            return qs.select_related("listing_image")
        return qs

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


def kinds():
    """Every registered kind, in ``order``."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


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
