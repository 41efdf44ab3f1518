"""The search facets: one declaration each, from which everything else follows.

A facet narrows the results by one property of the content (its type, theme, audience, province, municipality or
year). Adding one is one ``Facet(...)`` in ``FACETS`` below; nothing else changes and no migration is needed
(``update_index`` then gives the documents already indexed their values, and Elasticsearch its new field):

* indexing stores each document's values under the facet's ``name`` in ``SearchDocument.facet_values`` and as
  tokens ``zz<kind><value>`` in ``facet_terms`` (``search.indexing``), so the database engine filters inside the
  full-text match and builds its facet bitsets from that one column (``search.engines.database``, ``facet_index``);
* Elasticsearch maps, indexes, filters and aggregates the keyword field ``es_field`` (``search.engines.elasticsearch``);
* the search page shows a fieldset of checkboxes named ``param``, and the API accepts ``param`` as a query
  parameter and returns the facet's counts (``search.service``, ``search.api``).

The values of a facet are read from each indexed object by ``read(obj, context)``; the objects (pages and other
searchable models such as tips) provide plain attributes for that: ``themes``, ``audiences``, ``search_province``
(a province: its Dutch name or a ``core.models.Province`` value) and ``search_municipalities`` (``core.Municipality``
objects, their ids or their names; objects save a query). ``context`` holds the document's ``type_key`` and
``date`` and lets readers share work.

This module is imported without Django set up (``platform/gunicorn.conf.py`` reads the parameters through
``search.engines.base``): models are only looked up when they are needed.
"""

import functools
import re
import zlib
from dataclasses import dataclass
from typing import Any

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from core.text import is_plain_number
from search import dutch

ORDER_BY_COUNT = "count"  # most results first, then by label
ORDER_BY_VALUE_DESCENDING = "value-descending"  # e.g. the newest year first
MAX_VALUE_LENGTH = 100
EVERYTHING = "zzall"  # the token every document has (a filter-only search matches it)
EVERYTHING_KIND = "all"


def facet_token(kind, value):
    """One indexed token per facet value, so facet filters run inside the full-text match."""
    return f"zz{kind}{re.sub(r'[^a-z0-9]', '', dutch.fold(str(value)))}"


@dataclass(frozen=True)
class Facet:
    name: str  # key in SearchDocument.facet_values, SearchResponse.facets and SearchParams.filters
    title: Any  # heading on the page and in the API (translatable)
    kind: str  # index tokens are zz<kind><folded value>: short, unique, never the start of another token kind
    read: Any  # read(obj, context) -> iterable of values (str or int) of an indexed object
    labels: Any  # labels(values) -> {value: label} for the values that exist; others are not offered
    es_field: str  # keyword field in Elasticsearch
    param: str = ""  # URL and API parameter; default: the name
    attribute: str = ""  # SearchParams keyword and attribute (plural); default: the name + "s"
    description: str = ""  # what the API documents for the parameter
    accepts: Any = None  # accepts(value) -> bool for values asked for in a URL; default: any
    ordering: str = ORDER_BY_COUNT
    es_size: int = 200  # at most this many values are counted by Elasticsearch
    prefetch: tuple = ()  # relations to prefetch when objects are indexed in batches

    def __post_init__(self):
        object.__setattr__(self, "param", self.param or self.name)
        object.__setattr__(self, "attribute", self.attribute or f"{self.name}s")

    def values(self, obj, context):
        """The distinct values of `obj` for this facet, as strings, in their first order."""
        seen = {}
        for value in self.read(obj, context) or ():
            text = force_str(value).strip()[:MAX_VALUE_LENGTH]
            if text:
                seen.setdefault(text, None)
        return list(seen)

    def index_token(self, value):
        return facet_token(self.kind, value)

    def accepted(self, value):
        return self.accepts is None or self.accepts(value)

    def sort_options(self, options):
        if self.ordering == ORDER_BY_VALUE_DESCENDING:
            options.sort(key=lambda option: option["value"], reverse=True)
        else:
            options.sort(key=lambda option: (-option["count"], option["label"]))
        return options


# Readers ------------------------------------------------------------------------------------------------------


def related_ids(attribute):
    """Reader: the primary keys of a many-to-many attribute such as ``themes`` (a manager or a list of objects)."""

    def read(obj, context):
        related = getattr(obj, attribute, None)
        if related is None:
            return []
        items = related.all() if hasattr(related, "all") else related
        return sorted({item.pk for item in items})

    return read


def municipalities_of(obj, context):
    """(id, province value) of the municipalities `obj` is linked to. ``search_municipalities`` may give Municipality
    objects, their ids or their names; ids and names cost one query. The result is kept in `context` for the other
    facets."""
    if "municipalities" not in context:
        items = getattr(obj, "search_municipalities", None) or ()
        if hasattr(items, "all"):
            items = items.all()
        pairs, ids, names = [], set(), set()
        for item in items:
            if hasattr(item, "pk"):
                pairs.append((item.pk, getattr(item, "province", "")))
            elif is_plain_number(str(item).strip()):
                ids.add(int(str(item).strip()))
            elif str(item).strip():
                names.add(str(item).strip())
        if ids or names:
            from django.db.models import Q

            from core.models import Municipality

            found = Municipality.objects.filter(Q(pk__in=ids) | Q(name__in=names)).values_list("pk", "province")
            pairs += found
        context["municipalities"] = pairs
    return context["municipalities"]


