"""The Dutch analysis that every backend shares."""

import pytest

from search import dutch


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
    ],
)
def test_query_stems_equal_indexed_terms(query, text):
    terms = dutch.index_terms(text)
    for stem in dutch.query_stems(query):
        assert any(term == form for term in terms for form in dutch.variants(stem)), (stem, terms)


def test_folding_removes_accents_case_and_foreign_scripts():
    assert dutch.words("Coördinatie ÉÉN Café") == ["coordinatie", "een", "cafe"]
    assert dutch.query_words("de en het") == []  # only stop words: nothing to search


def test_compounds_split_into_known_parts_only():
    assert dutch.split_compound("vrijwilligerswerk") == ("vrijwilligers", "werk")
    assert dutch.split_compound("inclusieagenda") == ("inclusie", "agenda")
    assert dutch.split_compound("boterham") == ()


def test_f_v_alternation_variants():
    assert dutch.variants("bedrijf") == ("bedrijf", "bedrijv")
    assert dutch.variants("jonger") == ("jonger",)


def test_elasticsearch_analysis_uses_the_same_pipeline():
    analysis = dutch.elasticsearch_analysis()["analysis"]
    analyzer = analysis["analyzer"]["dutch_text"]
    assert analyzer["filter"] == ["lowercase", "asciifolding", "dutch_stop", "dutch_compounds", "dutch_stemmer"]
    assert analysis["filter"]["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert "inclusie" in analysis["filter"]["dutch_compounds"]["word_list"]
    assert "de" in analysis["filter"]["dutch_stop"]["stopwords"]
    assert analysis["analyzer"]["default"] == analyzer


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
