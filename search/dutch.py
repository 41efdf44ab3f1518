"""Dutch text analysis shared by every search backend.

Pure Python (no Django imports), so settings can import the Elasticsearch analysis from here.

The pipeline is the same for indexed text and for queries:

1. fold: accents and case never matter (``anyascii`` + lower case), so *Ervaringsdeskundige* and
   *ervaringsdeskundige* are one word, and emoji or right-to-left script fold to plain ASCII or vanish;
2. tokenise on anything that is not a letter or digit;
3. drop Dutch stop words (the list PostgreSQL's ``dutch`` configuration uses);
4. split compounds whose parts are ordinary words (``WORDS``): *vrijwilligersvergoeding* also indexes
   *vrijwilligers* and *vergoeding*, *reiskosten* also *reis* and *kosten*. The split depends only on the
   word and the word list, never on how often a compound occurs, so a compound found in one document is
   found by its parts like any other;
5. stem with the Dutch Snowball stemmer (``dutch_porter``, the algorithm behind PostgreSQL's ``dutch``
   configuration and Elasticsearch's ``dutch`` stemmer), so *gemeente*, *gemeenten* and
   *gemeentelijke* share the stem ``gemeent``. ``snowballstemmer`` runs it through PyStemmer's C
   implementation when that is installed (it is, in requirements.txt); both give the same stems;
6. undo the consonant change of Dutch plurals at the end of a stem (v → f, z → s), so *brieven*, *reizen*,
   *huizen*, *druiven* and *prijzen* share the stem of *brief*, *reis*, *huis*, *druif* and *prijs*.

Every database indexes exactly these terms: SQLite's FTS5 table and PostgreSQL's ``simple`` text search
configuration store them as they are (no second stemming, no stop list of their own), and a query is
analysed by the same functions, so the same query finds the same documents on both. Exact terms keep common
words fast: a prefix query (``gemeente:*``) merges the posting lists of every compound that starts with the
word.
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

# Ordinary Dutch words that compounds are split into: the domain's own and everyday nouns. A compound is split
# when its parts are on this list (see split_compound), so the list errs on the side of precision; extend it
# when editors report a compound that its parts do not find.
_WORDS_TEXT = """
    aanbod aanpak aanvraag activiteit administratie advies afspraak agenda ambtenaar app arbeid avond bedrijf
    begeleiding begroting beleid beperking bereik bericht beroep bestuur betrokkenheid bewoner bezoek
    bibliotheek bijdrage bijeenkomst boek boom brief budget buurt cafe campagne centrum cijfers club coach
    contact contract coordinator cultuur cursus dag deel deelnemer dekking deskundige deskundigheid dienst
    digitaal diversiteit doel dorp druif eenzaamheid ervaring ervarings eten evaluatie evenement expeditie
    feest fiets film formulier fonds geld gebouw gemeenschap gemeente gesprek gezicht gezin gezondheid gids
    groep handleiding hulp huis idee inclusie informatie initiatief inkomen inzet jaar jeugd jongere jongeren
    kaart kamer kans kantoor kennis kerk kind klant koffie kosten kracht kunst kwaliteit land leeftijd les
    lessen lid locatie loon lunch maaltijd maand maatschappij markt materiaal medewerker mens methode middag
    ministerie moment muziek natuur netwerk nieuws nota onderneming ondersteuning onderwijs onderzoek
    opleiding organisatie overheid overleg park partner plan plaats plek platform praktijk prijs privacy
    programma project punt raad regel regeling regio reis rooster ruimte sessie school sport stad stage
    straat student subsidie taal tafel team tijd tip toegankelijkheid training tuin uitje vacature
    vereniging vergoeding verhaal verzekering vervoer vraag vrijwilliger vrijwilligers week welzijn werk
    werkgever werving wijk winkel woning zaal zorg
