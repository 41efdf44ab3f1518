"""The questionnaire engine: scoring (ties, skipped questions), the hidden state, the plan's choices and rules."""

import pytest
from django.http import QueryDict

from campaign.quiz import engine
from campaign.quiz.engine import Option, Question


def _question(*points_per_option):
    return Question(
        key="q",
        text="Vraag",
        options=tuple(
            Option(key=str(index), label=f"Antwoord {index}", points=points)
            for index, points in enumerate(points_per_option)
        ),
    )


PROFILES = ["verbinder", "doener", "denker"]
QUESTIONS = [
    _question((("verbinder", 2),), (("doener", 2),), (("denker", 1), ("doener", 1))),
    _question((("verbinder", 1),), (("doener", 1),), (("denker", 3),)),
    _question((("verbinder", 1), ("denker", 1)), (("doener", 1),)),
]


def test_highest_total_wins_and_answers_can_count_for_several_profiles():
    outcome = engine.score(PROFILES, QUESTIONS, [2, 2, 0])
    assert outcome.totals == {"verbinder": 1, "doener": 1, "denker": 5}
    assert outcome.winner == "denker"
    assert outcome.answered == 3


def test_a_tie_goes_to_the_profile_listed_first():
    # verbinder 2 + 0 + 0, doener 0 + 1 + 1 = 2: tied, verbinder is listed first.
    assert engine.score(PROFILES, QUESTIONS, [0, 1, 1]).winner == "verbinder"
    # The same answers with doener listed first: doener wins.
    assert engine.score(["doener", "verbinder", "denker"], QUESTIONS, [0, 1, 1]).winner == "doener"


def test_skipped_questions_add_nothing():
    outcome = engine.score(PROFILES, QUESTIONS, [None, 2, None])
    assert outcome.totals == {"verbinder": 0, "doener": 0, "denker": 3}
    assert outcome.winner == "denker"
    assert outcome.answered == 1


def test_every_question_skipped_gives_no_winner():
    outcome = engine.score(PROFILES, QUESTIONS, [None, None, None])
    assert outcome.winner is None
    assert outcome.answered == 0


def test_points_for_a_profile_that_no_longer_exists_are_ignored():
    questions = [_question((("weg", 5),), (("doener", 1),))]
    assert engine.score(PROFILES, questions, [0]).totals == {"verbinder": 0, "doener": 0, "denker": 0}


def test_state_round_trip():
    answers = [2, None, 0]
    text = engine.encode_state(answers)
    assert text == "2.-.0"
    assert engine.decode_state(text, QUESTIONS) == answers


@pytest.mark.parametrize(
    "text",
    ["", "1.1", "1.1.1.1", "9.0.0", "a.b.c", "-1.0.0", "1.0.0" + "0" * 500, "1..0", "1.0.0 ; drop", "٣.0.0"],
)
def test_tampered_state_is_refused(text):
    with pytest.raises(engine.StateError):
        engine.decode_state(text, QUESTIONS)


@pytest.mark.parametrize("value", ["", "x", "3", "-1", "1.5", "9999", "١"])
def test_unknown_answers_are_refused(value):
    with pytest.raises(engine.StateError):
        engine.parse_option_index(value, QUESTIONS[2])


@pytest.mark.parametrize("value", ["", "4", "x", "-1", "99999"])
def test_unknown_steps_are_refused(value):
    with pytest.raises(engine.StateError):
        engine.parse_step(value, QUESTIONS)


def test_the_result_is_a_step_too():
    assert engine.parse_step("3", QUESTIONS) == 3


PLAN = [
    Question(key="tijd", text="Tijd?", options=(Option("weinig", "Weinig"), Option("veel", "Veel"))),
    Question(
        key="partners",
        text="Partners?",
        multiple=True,
        options=(Option("bieb", "Bibliotheek"), Option("welzijn", "Welzijn"), Option("sport", "Sportclubs")),
    ),
]


def test_choices_are_read_per_question():
    chosen, errors = engine.parse_choices(PLAN, QueryDict("tijd=weinig&partners=bieb&partners=sport&x=1"))
    assert errors == {}
    assert chosen == {"tijd": ["weinig"], "partners": ["bieb", "sport"]}
    assert engine.chosen_option_keys(chosen) == {
        "weinig",
        "bieb",
        "sport",
        "tijd:weinig",
        "partners:bieb",
        "partners:sport",
    }


def test_unknown_options_and_two_values_for_one_choice_are_errors():
    chosen, errors = engine.parse_choices(PLAN, QueryDict("tijd=weinig&tijd=veel&partners=gemeentehuis"))
    assert chosen == {}
    assert set(errors) == {"tijd", "partners"}


def test_rules():
    chosen = {"weinig", "bieb"}
    assert engine.rule_matches("always", [], chosen)
    assert engine.rule_matches("any", ["veel", "bieb"], chosen)
    assert not engine.rule_matches("any", ["veel"], chosen)
    assert engine.rule_matches("all", ["weinig", "bieb"], chosen)
    assert not engine.rule_matches("all", ["weinig", "welzijn"], chosen)
    assert not engine.rule_matches("any", [], chosen)
    assert not engine.rule_matches("all", [], chosen)


def test_keys_are_split_and_lowercased():
    assert engine.split_keys(" Verbinder, doener ,, ") == ["verbinder", "doener"]
