"""Theme and audience hubs: everything about one theme or audience, per section (core.models.hubs.TopicIndexPage).

Each section's items come from the content registry (core/content_registry.py), so a hub lists whatever kinds
the sections register, forum topics included (``kinds(include_community=True)``). A hub costs one query for the
numbers of all kinds and one for the first items of each kind that has any (plus what its cards prefetch),
whatever the amount of content; a section's full list is paginated (count and page).
"""

import html
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Count, Value
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import content_registry
from core.caching import memoize

PER_SECTION = 4  # items per section on a hub
PAGE_SIZE = 20  # items per page of a section's full list
FIELDS = ("themes", "audiences")


@dataclass
class HubSection:
    """One section of a hub, as plain values (kept in the cache per content generation)."""

    key: str
    label: str
    upcoming: bool
    slug: str
    count: int
    items: list = field(default_factory=list)


def kind_slug(kind):
    """The kind's part of a URL, from its label in the site's language ("lessen", "verhalen")."""
    with translation.override(settings.LANGUAGE_CODE):
        return slugify(str(kind.label)) or kind.key


def hub_kinds():
    """The kinds a hub lists: everything about a theme or audience, forum topics included."""
    return content_registry.kinds(include_community=True)


def kind_by_slug(slug):
    for kind in hub_kinds():
        if kind_slug(kind) == slug:
            return kind
    return None


def items_for(kind, field_name, term):
    """The public items of ``kind`` with this theme or audience, newest first (upcoming kinds: soonest first)."""
    if field_name not in FIELDS:
        raise ValueError(field_name)
    return kind.listing(kind.tagged(**{field_name: [term]}))


def card(kind, item, request=None):
    """What a card shows of an item, as plain values (components/card.html)."""
    return {
        "kind": kind.key,
        "label": str(kind.singular),
        "title": item.title,
        "url": item.get_url(request),
        "date": kind.date_of(item),
        "summary": html.unescape(getattr(item, "summary", "") or ""),
        "upcoming": kind.upcoming,
    }


def hub_sections(field_name, term, request=None):
    """Per kind that has any: its first items and how many there are. Empty kinds are left out. Kept per content
    generation (upcoming kinds change with time too: within PAGE_CACHE_TIMEOUT, as the page cache)."""
    return memoize(request, f"hub:{field_name}:{term.pk}", lambda: _hub_sections(field_name, term, request))


def _union(querysets):
    """Rows of several querysets (of different models, with the same columns) in one query."""
    querysets = list(querysets)
    if not querysets:
        return []
    return list(querysets[0].union(*querysets[1:], all=True))


def _label(value):
    return Value(value, output_field=CharField())


def _hub_sections(field_name, term, request=None):
    kinds = hub_kinds()
    # How many items each kind has: one query for all kinds.
    counts = dict(
        _union(
            items_for(kind, field_name, term)
            .order_by()
            .annotate(hub_kind=_label(kind.key))
            .values("hub_kind")
            .annotate(n=Count("pk"))
            .values_list("hub_kind", "n")
            for kind in kinds
        )
    )
    sections = []
    for kind in kinds:
        if not counts.get(kind.key):
            continue
        items = list(items_for(kind, field_name, term)[:PER_SECTION])
        sections.append(
            HubSection(
                key=kind.key,
                label=str(kind.label),
                upcoming=kind.upcoming,
                slug=kind_slug(kind),
                count=counts[kind.key],
                items=[card(kind, item, request) for item in items],
            )
        )
    return sections


def overview(request=None):
    """Every theme and audience with its number of items: one query for the numbers, plus the terms. Kept per
    content generation."""
    return memoize(request, "hub-overview", _overview)


def _overview():
    from core.models import Audience, Theme

    counts = {name: {} for name in FIELDS}
    rows = _union(
        part.annotate(n=Count("pk", distinct=True))
        .annotate(hub_field=_label(name))
        .values_list("hub_field", "term", "n")
        for kind in hub_kinds()
        for name in FIELDS
        for part in kind.term_querysets(name)
    )
    for name, term_id, n in rows:
        if term_id is not None:
            counts[name][term_id] = counts[name].get(term_id, 0) + n
    result = {}
    for name, model in (("themes", Theme), ("audiences", Audience)):
        result[name] = [
            {
                "term": {"name": term.name, "slug": term.slug, "description": term.description},
                "count": counts[name].get(term.pk, 0),
            }
            for term in model.objects.order_by("name")
        ]
    return result


# --- Links to the hubs ---------------------------------------------------------------------------------------


def hubs_root_url(request=None):
    """The URL of the hubs page (TopicIndexPage), or "" when there is none: kept per content generation."""

    def build():
        from core.models import TopicIndexPage

        page = TopicIndexPage.objects.live().public().first()
        if page is None:
            return ""
        return page.get_url(request) or ""

    return memoize(request, "topic-index-url", build)


def _slug(term):
    return term.get("slug") if isinstance(term, dict) else getattr(term, "slug", "")


def theme_url(theme, request=None):
    root = hubs_root_url(request)
    slug = _slug(theme)
    return f"{root}{slug}/" if root and slug else ""


def audience_url(audience, request=None):
    root = hubs_root_url(request)
    slug = _slug(audience)
    return f"{root}doelgroep/{slug}/" if root and slug else ""


@hooks.register("register_audience_link", order=-10)
def audience_hub_link(audience, request):
    """The home page's entry points per audience lead to the audience's hub (core.home_sections)."""
    return audience_url(audience, request) or None


# --- Demo -------------------------------------------------------------------------------------------------------

HUBS_INTRO = (
    "<p>Alles over één thema of voor één doelgroep op één plek: tips, lessen uit de expedities, verhalen, "
    "Lokale Inclusie Agenda's en de eerstvolgende sessies.</p>"
)


@hooks.register("register_demo_content", order=95)
def seed_hubs(demo):
    """The hubs page at /themas/, and a few pinned related pages on the programme page (after all content)."""
    from core.models import ContentPage, RelatedPin, TopicIndexPage

    if demo.home is None:
        return
    demo.ensure_page(
        demo.home,
        TopicIndexPage,
        slug="themas",
        title="Thema's en doelgroepen",
        introduction=HUBS_INTRO,
        listing_summary="Alles over één thema of voor één doelgroep: tips, lessen, verhalen en sessies.",
        show_in_menus=True,
    )
    about = ContentPage.objects.filter(slug="over-het-programma").first()
    if about is None or RelatedPin.objects.filter(source=about).exists():
        return
    pinned = [kind.public().first() for kind in content_registry.kinds() if kind.is_page and not kind.upcoming][:2]
    pins = [RelatedPin(source=about, page=page, sort_order=n) for n, page in enumerate(p for p in pinned if p)]
    if pins:
        # Saved as rows and in a new revision, so that the editor shows them and a later publish keeps them.
        about.related_pins = pins
        about.save_revision().publish()
        demo.log(f"  + {len(pins)} pinned related pages on {about.title}")


seed_hubs.demo_label = _("theme and audience hubs")
