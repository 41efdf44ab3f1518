"""How easy a Dutch text is to read: Flesch-Douma and LIX, with long sentences and long words marked.

- Flesch-Douma (Douma 1960, Flesch's reading ease adapted to Dutch):
  ``206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)``; higher is easier. Easy-read (B1) text
  usually scores 60 or more, legal and policy text often below 30.
- LIX (Björnsson): ``words / sentences + 100 × (words of more than six letters) / words``; lower is easier.
  Below 40 is easy to fairly easy, above 50 hard.

What counts:

- a *word* is a run of letters, with hyphens or apostrophes inside it (``B1-niveau`` and ``zo'n`` are one
  word); numbers are not words;
- a *sentence* ends at ``.``, ``!`` or ``?`` followed by a space, and at every paragraph, heading or list item
  (a list item without a full stop is a sentence of its own);
- *syllables* come from pyphen's Dutch hyphenation (nl_NL), but are never fewer than the word's vowel groups
  (pyphen does not split ``ide-eën`` or ``o-ver``); the parts of a hyphenated word are counted apart; a part
  longer than ``HYPHENATE_MAX_LETTERS`` letters is counted by its vowel groups alone;
- a sentence of more than ``LONG_SENTENCE_WORDS`` words is *long*; a word of four or more syllables is *long*
  (B1 writing guides: short sentences, words of at most three syllables where you can).
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

LONG_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 4
LIX_LONG_WORD_LETTERS = 6
# Longer words (parts between hyphens) are counted by their vowel groups only: pyphen is slow on huge "words".
HYPHENATE_MAX_LETTERS = 40
# Enough for a long page; beyond this the editor gets the figures of the first part.
MAX_TEXT_LENGTH = 100_000

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
VOWEL_GROUP_RE = re.compile(r"(?:ij|[aeiouy])+|[äëïöüáéíóú][aeiouy]*", re.IGNORECASE)
BLOCK_END_RE = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|dd|dt|td|th|figcaption)>|<(?:br|hr)\s*/?>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


@lru_cache(maxsize=20_000)
def syllables(word):
    """Syllables of one word (a hyphenated word: the sum of its parts)."""
    total = 0
    for part in re.split(r"[-'’]", word.lower()):
        if not part:
            continue
        by_vowels = len(VOWEL_GROUP_RE.findall(part))
        if len(part) > HYPHENATE_MAX_LETTERS:  # no real word; pyphen would take seconds on a pasted blob
            total += max(by_vowels, 1)
            continue
        by_pattern = len(_hyphenator().positions(part)) + 1
        total += max(by_pattern, by_vowels, 1)
    return total


def html_to_text(value):
    """Plain text of rich text: one line per paragraph, heading and list item."""
    if not value:
        return ""
    text = html.unescape(TAG_RE.sub("", BLOCK_END_RE.sub("\n", str(value))))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def split_sentences(text):
    sentences = []
    for line in text.splitlines():
        for sentence in SENTENCE_END_RE.split(line.strip()):
            sentence = sentence.strip()
            if sentence and WORD_RE.search(sentence):
                sentences.append(sentence)
    return sentences


@dataclass
class Word:
    text: str
    syllables: int

    @property
    def long(self):
        return self.syllables >= LONG_WORD_SYLLABLES


@dataclass
class Sentence:
    text: str
    words: list = field(default_factory=list)

    @property
    def long(self):
        return len(self.words) > LONG_SENTENCE_WORDS

    def segments(self):
        """The sentence as ``(text, is_long_word)`` pieces, to mark its long words."""
        pieces = []
        position = 0
        for match in WORD_RE.finditer(self.text):
            if syllables(match.group()) >= LONG_WORD_SYLLABLES:
                if match.start() > position:
                    pieces.append((self.text[position : match.start()], False))
                pieces.append((match.group(), True))
                position = match.end()
        if position < len(self.text):
            pieces.append((self.text[position:], False))
        return pieces


@dataclass
class Analysis:
    sentences: list

    @property
    def words(self):
        return [word for sentence in self.sentences for word in sentence.words]

    @property
    def word_count(self):
        return sum(len(sentence.words) for sentence in self.sentences)

    @property
    def sentence_count(self):
        return len(self.sentences)

    @property
    def syllable_count(self):
        return sum(word.syllables for word in self.words)

    @property
    def lix_long_word_count(self):
        return sum(1 for word in self.words if len(word.text.replace("-", "")) > LIX_LONG_WORD_LETTERS)

    @property
    def words_per_sentence(self):
        return self.word_count / self.sentence_count if self.sentence_count else 0.0

    @property
    def syllables_per_word(self):
        return self.syllable_count / self.word_count if self.word_count else 0.0

    @property
    def flesch_douma(self):
        if not self.word_count:
            return None
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word

    @property
    def lix(self):
        if not self.word_count:
            return None
        return self.words_per_sentence + 100 * self.lix_long_word_count / self.word_count

    @property
    def long_sentences(self):
        return [sentence for sentence in self.sentences if sentence.long]

    @property
    def long_words(self):
        """Each long word once, in the order they first occur."""
        seen = {}
        for word in self.words:
            if word.long and word.text.lower() not in seen:
                seen[word.text.lower()] = word
        return list(seen.values())

    @property
    def level(self):
        """A short Dutch-free key for the Flesch-Douma band (the panel translates it)."""
        return douma_level(self.flesch_douma)

    def as_dict(self):
        """What the editor's panel shows, for the JSON endpoint."""
        douma = self.flesch_douma
        lix = self.lix
        return {
            "words": self.word_count,
            "sentences": self.sentence_count,
            "syllables": self.syllable_count,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "flesch_douma": None if douma is None else round(douma, 1),
            "lix": None if lix is None else round(lix, 1),
            "level": self.level,
            "long_sentence_words": LONG_SENTENCE_WORDS,
            "long_sentences": [
                {
                    "words": len(sentence.words),
                    "parts": [{"text": text, "long": long} for text, long in sentence.segments()],
                }
                for sentence in self.long_sentences
            ],
            "long_words": [{"text": word.text, "syllables": word.syllables} for word in self.long_words],
        }


