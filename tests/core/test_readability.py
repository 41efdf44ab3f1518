"""Dutch readability (core.readability): Flesch-Douma and LIX on texts counted by hand, long sentences and words,
the text of a page, and the admin-only endpoint behind the editor's live panel."""

import pytest
from django.urls import reverse

from core.readability import analyse, html_to_text, page_text, split_sentences, syllables


def test_a_short_b1_text_counted_by_hand():
    # Wij zoeken vrijwilligers (1+2+4) / Kom je ook helpen (1+1+1+2) / Het is leuk werk (1+1+1+1):
    # 11 words, 3 sentences, 16 syllables; one word of more than six letters (vrijwilligers).
    result = analyse("Wij zoeken vrijwilligers. Kom je ook helpen? Het is leuk werk.")
    assert (result.word_count, result.sentence_count, result.syllable_count) == (11, 3, 16)
    assert result.lix_long_word_count == 1
    # 206.835 - 0.93 * 11/3 - 77 * 16/11 = 206.835 - 3.41 - 112 = 91.425
    assert result.flesch_douma == pytest.approx(91.425)
    # 11/3 + 100 * 1/11 = 3.667 + 9.091 = 12.758
    assert result.lix == pytest.approx(12.7576, abs=1e-3)
    assert result.level == "easy"


def test_one_syllable_words():
    # 6 words, 1 sentence, 6 syllables: 206.835 - 0.93 * 6 - 77 * 1 = 124.255; LIX 6 + 0 = 6.
    result = analyse("De kat zit op de mat.")
    assert result.flesch_douma == pytest.approx(124.255)
    assert result.lix == pytest.approx(6.0)


def test_a_legal_sentence_counted_by_hand():
    text = (
        "Onverminderd het bepaalde in artikel drie is de aanvrager verplicht alle relevante gegevens "
        "onverwijld te verstrekken."
    )
    # on-ver-min-derd 4, het 1, be-paal-de 3, in 1, ar-ti-kel 3, drie 1, is 1, de 1, aan-vra-ger 3,
    # ver-plicht 2, al-le 2, re-le-van-te 4, ge-ge-vens 3, on-ver-wijld 3, te 1, ver-strek-ken 3 = 36
    result = analyse(text)
    assert (result.word_count, result.sentence_count, result.syllable_count) == (16, 1, 36)
    # Nine words of more than six letters (onverminderd … verstrekken).
    assert result.lix_long_word_count == 9
    # 206.835 - 0.93 * 16 - 77 * 36/16 = 206.835 - 14.88 - 173.25 = 18.705
    assert result.flesch_douma == pytest.approx(18.705)
    # 16 + 100 * 9/16 = 72.25
    assert result.lix == pytest.approx(72.25)
    assert result.level == "very-hard"


def test_a_b1_text_scores_easier_than_a_legal_text():
    b1 = analyse(
        "Fatima zette koffie. Ze vroeg een buurvrouw erbij. Die sprak Nederlands en Arabisch. Zo konden ze toch praten."
    )
    legal = analyse(
        "Het college van burgemeester en wethouders is bevoegd om, met inachtneming van de bepalingen van deze "
        "verordening en onverminderd het bepaalde in de Algemene wet bestuursrecht, nadere regels te stellen "
        "omtrent de verantwoording van de verstrekte subsidie."
    )
    assert b1.flesch_douma > 60 > legal.flesch_douma
    assert b1.lix < 40 < legal.lix
    assert not b1.long_sentences
    assert [len(sentence.words) for sentence in legal.long_sentences] == [37]


def test_long_words_are_marked_in_their_sentence():
    result = analyse(
        "Het college van burgemeester en wethouders stelt in overeenstemming met de gemeenteraad en de "
        "vrijwilligersorganisaties in de regio jaarlijks een uitvoeringsprogramma vast voor de komende periode."
    )
    (sentence,) = result.long_sentences
    marked = [text for text, long in sentence.segments() if long]
    assert "burgemeester" in marked and "uitvoeringsprogramma" in marked
    assert "college" not in marked
    assert "".join(text for text, _long in sentence.segments()) == sentence.text
    assert [word.text for word in result.long_words][:2] == ["burgemeester", "overeenstemming"]


def test_syllables_of_dutch_words():
    assert syllables("vrijwilligers") == 4
    assert syllables("ideeën") == 3  # pyphen alone says 2: the vowel groups count
    assert syllables("over") == 2
    assert syllables("B1-niveau") >= 3


def test_paragraphs_headings_and_list_items_end_sentences():
    text = html_to_text("<h2>Wat kun je doen</h2><ul><li>Tips lezen</li><li>Verhalen lezen</li></ul><p>Kom langs!</p>")
    assert split_sentences(text) == ["Wat kun je doen", "Tips lezen", "Verhalen lezen", "Kom langs!"]
    assert analyse("").flesch_douma is None
    assert analyse("12 34 56").word_count == 0


def test_the_text_of_a_page_includes_its_stream_and_rich_text(home_page):
    from core.models import ContentPage

    page = ContentPage(
        title="Over ons",
        slug="over-ons",
        introduction="<p>Wie wij zijn.</p>",
        body=[
            ("heading", {"text": "Ons doel", "level": "h2"}),
            ("paragraph", "<p>Meer mensen doen mee.</p>"),
        ],
        easy_read_body="<p>Dit is makkelijk.</p>",
    )
    home_page.add_child(instance=page)
    assert page.standard_text().splitlines() == ["Wie wij zijn.", "Ons doel", "Meer mensen doen mee."]
    assert page.easy_read_text().strip() == "Dit is makkelijk."
    assert page_text(page, ["easy_read_introduction"]) == ""


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "geheim-wachtwoord")


def test_the_endpoint_answers_editors_with_the_figures(client, editor):
    client.force_login(editor)
    response = client.post(reverse("core_readability"), {"text": "De kat zit op de mat."})
    assert response.status_code == 200
    data = response.json()
    assert data["flesch_douma"] == pytest.approx(124.3, abs=0.05)
    assert data["words"] == 6
    assert data["level_label"]


def test_the_endpoint_refuses_anonymous_visitors_and_get(client, editor):
    response = client.post(reverse("core_readability"), {"text": "De kat zit op de mat."})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(editor)
    assert client.get(reverse("core_readability")).status_code == 405


def test_the_endpoint_refuses_a_text_that_is_too_long_in_dutch(client, editor):
    client.force_login(editor)
    response = client.post(reverse("core_readability"), {"text": "woord " * 20_000})
    assert response.status_code == 400
    assert "te lang" in response.json()["error"]


def test_a_huge_pasted_word_is_counted_quickly_by_its_vowel_groups():
    import time

    started = time.perf_counter()
    analysis = analyse("a" * 99_999)
    assert time.perf_counter() - started < 0.5
    assert analysis.word_count == 1
    assert analysis.syllable_count == 1  # one run of vowels
    assert analyse("ba" * 30).syllable_count == 30  # 60 letters: by vowel groups, no pyphen


def test_the_endpoint_is_rate_limited_in_dutch(client, editor, monkeypatch):
    from core import readability_admin

    monkeypatch.setattr(readability_admin, "RATE_LIMIT", 2)
    client.force_login(editor)
    statuses = [client.post(reverse("core_readability"), {"text": "De kat."}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.post(reverse("core_readability"), {"text": "De kat."})
    assert "Te veel controles" in response.json()["error"]