@functools.cache
def _province_names():
    """{value, lower-case Dutch name, lower-case English name: Dutch name} of the twelve provinces."""
    from django.conf import settings
    from django.utils import translation

    from core.models import Province

    names = {}
    for province in Province:
        with translation.override(settings.LANGUAGE_CODE):  # documents are built offline, in any language
            dutch = str(province.label)
        with translation.override("en"):
            english = str(province.label)
        names.update({province.value: dutch, dutch.lower(): dutch, english.lower(): dutch})
    return names


def province_name(value):
    """The Dutch name of a province ("Noord-Brabant"), given its ``core.models.Province`` value ("noord-brabant") or
    its name in Dutch or English, so that every way a section names it is one facet value. Other text: unchanged."""
    value = force_str(value or "").strip()
    return _province_names().get(value.lower(), value)


def read_type(obj, context):
    return [context["type_key"]]


def read_year(obj, context):
    date = context.get("date")
    return [date.year] if date else []


def read_provinces(obj, context):
    """The object's own province (``search_province``) and those of its municipalities."""
    names = [province_name(getattr(obj, "search_province", "") or "")]
    names += [province_name(province) for _pk, province in municipalities_of(obj, context)]
    return names


def read_municipalities(obj, context):
    return sorted(pk for pk, _province in municipalities_of(obj, context))


# Labels -------------------------------------------------------------------------------------------------------


def type_label(type_key):
    """The model's ``search_type_label`` or verbose name ("Pagina") for a type key such as core.contentpage; the key
    when no such model. (A model that holds more than what search shows names what it shows: a forum's threads are
    "Forumonderwerp".)"""
    from django.apps import apps
    from django.utils.text import capfirst

    try:
        model = apps.get_model(type_key)
    except (LookupError, ValueError):
        return type_key
    return str(capfirst(getattr(model, "search_type_label", None) or model._meta.verbose_name))


def type_labels(values):
    labels = {value: type_label(value) for value in values}
    return {value: label for value, label in labels.items() if label != value}


def model_labels(model_label, field="name"):
    """Labels: a field of the model whose primary keys the values are (one query, only for the values shown)."""

    def labels(values):
        from django.apps import apps

        ids = [value for value in values if is_plain_number(value)]
        if not ids:
            return {}
        model = apps.get_model(model_label)
        return {str(pk): str(label) for pk, label in model.objects.filter(pk__in=ids).values_list("pk", field)}

    return labels


def values_as_labels(values):
    return {value: value for value in values}


def is_id(value):
    return is_plain_number(value)


def is_year(value):
    return is_plain_number(value) and len(value) == 4


# The registry -------------------------------------------------------------------------------------------------

FACETS = (
    Facet(
        name="type",
        title=_("Type"),
        kind="type",
        read=read_type,
        labels=type_labels,
        es_field="type",
        description="Content type keys, e.g. core.contentpage.",
    ),
    Facet(
        name="theme",
        title=_("Theme"),
        kind="theme",
        read=related_ids("themes"),
        prefetch=("themes",),
        labels=model_labels("core.Theme"),
        es_field="themes",
        accepts=is_id,
        description="Theme ids.",
    ),
    Facet(
        name="audience",
        title=_("Audience"),
        kind="aud",
        read=related_ids("audiences"),
        prefetch=("audiences",),
        labels=model_labels("core.Audience"),
        es_field="audiences",
        accepts=is_id,
        description="Audience ids.",
    ),
    Facet(
        name="province",
        title=_("Province"),
        kind="prov",
        read=read_provinces,
        labels=values_as_labels,
        es_field="province",
        description="Province names, e.g. Noord-Brabant (also the provinces of the municipalities content is about).",
    ),
    Facet(
        name="municipality",
        title=_("Municipality"),
        kind="mun",
        read=read_municipalities,
        labels=model_labels("core.Municipality"),
        es_field="municipalities",
        param="gemeente",
        attribute="municipalities",
        accepts=is_id,
        es_size=400,
        description="Municipality ids (core.Municipality).",
    ),
    Facet(
        name="year",
        title=_("Year"),
        kind="year",
        read=read_year,
        labels=values_as_labels,
        es_field="year",
        accepts=is_year,
        ordering=ORDER_BY_VALUE_DESCENDING,
        description="Years, e.g. 2024.",
    ),
)
BY_NAME = {facet.name: facet for facet in FACETS}
BY_PARAM = {facet.param: facet for facet in FACETS}
BY_ATTRIBUTE = {facet.attribute: facet for facet in FACETS}
# Changes when a facet is added, removed or renamed: caches of facet counts key on it.
SIGNATURE = format(zlib.crc32(",".join(BY_NAME).encode()), "08x")


def check(facets=FACETS):
    """Raise ValueError when two facets would share a name, parameter, attribute, field or index token."""
    for key in ("name", "param", "attribute", "es_field", "kind"):
        seen = [getattr(facet, key) for facet in facets]
        if len(set(seen)) != len(seen):
            raise ValueError(f"Search facets: two facets have the same {key}: {seen}")
    kinds = [facet.kind for facet in facets] + [EVERYTHING_KIND]
    for kind in kinds:
        for other in kinds:
            if kind != other and other.startswith(kind):
                raise ValueError(f"Search facets: token kind {kind!r} starts {other!r}; their index tokens could clash")


check()
