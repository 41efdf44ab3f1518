"""The kinds of content that sections publish, registered so that shared features can list them without importing
a section (theme hubs, related content, the home page, feeds, the newsletter).

A section registers its kinds in its ``AppConfig.ready()``::

    from core import content_registry

    content_registry.register(
        content_registry.ContentKind(
            key="lessons",
            label=_("Lessons learned"),
            model=LessonPage,
            date_field="first_published_at",
        )
    )

``kind.public()`` returns the public items of that kind (live, public pages; for non-page kinds such as tips,
``queryset`` is given), newest first (or, for ``upcoming`` kinds such as sessions, soonest first and only those
still to come). Every item has ``themes`` and ``audiences``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_kinds = {}


@dataclass(frozen=True)
class ContentKind:
    key: str
    label: Any  # plural, translatable
    model: type
    date_field: str = "first_published_at"
    # Optional: a callable returning the public queryset (non-page kinds, or extra filters). Default: live, public
    # pages of ``model``.
    queryset: Callable | None = None
    # Upcoming kinds (sessions, meetings): only items whose ``date_field`` lies ahead, soonest first.
    upcoming: bool = False
    # Lower comes first where kinds are shown side by side.
    order: int = 100

    def public(self):
        qs = self.queryset() if self.queryset is not None else self.model.objects.live().public()
        if self.upcoming:
            from django.utils import timezone

            return qs.filter(**{f"{self.date_field}__gte": timezone.now()}).order_by(self.date_field)
        return qs.order_by(f"-{self.date_field}")


def register(kind):
    _kinds[kind.key] = kind
    return kind


def get(key):
    return _kinds[key]


def kinds():
    """Every registered kind, in ``order``."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))
