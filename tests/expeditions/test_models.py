"""Status from dates (in the database and in Python), validation, and the lesson's link to its expedition."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from expeditions.blocks import LensStreamBlock, PhaseBlock
from expeditions.factories import ExpeditionLeaderFactory, LessonPageFactory
from expeditions.models import ExpeditionPage, ExpeditionStatus, LessonPage

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 6, 15)


@pytest.fixture
def three_expeditions(make_expedition):
    return {
        "planned": make_expedition(title="Gepland", start_date=datetime.date(2021, 9, 1), end_date=None),
        "running": make_expedition(
            title="Loopt", start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2021, 12, 1)
        ),
        "completed": make_expedition(
            title="Afgerond", start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2020, 12, 1)
        ),
    }


@time_machine.travel(TODAY)
def test_status_follows_the_dates_in_python_and_in_the_database(three_expeditions):
    annotated = {page.title: page.current_status for page in ExpeditionPage.objects.with_status()}
    for expected, page in three_expeditions.items():
        assert page.get_status() == expected
        assert annotated[page.title] == expected


@time_machine.travel(TODAY)
def test_an_override_wins_over_the_dates(three_expeditions):
    stopped = three_expeditions["running"]
    stopped.status_override = ExpeditionStatus.COMPLETED
    stopped.save()
    assert stopped.get_status() == "completed"
    completed = ExpeditionPage.objects.with_status_in(["completed"])
    assert set(completed.values_list("title", flat=True)) == {"Afgerond", "Loopt"}


def test_the_status_changes_as_time_passes(three_expeditions):
    with time_machine.travel(datetime.date(2022, 1, 1)):
        assert set(ExpeditionPage.objects.completed().values_list("title", flat=True)) == {"Afgerond", "Loopt"}
        assert set(ExpeditionPage.objects.with_status_in(["running"]).values_list("title", flat=True)) == {"Gepland"}


def test_the_last_day_still_counts_as_running(make_expedition):
    page = make_expedition(start_date=datetime.date(2021, 1, 1), end_date=TODAY)
    with time_machine.travel(TODAY):
        assert page.get_status() == "running"
        assert ExpeditionPage.objects.with_status().get(pk=page.pk).current_status == "running"


def test_end_date_before_start_date_is_refused(make_expedition):
    page = make_expedition()
    page.end_date = page.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict


def test_each_lens_only_once():
    block = LensStreamBlock()
    value = block.to_python(
        [
            {"type": "lens", "value": {"lens": "awareness", "starting_situation": "<p>a</p>", "actions": ""}},
            {"type": "lens", "value": {"lens": "awareness", "starting_situation": "<p>b</p>", "actions": ""}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert 1 in error.value.block_errors


def test_a_phase_cannot_end_before_it_starts():
    block = PhaseBlock()
    value = block.to_python({"title": "Actieweek", "start_date": "2021-05-10", "end_date": "2021-05-01"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "end_date" in error.value.block_errors


def test_a_leader_photo_needs_a_description():
    from core.factories import ImageFactory

    leader = ExpeditionLeaderFactory.build(name="Anna", photo=ImageFactory(), photo_alt_text="")
    with pytest.raises(ValidationError) as error:
        leader.full_clean()
    assert "photo_alt_text" in error.value.message_dict


def test_an_email_is_only_public_when_the_leader_opts_in():
    leader = ExpeditionLeaderFactory.build(email="anna@example.org", contact_preference="programme_team")
    assert leader.public_email == ""
    leader.contact_preference = "email"
    assert leader.public_email == "anna@example.org"
    leader.email = ""
    with pytest.raises(ValidationError):
        leader.full_clean()


def test_a_lesson_knows_its_expedition_and_province(expedition, other_expedition, lesson):
    assert lesson.expedition_id == expedition.pk
    assert lesson.search_province == "Utrecht"
    assert expedition.search_province == "Utrecht"
    lesson.move(other_expedition, pos="last-child")
    moved = LessonPage.objects.get(pk=lesson.pk)
    assert moved.expedition_id == other_expedition.pk
    assert moved.search_province == "Noord-Brabant"


def test_a_lesson_needs_a_summary(expedition):
    lesson = LessonPageFactory(parent=expedition)
    lesson.listing_summary = " "
    with pytest.raises(ValidationError) as error:
        lesson.full_clean()
    assert "listing_summary" in error.value.message_dict
