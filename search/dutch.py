"""Dutch text analysis shared by every search backend.

Pure Python (no Django imports), so settings can import the Elasticsearch analysis from here.

The pipeline is the same for indexed text and for queries:

1. fold: accents and case never matter (``anyascii`` + lower case), so *Ervaringsdeskundige* and
   *ervaringsdeskundige* are one word, and emoji or right-to-left script fold to plain ASCII or vanish;
2. tokenise on anything that is not a letter or digit;
3. drop Dutch stop words (the list PostgreSQL's ``dutch`` configuration uses);
4. split compounds into known parts (*vrijwilligerswerk* also indexes *vrijwilliger* and *werk*,
   *inclusieagenda* also *inclusie* and *agenda*);
5. stem with the Dutch Snowball stemmer (``dutch_porter``, the algorithm behind PostgreSQL's ``dutch``
   configuration and Elasticsearch's ``dutch`` stemmer), so *gemeente*, *gemeenten* and
   *gemeentelijke* share the stem ``gemeent``. ``snowballstemmer`` runs it through PyStemmer's C
   implementation when that is installed (it is, in requirements.txt); both give the same stems.

A query stem must equal an indexed term, on SQLite (our stems) and PostgreSQL (its ``dutch`` configuration
stems the same words with the same algorithm): compound splitting and stemming make that work for
*vrijwilliger* → *vrijwilligerswerk*, *inclusie* → *inclusieagenda* and *toegankelijk* →
*toegankelijkheid*, so both backends find the same documents. Exact terms keep common words fast: a prefix
query (``gemeente:*``) merges the posting lists of every compound that starts with the word, which made
PostgreSQL's matching of a common word about 40 % slower at 100,000 documents.
"""

import re
from functools import lru_cache

import snowballstemmer
from anyascii import anyascii

# PostgreSQL 15 tsearch_data/dutch.stop (the Snowball list).
_STOP_TEXT = """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er
    ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon
    kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over
    reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal
    ze zelf zich zij zijn zo zonder zou
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Known parts of Dutch compounds in this domain. A word is split only when every part is known, so the
# list errs on the side of precision. Extend it when editors report a compound that is not found.
_PARTS_TEXT = """
    aanpak activiteit advies agenda ambtenaar app avond beleid beperking bereik bestuur betrokkenheid bewoner
    bijeenkomst boek brief buurt campagne cijfers club coach contact coordinator cultuur dag deel deelnemer
    deskundige deskundigheid dienst digitaal diversiteit doel dorp eenzaamheid ervaring ervarings evenement
    expeditie gemeenschap gemeente gezicht gids groep handleiding huis hulp idee inclusie informatie
    initiatief inzet jaar jongere jongeren kennis kracht land les maatschappij markt materiaal medewerker mens
    methode middag ministerie netwerk nieuws ondersteuning onderwijs onderzoek organisatie overheid partner
    plan platform praktijk privacy programma project raad regio school sessie sport stad student subsidie tip
    toegankelijkheid training vacature vereniging verhaal vrijwilliger vrijwilligers week welzijn werk
    werkgever werving wijk zorg
"""
COMPOUND_PARTS = frozenset(_PARTS_TEXT.split())
LINKING = ("", "s", "e", "en", "n")
MIN_PART = 3
MIN_OPEN_PART = 4
MIN_COMPOUND = 7

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("dutch_porter")
_STEMMED_PARTS = frozenset(_stemmer.stemWord(part) for part in COMPOUND_PARTS)


def fold(text):
    """Lower-case ASCII: accents, ligatures and case folded away."""
    text = text or ""
    return (text if text.isascii() else anyascii(text)).lower()


def words(text):
    """Folded tokens of a text, stop words included (for highlighting and display)."""
    return _TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word):
    """Dutch Snowball stem; plurals in -ies are made singular first (organisaties ~ organisatie)."""
    if len(word) > 5 and word.endswith("ies"):
        word = word[:-1]
    return _stemmer.stemWord(word)


@lru_cache(maxsize=50_000)
def split_compound(word):
    """Known parts of a compound word, longest head first; () when the word is not a known compound."""
    if len(word) < MIN_COMPOUND:
        return ()
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in COMPOUND_PARTS:
            continue
        for link in LINKING:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            if _is_part(tail):
                return (head, tail)
            deeper = split_compound(tail)
            if deeper:
                return (head, *deeper)
    # A known head with an unknown tail (vrijwilligersacademie): index both, so either word finds it.
    for cut in range(len(word) - MIN_OPEN_PART, MIN_OPEN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head in COMPOUND_PARTS:
            tail = rest[1:] if rest[0] == "s" and len(rest) > MIN_OPEN_PART else rest
            return (head, tail)
    return ()


def _is_part(word):
    """A known part, also in a plural form (organisaties, initiatieven, jongeren)."""
    if word in COMPOUND_PARTS or stem(word) in _STEMMED_PARTS:
        return True
    singular = (word[:-1], word[:-2], word[:-3] + "f" if word.endswith("ven") else "")
    return any(form in COMPOUND_PARTS for form in singular if form)


@lru_cache(maxsize=100_000)
def _word_forms(word):
    """A folded word and its compound parts; () for a stop word."""
    if word in STOP_WORDS:
        return ()
    return (word, *split_compound(word))


@lru_cache(maxsize=100_000)
def _word_terms(word):
    return tuple(stem(form) for form in _word_forms(word))


def index_words(text):
    """Folded words to index, stop words dropped, compound parts added after each compound."""
    return [form for word in words(text) for form in _word_forms(word)]


def index_terms(text):
    """Stemmed terms to index (the SQLite FTS5 path stores these)."""
    return [term for word in words(text) for term in _word_terms(word)]


def query_words(text, limit=12):
    """The words of a query that count: folded, stop words dropped, duplicates removed, at most `limit`."""
    seen = []
    for word in words(text):
        if word in STOP_WORDS or word in seen:
            continue
        seen.append(word)
        if len(seen) >= limit:
            break
    return seen


def query_stems(text, limit=12):
    return [stem(word) for word in query_words(text, limit)]


def variants(form):
    """A query stem or word plus its f/v and s/z alternation (bedrijf ~ bedrijven, huis ~ huizen)."""
    if len(form) >= 4 and form[-1] == "f":
        return (form, form[:-1] + "v")
    if len(form) >= 4 and form[-1] == "s":
        return (form, form[:-1] + "z")
    return (form,)


def elasticsearch_analysis():
    """Index analysis settings for Elasticsearch: the same pipeline as above, in Elasticsearch terms."""
    return {
        "analysis": {
            "filter": {
                "dutch_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
                "dutch_compounds": {
                    "type": "dictionary_decompounder",
                    "word_list": sorted(COMPOUND_PARTS),
                    "min_subword_size": MIN_PART,
                    "only_longest_match": True,
                },
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
            },
            "analyzer": {
                "dutch_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_compounds", "dutch_stemmer"],
                },
                # Wagtail's own indexes (pages, admin search) use the default analyzer for text fields.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_compounds", "dutch_stemmer"],
                },
            },
        }
    }
