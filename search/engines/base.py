"""What every search engine takes and returns."""

from dataclasses import dataclass, field

from search import dutch, facets

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_PAGE = 100
# The URL and API parameters of the facets (search/facets.py); platform/gunicorn.conf.py sizes its limits from them.
FACETS = tuple(facet.param for facet in facets.FACETS)
SORTS = ("relevance", "newest")
# A multi-word search with fewer results than this that have every word also shows results with most words.
PARTIAL_MATCH_BELOW = 3


class SearchParams:
    """A validated search request: everything the page and the API accept.

    ``filters`` holds the chosen values per facet name (search/facets.py); each facet's values are also readable
    and settable under its plural attribute (``params.themes``, ``params.municipalities``), and can be given as
    keywords: ``SearchParams(query="jongeren", themes=["3"])``.
    """

    def __init__(self, query="", sort="relevance", page=1, truncated=False, filters=None, **chosen):
        self.query = query
        self.sort = sort
        self.page = page
        self.truncated = truncated
        self.filters = {facet.name: [] for facet in facets.FACETS}
        for name, values in (filters or {}).items():
            self.filters[facets.BY_NAME[name].name] = list(values)
        for attribute, values in chosen.items():
            if attribute not in facets.BY_ATTRIBUTE:
                raise TypeError(f"SearchParams() got an unexpected keyword argument {attribute!r}")
            self.filters[facets.BY_ATTRIBUTE[attribute].name] = list(values)

    def __getattr__(self, name):
        facet = facets.BY_ATTRIBUTE.get(name)
        if facet is None or "filters" not in self.__dict__:
            raise AttributeError(name)
        return self.filters[facet.name]

    def __setattr__(self, name, value):
        if name in facets.BY_ATTRIBUTE:
            self.filters[facets.BY_ATTRIBUTE[name].name] = list(value)
        else:
            super().__setattr__(name, value)

    def __eq__(self, other):
        return isinstance(other, SearchParams) and vars(self) == vars(other)

    __hash__ = None

    def __repr__(self):
        chosen = {name: values for name, values in self.filters.items() if values}
        return f"SearchParams(query={self.query!r}, filters={chosen!r}, sort={self.sort!r}, page={self.page!r})"

    @property
    def stems(self):
        return dutch.query_stems(self.query)

    @property
    def words(self):
        return dutch.query_words(self.query)

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
    # When fewer than PARTIAL_MATCH_BELOW documents have all the words: results with most of the words, those with
    # the most words first. `all_words_total` is how many have every word; `unmatched_words` are query words
    # that no document has (when the engine knows).
    partial_match: bool = False
    all_words_total: int = 0
    unmatched_words: list = field(default_factory=list)
