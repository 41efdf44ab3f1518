"""Automatically filled blocks on the home page that sections plug into.

A section registers a function with the ``register_home_section`` Wagtail hook, e.g.::

    @hooks.register("register_home_section")
    def latest_lessons(home_page, request):
        return HomeSection(order=10, title=_("Latest lessons"), items=[...], more_url=...)

``items`` is a list of pages (or any object with ``title``, ``url`` and optional ``summary``,
``date`` and ``listing_image``). Sections without items are not shown.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, Count, Value
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page

# The key figures' row for the municipalities (a name no kind of content has: kinds are plural nouns).
MUNICIPALITIES = "municipalities involved"


@dataclass
class HomeSection:
    title: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_text: str = ""
    order: int = 100


def get_home_sections(home_page, request):
    sections = []
    for fn in hooks.get_hooks("register_home_section"):
        section = fn(home_page, request)
        if section is not None and section.items:
            sections.append(section)
    return sorted(sections, key=lambda section: section.order)


# Standard wordings for the entry points when editors have not written their own, by audience slug.
DEFAULT_AUDIENCE_LABELS = {
    "gemeenten": _("I work for a municipality"),
    "vrijwilligersorganisaties": _("I work with volunteers"),
    "vrijwilligers": _("I volunteer, or want to"),
    "ervaringsdeskundigen": _("I am an expert by experience"),
    "lokale-initiatieven": _("I started something in my neighbourhood"),
    "professionals": _("I support volunteering professionally"),
}


@dataclass
class AudienceEntry:
    label: str
    url: str
    text: str = ""


@dataclass
class KeyFigure:
    figure: str
    label: str


def audience_url(audience, request=None):
    """Where an audience's entry point leads: its hub when one is registered, else the first link a section offers
    (the ``register_audience_link`` hook: ``fn(audience, request)`` returns a URL or None)."""
    for fn in hooks.get_hooks("register_audience_link"):
        url = fn(audience, request)
        if url:
            return url
    return ""


def get_audience_entries(home_page, request=None):
    """The home page's entry points: the editors' own, or one per audience with a standard wording."""
    from core.models import Audience

    entries = []
    blocks = list(home_page.audience_entries)
    if blocks:
        page_ids = [block.value["page"].pk for block in blocks if block.value["page"]]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).live().public()}
        for block in blocks:
            value = block.value
            page = pages.get(value["page"].pk) if value["page"] else None
            url = page.get_url(request) if page is not None else ""
            if not url and value["audience"] is not None:
                url = audience_url(value["audience"], request)
            if url:
                entries.append(AudienceEntry(label=value["label"], url=url, text=value["text"]))
        return entries
    order = list(DEFAULT_AUDIENCE_LABELS)  # the audiences with a standard wording first, in this order
    audiences = sorted(
        Audience.objects.order_by("name"), key=lambda a: order.index(a.slug) if a.slug in order else len(order)
    )
    for audience in audiences:
        url = audience_url(audience, request)
        if url:
            label = DEFAULT_AUDIENCE_LABELS.get(audience.slug) or _("For %(audience)s") % {
                "audience": audience.name.lower()
            }
            entries.append(AudienceEntry(label=str(label), url=url, text=audience.description))
    return entries


def content_municipalities():
    """The municipalities some public content is linked to: every many-to-many named ``municipalities`` to
    ``core.Municipality`` (the convention networks uses too), on pages that are live. None when no content
    links to municipalities."""
    from django.db.models import Q

    from core.models import Municipality

    condition = Q()
    for relation in Municipality._meta.related_objects:
        model = relation.related_model
        if not relation.many_to_many or relation.field.name != "municipalities":
            continue
        lookup = relation.get_accessor_name() if relation.related_name is None else relation.related_name
        if issubclass(model, Page):
            condition |= Q(**{f"{lookup}__live": True})
        elif any(field.name == "page" for field in model._meta.get_fields()):
            condition |= Q(**{f"{lookup}__page__live": True})
    if not condition:
        return None
    return Municipality.objects.filter(condition).distinct()


def _counted(queryset, label):
    """``(label, how many rows)`` of a queryset, as a part of a UNION: ``queryset.count()`` in one row."""
    model = queryset.model
    return (
        model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        .order_by()
        .annotate(figure_kind=Value(label, output_field=CharField()))
        .values("figure_kind")
        .annotate(n=Count("pk"))
        .values_list("figure_kind", "n")
    )


def get_key_figures(home_page):
    """The editors' own figures, then (when switched on) figures counted from the content: every registered kind
    of content that has items (not the upcoming kinds: sessions to come are listed, not counted), and the
    municipalities linked to content. Zero is never shown."""
    from core import content_registry

    figures = [KeyFigure(figure=block.value["figure"], label=block.value["label"]) for block in home_page.key_figures]
    if not home_page.show_content_figures:
        return figures
    # Every count in one query: a UNION of one row per kind and one for the municipalities.
    kinds = [kind for kind in content_registry.kinds() if not kind.upcoming]  # sessions to come are listed, not counted
    parts = [_counted(kind.public(), kind.key) for kind in kinds]
    municipalities = content_municipalities()
    if municipalities is not None:
        parts.append(_counted(municipalities, MUNICIPALITIES))
    counts = dict(parts[0].union(*parts[1:], all=True)) if parts else {}
    for kind in kinds:
        count = counts.get(kind.key)
        if count:
            label = str(kind.label)
            figures.append(KeyFigure(figure=number_format(count), label=label[:1].lower() + label[1:]))
    municipalities = counts.get(MUNICIPALITIES, 0)
    if municipalities:
        figures.append(
            KeyFigure(
                figure=number_format(municipalities),
                label=str(ngettext("municipality involved", "municipalities involved", municipalities)),
            )
        )
    return figures


def section_page(request, model, sections=None):
    """The first live, public page of ``model`` among the children of the site's root page (a section index such
    as the stories or the tips), from what the middleware read with the site (core/middleware.py): no query. Its
    page tree fields (title, URL path, path, depth) are there, its other fields are deferred (read on first use).
    None when the root page has no such child: the caller then looks further itself."""
    if sections is None:
        sections = getattr(request, "_kp_site_sections", None) or {}
    row = sections.get(ContentType.objects.get_for_model(model).pk)
    if row is None:
        return None
    values = {**row, "page_ptr_id": row["id"], "live": True}
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])
