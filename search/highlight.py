"""Result snippets with the matched words in <mark>, built from escaped text only."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import dutch

_WORD_RE = re.compile(r"\w+", re.UNICODE)
WINDOW = 32


def _matches(word, stems):
    folded = dutch.fold(word)
    if not folded:
        return False
    candidates = [dutch.stem(folded), *(dutch.stem(part) for part in dutch.split_compound(folded))]
    return any(candidate.startswith(stem) for stem in stems for candidate in candidates)


def highlight(text, stems, window=WINDOW):
    """An escaped excerpt of `text` around the first match, every matching word wrapped in <mark>."""
    text = text or ""
    tokens = list(_WORD_RE.finditer(text))
    if not tokens:
        return ""
    stems = [s for s in stems if s]
    hits = [i for i, token in enumerate(tokens) if stems and _matches(token.group(), stems)]
    start_token = max(0, (hits[0] if hits else 0) - window // 4)
    end_token = min(len(tokens), start_token + window)
    start = tokens[start_token].start() if start_token else 0
    end = tokens[end_token - 1].end() if end_token < len(tokens) else len(text)
    hit_set = {i for i in hits if start_token <= i < end_token}
    pieces = ["… " if start_token else ""]
    cursor = start
    for i in range(start_token, end_token):
        token = tokens[i]
        pieces.append(escape(text[cursor : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if i in hit_set else word)
        cursor = token.end()
    pieces.append(escape(text[cursor:end]))
    if end_token < len(tokens):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of content above is escaped


def highlight_title(title, stems):
    return highlight(title, stems, window=10_000)