"""
WORDS = frozenset(_WORDS_TEXT.split())
LINKING = ("", "s", "e", "en", "n")
MIN_PART = 3
MIN_OPEN_HEAD = 5  # a known first part followed by a word not on the list (vrijwilligersacademie)
MIN_OPEN_PART = 4  # an unknown part beside a known one is at least this long
MIN_COMPOUND = 7
# The consonant change of Dutch plurals, undone at the end of a stem: brieven ~ brief, reizen ~ reis.
PLURAL_CONSONANTS = {"v": "f", "z": "s"}
MIN_CONSONANT_STEM = 4

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("dutch_porter")


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
    return singular_consonant(_stemmer.stemWord(word))


def singular_consonant(stem_):
    """brieven → briev → brief, reizen → reiz → reis: the plural's v or z becomes the singular's f or s."""
    if len(stem_) >= MIN_CONSONANT_STEM and stem_[-1] in PLURAL_CONSONANTS:
        return stem_[:-1] + PLURAL_CONSONANTS[stem_[-1]]
    return stem_


_STEMMED_PARTS = frozenset(stem(part) for part in WORDS)


@lru_cache(maxsize=50_000)
def split_compound(word):
    """Parts of a compound word, first part first; () when the word is not a compound of listed words.

    In order: every part is a listed word (*vrijwilligers|vergoeding*, *inclusie|agenda*); else a listed first
    part of at least five letters and any rest (*vrijwilligers|academie*); else any first part and a listed
    last part (*reis|kosten*, *mantel|zorg*). Parts beside a listed one have at least four letters, and a
    listed word is never split itself.
    """
    if len(word) < MIN_COMPOUND or word in WORDS:
        return ()
    known = _split_known(word)
    if known:
        return known
    for cut in range(len(word) - MIN_OPEN_PART, MIN_OPEN_HEAD - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head in WORDS:
            tail = rest[1:] if rest[0] == "s" and len(rest) > MIN_OPEN_PART else rest
            return (head, tail)
    for cut in range(MIN_OPEN_PART, len(word) - MIN_OPEN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if _is_part(tail):
            return (head, tail)
    return ()


def _split_known(word):
    """Listed parts only, longest first part first (recursively for the rest); () when there are none."""
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in WORDS:
            continue
        for link in LINKING:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            if _is_part(tail):
                return (head, tail)
            deeper = _split_known(tail)
            if deeper:
                return (head, *deeper)
    return ()


def _is_part(word):
    """A known part, also in a plural form (organisaties, initiatieven, jongeren)."""
    if word in WORDS or stem(word) in _STEMMED_PARTS:
        return True
    singular = (word[:-1], word[:-2], word[:-3] + "f" if word.endswith("ven") else "")
    return any(form in WORDS for form in singular if form)


@lru_cache(maxsize=100_000)
def _word_forms(word):
    """A folded word and its compound parts; () for a stop word."""
    if word in STOP_WORDS:
        return ()
    return (word, *split_compound(word))


@lru_cache(maxsize=100_000)
def _word_terms(word):
    return tuple(stem(form) for form in _word_forms(word))


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


ANALYSIS_FILTERS = [
    "lowercase",
    "asciifolding",
    "dutch_stop",
    "dutch_compounds",
    "dutch_stemmer",
    "dutch_plural_v",
    "dutch_plural_z",
]


def elasticsearch_analysis():
    """Index analysis settings for Elasticsearch: the same pipeline as above, in Elasticsearch terms."""
    return {
        "analysis": {
            "filter": {
                "dutch_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
                "dutch_compounds": {
                    "type": "dictionary_decompounder",
                    "word_list": sorted(WORDS),
                    "min_subword_size": MIN_PART,
                    "only_longest_match": True,
                },
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                # brieven → briev → brief, reizen → reiz → reis (see singular_consonant)
                "dutch_plural_v": {
                    "type": "pattern_replace",
                    "pattern": f"^(.{{{MIN_CONSONANT_STEM - 1},}})v$",
                    "replacement": "$1f",
                },
                "dutch_plural_z": {
                    "type": "pattern_replace",
                    "pattern": f"^(.{{{MIN_CONSONANT_STEM - 1},}})z$",
                    "replacement": "$1s",
                },
            },
            "analyzer": {
                "dutch_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ANALYSIS_FILTERS,
                },
                # Wagtail's own indexes (pages, admin search) use the default analyzer for text fields.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ANALYSIS_FILTERS,
                },
            },
        }
    }
