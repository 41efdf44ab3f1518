"""The search app's own tables: one denormalised document per searchable object, and anonymous query logs."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search import dutch

# A search term is shown among the popular searches only when this many different visitors searched it
# (one visitor counts once per day) in the period, and every one of those searches found something.
POPULAR_MIN_VISITORS = getattr(settings, "SEARCH_POPULAR_MIN_VISITORS", 3)
POPULAR_DAYS = 30


class SearchDocumentQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
        )


class SearchDocument(models.Model):
    """Everything the search page needs about one public object, in one row.

    Rows exist only for content that is public right now: live, not behind a view restriction, and
    (for non-page models) in their model's ``public_search_queryset()``. On SQLite an FTS5 table indexes
    ``title_terms``/``body_terms``/``facet_terms`` (kept in sync by triggers); on PostgreSQL a generated
    ``search_vector`` column with a GIN index does the same with the ``simple`` configuration.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    type_key = models.CharField(max_length=100, db_index=True, help_text="app_label.model_name")
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=1000)
    summary = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    section = models.CharField(max_length=255, blank=True)
    # The values of every facet (search/facets.py) by facet name: {"theme": ["1", "4"], "province": ["Utrecht"]}.
    # A new facet needs no column and no migration; facet_terms holds the same values as index tokens.
    facet_values = models.JSONField(default=dict, blank=True)
    # Large columns last: SQLite then reads the small ones without touching overflow pages.
    body = models.TextField(blank=True, help_text="Plain text the result snippet is cut from.")
    # Analysed text: the Dutch terms of search/dutch.py (folded, compounds split, stemmed), the same on both databases.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    facet_terms = models.TextField(blank=True)

    objects = SearchDocumentQuerySet.as_manager()

    # Schema changes to this table need care on SQLite: an AlterField rebuilds the table and drops the
    # FTS5 triggers and the covering index of migration 0002 (see 0003 for the safe way).

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_unique_object")
        ]

    def __str__(self):
        return self.title

    @property
    def province(self):
        """The provinces of the result, as one text ("Overijssel, Gelderland")."""
        return ", ".join(self.facet_values.get("province", ()))


class IndexState(models.Model):
    """One row that changes with every write to SearchDocument, so caches can key on the index's state.

    Database triggers (migration 0004) keep it current for every writer, bulk inserts and cascading
    deletes included: ``changes`` counts write statements (rows on SQLite), ``token`` is a new random
    number each time, so a state that a rolled-back transaction produced is never mistaken for a later one.
    """

    changes = models.BigIntegerField(default=0)
    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self):
        return f"{self.changes}:{self.token}"

    @classmethod
    def current(cls):
        """(changes, token) of the index now; (0, 0) before anything was indexed."""
        row = cls.objects.filter(pk=1).values_list("changes", "token").first()
        return row or (0, 0)


class QueryLogQuerySet(models.QuerySet):
    def since(self, days):
        return self.filter(day__gte=timezone.localdate() - timedelta(days=days))

    def popular(self, days=30, limit=50):
        return (
            self.since(days)
            .values("query")
            .annotate(searches=Sum("searches"), zero=Sum("zero_result_searches"), people=Sum("visitors"))
            .order_by("-searches", "query")[:limit]
        )

    def shown_on_site(self, days=POPULAR_DAYS, limit=6, min_visitors=None):
        """The "popular searches" visitors see: searched by at least `min_visitors` different visitors,
        never without results, and not hidden or blocked by an editor. Two queries, whatever the limit."""
        min_visitors = POPULAR_MIN_VISITORS if min_visitors is None else min_visitors
        candidates = (
            self.since(days)
            .values("query")
            .annotate(people=Sum("visitors"), zero=Sum("zero_result_searches"), searches=Sum("searches"))
            .filter(people__gte=max(min_visitors, 1), zero=0)
            .order_by("-people", "-searches", "query")
            .values_list("query", flat=True)[: limit * 20]
        )
        is_blocked = BlockedSearchTerm.objects.matcher()
        return [query for query in candidates if not is_blocked(query)][:limit]

    def record(self, query, zero_results, visitor=""):
        """Count one search of `query` today; `visitor` (a daily keyed hash, or "") counts once per day."""
        today = timezone.localdate()
        log, _created = self.get_or_create(query=query[:200], day=today)
        new_visitor = False
        if visitor:
            _mark, new_visitor = QueryLogVisitor.objects.get_or_create(log=log, visitor=visitor[:16])
        self.filter(pk=log.pk).update(
            searches=F("searches") + 1,
            zero_result_searches=F("zero_result_searches") + (1 if zero_results else 0),
            visitors=F("visitors") + (1 if new_visitor else 0),
        )
        # A mark is only needed on its own day. Logs of earlier days have smaller ids than today's first
        # log, so one range DELETE on the marks' own index forgets them (usually there is nothing to delete).
        first_today = self.filter(day=today).aggregate(first=Min("pk"))["first"]
        QueryLogVisitor.objects.filter(log_id__lt=first_today).delete()

    def without_results(self, days=30, limit=50):
        return (
            self.since(days)
            .filter(zero_result_searches__gt=0)
            .values("query")
            .annotate(searches=Sum("zero_result_searches"))
            .order_by("-searches", "query")[:limit]
        )

    def expired(self):
        return self.filter(day__lt=timezone.localdate() - timedelta(days=settings.SEARCH_QUERY_LOG_RETENTION_DAYS))

    def distinct_queries(self):
        return self.aggregate(
            n=Count("query", distinct=True), zero=Count("query", filter=Q(zero_result_searches__gt=0))
        )


