"""The questionnaire engine shared by the test *Ontdek je vrijwilligerskracht!* and the *stappen- en keuzeplan*.

Pure Python, no database: the pages turn what editors made into :class:`Question` objects, and the engine reads
answers from the request, keeps the test's state in one hidden field, scores the test and matches the plan's rules.

The test's state is ``answers``: one entry per question, either the index of the chosen answer or ``None``
(skipped or not reached yet). It travels as text, ``"2.0.-.1"``, in a hidden field: nothing is stored on the
server and nothing in the session.

Scoring rule (stated to editors on the page as well):

1. every chosen answer adds its points to each profile it names;
2. the profile with the highest total wins;
3. a tie goes to the profile listed first on the page;
4. unanswered (skipped) questions add nothing;
5. when no question was answered at all there is no winner: the visitor is asked to answer at least one.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.text import is_plain_number

SKIPPED = "-"
SEPARATOR = "."
MAX_STATE_LENGTH = 400  # far more than 100 questions with two-digit answers; longer input is refused


class StateError(ValueError):
    """The hidden state does not belong to this questionnaire (tampered, or the test changed meanwhile)."""

    def __init__(self, message=None):
        super().__init__(message or _("Your answers could not be read. Please start the test again."))
        self.message = message or _("Your answers could not be read. Please start the test again.")


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    points: tuple = ()  # ((profile_key, points), ...) for scored questionnaires


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: tuple
    help_text: str = ""
    multiple: bool = False

    def option_keys(self):
        return [option.key for option in self.options]


@dataclass
class Outcome:
    """The result of a scored questionnaire."""

    winner: str | None  # profile key; None when nothing was answered
    totals: dict = field(default_factory=dict)  # profile key -> points, in the profiles' order
    answered: int = 0


# --- The test's state -------------------------------------------------------------------------------------


def empty_state(questions):
    return [None] * len(questions)


def encode_state(answers):
    return SEPARATOR.join(SKIPPED if answer is None else str(answer) for answer in answers)


def decode_state(text, questions):
    """The answers kept in ``text``; :class:`StateError` when it does not fit ``questions``."""
    text = (text or "").strip()
    if len(text) > MAX_STATE_LENGTH:
        raise StateError()
    if not questions:
        raise StateError()
    parts = text.split(SEPARATOR) if text else []
    if len(parts) != len(questions):
        raise StateError(_("The test has changed since you started it. Please start again."))
    answers = []
    for part, question in zip(parts, questions, strict=True):
        if part == SKIPPED:
            answers.append(None)
            continue
        answers.append(parse_option_index(part, question))
    return answers


def parse_option_index(value, question):
    """The index of one answer of ``question``, from the text a form sent; :class:`StateError` when it is not
    one of the question's answers."""
    value = (value or "").strip()
    if not is_plain_number(value, max_digits=3):
        raise StateError(_("This answer does not belong to the question. Please choose one of the answers."))
    index = int(value)
    if index >= len(question.options):
        raise StateError(_("This answer does not belong to the question. Please choose one of the answers."))
    return index


def parse_step(value, questions):
    """The 0-based step a form sent: a question index, or ``len(questions)`` for the result."""
    value = (value or "").strip()
    if not is_plain_number(value, max_digits=4) or int(value) > len(questions):
        raise StateError(_("This step of the test does not exist. Please start again."))
    return int(value)


# --- Scoring ----------------------------------------------------------------------------------------------


def score(profile_keys, questions, answers):
    """Apply the scoring rule (see the module docstring) to ``answers``."""
    totals = dict.fromkeys(profile_keys, 0)
    answered = 0
    for question, answer in zip(questions, answers, strict=True):
        if answer is None:
            continue
        answered += 1
        for profile_key, points in question.options[answer].points:
            if profile_key in totals:
                totals[profile_key] += points
    if not answered or not totals:
        return Outcome(winner=None, totals=totals, answered=answered)
    best = max(totals.values())
    # dicts keep insertion order: the first profile with the best total is the one listed first.
    winner = next(key for key, total in totals.items() if total == best)
    return Outcome(winner=winner, totals=totals, answered=answered)


# --- Choices (the plan) -------------------------------------------------------------------------------------


def parse_choices(questions, data):
    """What a visitor chose, from a QueryDict: ``({question_key: [option_key, ...]}, errors)``.

    Unknown option keys are errors (tampered URLs); a single-choice question with more than one value too.
    Questions left open are simply absent."""
    chosen = {}
    errors = {}
    for question in questions:
        values = [value for value in data.getlist(question.key) if value != ""][:50]
        if not values:
            continue
        known = set(question.option_keys())
        if any(value not in known for value in values):
            errors[question.key] = _("Choose one of the options shown.")
            continue
        if not question.multiple and len(values) > 1:
            errors[question.key] = _("Choose one option.")
            continue
        chosen[question.key] = list(dict.fromkeys(values))
    return chosen, errors


def chosen_option_keys(chosen):
    return {f"{question_key}:{option_key}" for question_key, keys in chosen.items() for option_key in keys} | {
        option_key for keys in chosen.values() for option_key in keys
    }


RULE_ALWAYS = "always"
RULE_ANY = "any"
RULE_ALL = "all"


def rule_matches(mode, required, chosen_keys):
    """Whether a rule holds: ``always``; ``any`` of ``required`` chosen; ``all`` of them chosen.

    An ``any``/``all`` rule without options never holds (an editor who forgot the options sees the step missing,
    not everywhere)."""
    if mode == RULE_ALWAYS:
        return True
    required = set(required)
    if not required:
        return False
    if mode == RULE_ALL:
        return required <= chosen_keys
    return bool(required & chosen_keys)


def split_keys(text):
    """``"a, b ,c"`` -> ``["a", "b", "c"]`` (editors type option and profile keys comma-separated)."""
    return [part.strip().lower() for part in (text or "").split(",") if part.strip()]
