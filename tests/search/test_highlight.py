"""Result snippets: an escaped excerpt around the first match, matched words in <mark>."""

import re

from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from search import dutch
from search.highlight import highlight

WORDS = [
    "vrijwilligers",
    "gemeenten",
    "de",
    "het",
    "jongeren",
    "<b>",
    "&",
    "inclusieagenda",
    "buurt,",
    "sport.",
    "école",
]


def reference(text, stems, window):
    """The plain algorithm: tokenise everything, find the first match, cut a window around it."""
    tokens = list(re.finditer(r"\w+", text))
    if not tokens:
        return ""

    def matches(word):
        folded = dutch.fold(word)
        terms = [dutch.stem(folded), *(dutch.stem(p) for p in dutch.split_compound(folded))] if folded else []
        return any(term.startswith(stem) for term in terms for stem in stems)

    hits = [i for i, token in enumerate(tokens) if stems and matches(token.group())]
    first = max(0, (hits[0] if hits else 0) - window // 4)
    last = min(len(tokens), first + window)
    out, cursor = ["… " if first else ""], tokens[first].start() if first else 0
    for token in tokens[first:last]:
        out += [escape(text[cursor : token.start()])]
        out += [f"<mark>{escape(token.group())}</mark>" if stems and matches(token.group()) else escape(token.group())]
        cursor = token.end()
    out.append(escape(text[cursor : tokens[last - 1].end() if last < len(tokens) else len(text)]))
    return "".join(out) + (" …" if last < len(tokens) else "")


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=150),
    query=st.sampled_from(["vrijwilliger", "gemeente", "jongere", "inclusie", "sport buurt", "xyz", ""]),
    window=st.sampled_from([1, 4, 10, 32, 10_000]),
)
def test_snippet_equals_the_plain_algorithm_while_reading_only_what_it_shows(words, query, window):
    text = " ".join(words)
    stems = dutch.query_stems(query)
    assert str(highlight(text, stems, window)) == reference(text, stems, window)


def test_a_match_deep_in_a_long_body_is_shown_escaped_with_context():
    text = "Inleiding <script>. " + "woord " * 3000 + "Wij zoeken vrijwilligers & meer. " + "slot " * 3000
    snippet = str(highlight(text, dutch.query_stems("vrijwilliger")))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>vrijwilligers</mark> &amp; meer" in snippet
    assert "<script>" not in snippet
    assert len(snippet) < 400
