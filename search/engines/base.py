"""What every search engine takes and returns."""

from dataclasses import dataclass, field

from search import dutch

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_PAGE = 100
FACETS = ("type", "theme", "audience", "province", "year")
SORTS = ("relevance", "newest")
# A multi-word search with fewer results than this that have every word also shows results with most words.
PARTIAL_MATCH_BELOW = 3


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
    # When fewer than PARTIAL_MATCH_BELOW documents have all the words: results with most of the words, those with
    # the most words first. `all_words_total` is how many have every word; `unmatched_words` are query words
    # that no document has (when the engine knows).
    partial_match: bool = False
    all_words_total: int = 0
    unmatched_words: list = field(default_factory=list)
