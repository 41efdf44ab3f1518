"""What every search engine takes and returns."""

from collections import Counter
from dataclasses import dataclass, field

from search import dutch

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_PAGE = 100
FACETS = ("type", "theme", "audience", "province", "year")
SORTS = ("relevance", "newest")


@dataclass
class SearchParams:
    """A validated search request: everything the page and the API accept."""

    query: str = ""
    types: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    provinces: list = field(default_factory=list)
    years: list = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    truncated: bool = False

    @property
    def stems(self):
        return dutch.query_stems(self.query)

    @property
    def words(self):
        return dutch.query_words(self.query)

    @property
    def filters(self):
        return {
            "type": self.types,
            "theme": self.themes,
            "audience": self.audiences,
            "province": self.provinces,
            "year": self.years,
        }

    @property
    def has_filters(self):
        return any(self.filters.values())

    @property
    def is_empty(self):
        return not self.stems and not self.has_filters

    @property
    def offset(self):
        return (self.page - 1) * PAGE_SIZE


@dataclass
class Hit:
    """One result: the SearchDocument row plus its score."""

    document: object
    score: float = 0.0


@dataclass
class SearchResponse:
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # facet name -> Counter(value -> count)
    engine: str = ""
    degraded: bool = False


class FacetCombos:
    """Counts of documents per combination of facet values, from one grouped query.

    Facet counts follow the usual multi-select rule: the counts of one facet apply every *other* active
    filter, so choosing a second theme never makes the first one's count drop to zero.
    """

    def __init__(self, rows):
        # rows: (type_key, year, province, theme_ids, audience_ids, count)
        self.rows = [
            (
                type_key,
                str(year) if year else "",
                province or "",
                tuple(i for i in (theme_ids or "").strip(",").split(",") if i),
                tuple(i for i in (audience_ids or "").strip(",").split(",") if i),
                count,
            )
            for type_key, year, province, theme_ids, audience_ids, count in rows
        ]

    @staticmethod
    def _passes(row, filters, skip=None):
        type_key, year, province, themes, audiences, _count = row
        checks = {
            "type": lambda wanted: type_key in wanted,
            "year": lambda wanted: year in wanted,
            "province": lambda wanted: province in wanted,
            "theme": lambda wanted: any(t in wanted for t in themes),
            "audience": lambda wanted: any(a in wanted for a in audiences),
        }
        for name, wanted in filters.items():
            if name == skip or not wanted:
                continue
            if not checks[name]({str(w) for w in wanted}):
                return False
        return True

    def total(self, filters):
        return sum(row[-1] for row in self.rows if self._passes(row, filters))

    def counts(self, filters):
        result = {name: Counter() for name in FACETS}
        for row in self.rows:
            type_key, year, province, themes, audiences, count = row
            for name, values in (
                ("type", (type_key,)),
                ("year", (year,) if year else ()),
                ("province", (province,) if province else ()),
                ("theme", themes),
                ("audience", audiences),
            ):
                if values and self._passes(row, filters, skip=name):
                    for value in values:
                        result[name][value] += count
        return result
