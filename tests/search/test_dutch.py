"""The Dutch analysis that every backend shares, and what it finds on the database the tests run on (CI runs
them on SQLite and PostgreSQL)."""

import re

import pytest

from core.factories import ContentPageFactory
from search import dutch, indexing, service
from search.engines.base import SearchParams

PLURALS = [("brief", "brieven"), ("reis", "reizen"), ("huis", "huizen"), ("druif", "druiven"), ("prijs", "prijzen")]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("vrijwilliger", "Wij zoeken vrijwilligers"),
        ("vrijwilliger", "Informatie over vrijwilligerswerk"),
        ("jongere", "Activiteiten voor jongeren"),
        ("gemeente", "Alle gemeenten doen mee"),
        ("gemeente", "Het gemeentelijke beleid"),
        ("inclusie", "De lokale inclusieagenda"),
        ("agenda", "De lokale inclusieagenda"),
        ("toegankelijk", "Toegankelijkheid van gebouwen"),
        ("ervaringsdeskundige", "Ervaringsdeskundigen vertellen"),
        ("Ervaringsdeskundigen", "een ervaringsdeskundige"),
        ("coördinator", "De vrijwilligerscoordinator"),
        ("organisatie", "vrijwilligersorganisaties"),
        ("vergoeding", "De vrijwilligersvergoeding"),
        ("vrijwilligers", "De vrijwilligersvergoeding"),
        ("kosten", "Reiskosten worden vergoed"),
        ("reis", "Reiskosten worden vergoed"),
        ("zorg", "Respijt voor mantelzorg"),
        *[(singular, f"Twee {plural}") for singular, plural in PLURALS],
        *[(plural, f"Een {singular}") for singular, plural in PLURALS],
    ],
)
def test_query_stems_equal_indexed_terms(query, text):
    terms = dutch.index_terms(text)
    for stem in dutch.query_stems(query):
        assert stem in terms, (stem, terms)


@pytest.mark.parametrize(("singular", "plural"), PLURALS)
def test_plurals_with_a_consonant_change_share_the_stem_of_the_singular(singular, plural):
    assert dutch.stem(plural) == dutch.stem(singular) == singular


def test_folding_removes_accents_case_and_foreign_scripts():
    assert dutch.words("Coördinatie ÉÉN Café") == ["coordinatie", "een", "cafe"]
    assert dutch.query_words("de en het") == []  # only stop words: nothing to search


def test_compounds_split_into_ordinary_words_whatever_the_corpus():
    assert dutch.split_compound("vrijwilligerswerk") == ("vrijwilligers", "werk")
    assert dutch.split_compound("vrijwilligersvergoeding") == ("vrijwilligers", "vergoeding")
    assert dutch.split_compound("inclusieagenda") == ("inclusie", "agenda")
    assert dutch.split_compound("reiskosten") == ("reis", "kosten")  # a first part that is not on the list
    assert dutch.split_compound("vrijwilligersacademie") == ("vrijwilligers", "academie")  # nor a last part


def test_words_that_are_not_compounds_of_listed_words_stay_whole():
    assert dutch.split_compound("boterham") == ()
    assert dutch.split_compound("maatschappij") == ()  # a listed word is never split (maat|schappij)
    assert dutch.split_compound("planning") == ()  # a short listed first part needs a listed rest


def test_elasticsearch_analysis_uses_the_same_pipeline():
    analysis = dutch.elasticsearch_analysis()["analysis"]
    analyzer = analysis["analyzer"]["dutch_text"]
    chain = analyzer["filter"]
    # Every step is one of Elasticsearch's own filters or defined here, and every filter defined here is used.
    assert set(chain) - set(analysis["filter"]) == {"lowercase", "asciifolding"}
    assert set(analysis["filter"]) <= set(chain)
    # In the order of the Python pipeline: fold, drop stop words, split compounds, stem, then fix the plural stems.
    assert chain[:2] == ["lowercase", "asciifolding"]
    assert chain.index("dutch_stop") < chain.index("dutch_compounds") < chain.index("dutch_stemmer")
    assert chain.index("dutch_stemmer") < min(chain.index("dutch_plural_v"), chain.index("dutch_plural_z"))
    assert analysis["filter"]["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert {"vergoeding", "kosten", "inclusie"} <= set(analysis["filter"]["dutch_compounds"]["word_list"])
    assert "de" in analysis["filter"]["dutch_stop"]["stopwords"]
    assert analysis["analyzer"]["default"] == analyzer


def test_elasticsearch_plural_filters_do_what_the_python_pipeline_does():
    """The pattern_replace filters (Java regex, $1) turn the Snowball stems into ours."""
    filters = dutch.elasticsearch_analysis()["analysis"]["filter"]

    def elasticsearch(stem):
        for name in ("dutch_plural_v", "dutch_plural_z"):
            spec = filters[name]
            stem = re.sub(spec["pattern"], spec["replacement"].replace("$1", r"\1"), stem)
        return stem

    for raw in ("briev", "reiz", "huiz", "druiv", "prijz", "bedrijv", "lev", "gaz", "gemeent", "ervar"):
        assert elasticsearch(raw) == dutch.singular_consonant(raw), raw


def test_the_c_stemmer_gives_the_same_stems_as_the_reference_implementation():
    """PyStemmer (C) makes stemming fast; it must not change a single indexed term."""
    from snowballstemmer.dutch_porter_stemmer import DutchPorterStemmer

    from tests.search.corpus import CORPUS

    assert type(dutch._stemmer).__module__ == "Stemmer"  # installed from requirements.txt
    reference = DutchPorterStemmer()
    text = " ".join(f"{e['title']} {e['summary']} {' '.join(e['body'])}" for e in CORPUS)
    words = set(dutch.words(text)) | {"vrijwilligers", "gemeentelijke", "toegankelijkheid", "initiatieven"}
    assert len(words) > 300
    assert {w: dutch._stemmer.stemWord(w) for w in words} == {w: reference.stemWord(w) for w in words}


# On the database ------------------------------------------------------------------------------------------


def _found(query):
    return {result["title"] for result in service.search(SearchParams(query=query), log=False).results}


@pytest.mark.django_db
def test_plurals_and_singulars_find_each_other(home_page):
    for singular, plural in PLURALS:
        ContentPageFactory(parent=home_page, title=f"Over de {singular}", listing_summary="", body=[])
        ContentPageFactory(parent=home_page, title=f"Alle {plural}", listing_summary="", body=[])
    indexing.rebuild()
    for singular, plural in PLURALS:
        expected = {f"Over de {singular}", f"Alle {plural}"}
        assert _found(singular) == expected, singular
        assert _found(plural) == expected, plural


@pytest.mark.django_db
def test_a_compound_in_one_document_is_found_by_each_of_its_parts(home_page):
    ContentPageFactory(
        parent=home_page,
        title="Geld voor inzet",
        listing_summary="",
        body=[("paragraph", "<p>De vrijwilligersvergoeding is onbelast. Reiskosten mag je apart vergoeden.</p>")],
    )
    ContentPageFactory(parent=home_page, title="Iets anders", listing_summary="", body=[])
    indexing.rebuild()
    for query in ("vergoeding", "vrijwilligers", "vrijwilliger", "kosten", "reiskosten", "vrijwilligersvergoeding"):
        found = _found(query)
        assert "Geld voor inzet" in found and "Iets anders" not in found, query