def douma_level(score):
    if score is None:
        return "empty"
    if score >= 80:
        return "easy"
    if score >= 60:
        return "b1"
    if score >= 45:
        return "fairly-hard"
    if score >= 30:
        return "hard"
    return "very-hard"


def analyse(text):
    """The readability of plain text (rich text: pass it through ``html_to_text`` first)."""
    text = (text or "")[:MAX_TEXT_LENGTH]
    sentences = []
    for raw in split_sentences(text):
        words = [Word(match, syllables(match)) for match in WORD_RE.findall(raw)]
        sentences.append(Sentence(raw, words))
    return Analysis(sentences)


# --- The text of a page --------------------------------------------------------------------------------------


def stream_text(stream_value):
    """The prose of a StreamField value: rich text, text and short text blocks, in order, one per line."""
    return "\n".join(_block_texts_of_stream(stream_value))


def _block_texts_of_stream(stream_value):
    for child in stream_value or ():
        yield from _block_texts(child.block, child.value)


def _block_texts(block, value):
    from wagtail import blocks
    from wagtail.rich_text import RichText

    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock) or isinstance(value, RichText):
        yield html_to_text(getattr(value, "source", value))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock) and not isinstance(
        block, blocks.URLBlock | blocks.EmailBlock
    ):
        if str(value).strip():
            yield str(value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, getattr(item, "value", item))
    elif isinstance(block, blocks.StreamBlock):
        yield from _block_texts_of_stream(value)


def page_text(page, field_names):
    """The plain text of these fields of a page (text, rich text and stream fields), one paragraph per line."""
    from wagtail.fields import RichTextField, StreamField

    parts = []
    for name in field_names:
        model_field = page._meta.get_field(name)
        value = getattr(page, name, None)
        if not value:
            continue
        if isinstance(model_field, StreamField):
            parts.append(stream_text(value))
        elif isinstance(model_field, RichTextField):
            parts.append(html_to_text(value))
        else:
            parts.append(str(value))
    return "\n".join(part for part in parts if part.strip())
