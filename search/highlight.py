"""Result snippets with the matched words in <mark>, built from escaped text only."""

import re
from collections import deque
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import dutch

_WORD_RE = re.compile(r"\w+", re.UNICODE)
WINDOW = 32


@lru_cache(maxsize=100_000)
def _terms(word):
    """The stems a word of the text is indexed under: its own and those of its compound parts."""
    folded = dutch.fold(word)
    if not folded:
        return ()
    return (dutch.stem(folded), *(dutch.stem(part) for part in dutch.split_compound(folded)))


def _matches(word, stems):
    return any(term.startswith(stem) for term in _terms(word) for stem in stems)


def _excerpt_tokens(text, stems, window):
    """(tokens of the excerpt, whether words precede it, whether words follow it).

    The excerpt starts a quarter window before the first match (at the start when nothing matches). The
    text is tokenised only up to the end of the excerpt: a body can be 20,000 characters long.
    """
    lead = window // 4
    tokens = _WORD_RE.finditer(text)
    before = deque(maxlen=lead)  # the last tokens before the current one
    dropped = False
    excerpt = None
    if stems:
        for token in tokens:
            if _matches(token.group(), stems):
                excerpt = [*before, token]
                break
            dropped = dropped or len(before) == lead  # appending pushes the oldest out of the excerpt
            before.append(token)
    if excerpt is None:
        tokens, excerpt, dropped = _WORD_RE.finditer(text), [], False
    for token in tokens:
        if len(excerpt) == window:
            return excerpt, dropped, True
        excerpt.append(token)
    return excerpt, dropped, False


def has_match(text, stems):
    """Whether a word of `text` matches one of the query's stems (as highlight() would mark it)."""
    stems = [s for s in stems if s]
    return bool(stems) and any(_matches(token.group(), stems) for token in _WORD_RE.finditer(text or ""))


def highlight(text, stems, window=WINDOW):
    """An escaped excerpt of `text` around the first match, every matching word wrapped in <mark>."""
    text = text or ""
    stems = [s for s in stems if s]
    tokens, skipped, more = _excerpt_tokens(text, stems, window)
    if not tokens:
        return ""
    start = tokens[0].start() if skipped else 0
    end = tokens[-1].end() if more else len(text)
    pieces = ["… " if skipped else ""]
    cursor = start
    for token in tokens:
        pieces.append(escape(text[cursor : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if stems and _matches(token.group(), stems) else word)
        cursor = token.end()
    pieces.append(escape(text[cursor:end]))
    if more:
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of content above is escaped


def highlight_title(title, stems):
    return highlight(title, stems, window=10_000)