class QueryLog(models.Model):
    """How often a (normalised) query was searched on a day. No user, session, IP address or time of day.

    ``visitors`` counts how many different visitors searched it that day, told apart by a keyed hash that
    changes every day (see ``QueryLogVisitor``), so the popular searches show only what several people asked.
    """

    query = models.CharField(_("query"), max_length=200)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches without results"), default=0)
    visitors = models.PositiveIntegerField(_("different visitors"), default=0)

    objects = QueryLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("search query log")
        verbose_name_plural = _("search query logs")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_querylog_unique_query_day")]
        indexes = [models.Index(fields=["day", "query"])]

    def __str__(self):
        return f"{self.query} ({self.day})"


class QueryLogVisitor(models.Model):
    """One anonymous visitor mark on one day's log: a 16-hex-digit keyed hash of address and browser.

    The key is random, made per day and kept only in the cache; the marks exist only to count each
    visitor once per day and are deleted once their day is over (only the count stays on the log).
    """

    log = models.ForeignKey(QueryLog, on_delete=models.CASCADE, related_name="visitor_marks")
    visitor = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("search visitor mark")
        verbose_name_plural = _("search visitor marks")
        constraints = [models.UniqueConstraint(fields=["log", "visitor"], name="search_querylogvisitor_unique")]

    def __str__(self):
        return self.visitor


def _matches_word(blocked, word):
    if blocked == word or dutch.stem(blocked) == dutch.stem(word):
        return True
    # Compounds: a blocked word of four letters or more also hides the words it starts or ends.
    return len(blocked) >= 4 and (word.startswith(blocked) or word.endswith(blocked))


class BlockedSearchTermQuerySet(models.QuerySet):
    def matcher(self):
        """A function telling whether a search term is blocked (one query, made now)."""
        words, terms = [], set()
        for term, kind in self.values_list("term", "kind"):
            folded = dutch.words(term)
            if not folded:
                continue
            if kind == BlockedSearchTerm.Kind.TERM:
                terms.add(" ".join(folded))
            else:
                words.append(folded)

        def is_blocked(query):
            query_words = dutch.words(query)
            if " ".join(query_words) in terms:
                return True
            for blocked in words:
                size = len(blocked)
                for start in range(len(query_words) - size + 1):
                    window = query_words[start : start + size]
                    if all(_matches_word(b, w) for b, w in zip(blocked, window, strict=True)):
                        return True
            return False

        return is_blocked


class BlockedSearchTerm(models.Model):
    """A word that may never appear among the popular searches, or one search term an editor hid."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word: hide every search term that contains it")
        TERM = "term", _("Search term: hide exactly this search term")

    term = models.CharField(
        _("word or search term"),
        max_length=200,
        help_text=_(
            "Capitals and accents do not matter. A word also hides its plural and, from four letters on, "
            "the compound words that start or end with it."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORD)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = BlockedSearchTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("blocked search term")
        verbose_name_plural = _("blocked search terms")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["term", "kind"], name="search_blockedsearchterm_unique")]

    def __str__(self):
        return self.term
