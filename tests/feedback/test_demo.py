"""The demo's evaluations (the past Kennisboostweek, around 7.8) and page votes; seeding again adds nothing."""

from django.core.management import call_command

from core.demo import DemoBuilder
from feedback import demo as feedback_demo
from feedback.models import Evaluation, PageVote
from knowledgeboost.models import KnowledgeBoostWeekPage


def test_the_demo_has_evaluations_of_the_past_week(demo, client):
    week = KnowledgeBoostWeekPage.objects.get(slug="kennisboostweek-inclusief-welkom")
    summary = Evaluation.objects.for_group(week).summary()
    assert summary["answered"] >= 10
    assert 7.6 <= summary["average"] <= 8.0
    assert 0.5 < summary["answered"] / summary["invited"] < 0.8
    content = client.get(week.url).content.decode()
    assert "Deelnemers gaven deze week gemiddeld een 7," in content


def test_the_demo_has_page_votes(demo):
    assert PageVote.objects.filter(useful=False).exclude(comment="").exists()
    assert PageVote.objects.values("page").distinct().count() >= 3


def test_seeding_again_adds_nothing(demo):
    before = (Evaluation.objects.count(), PageVote.objects.count())
    builder = DemoBuilder()
    feedback_demo.seed(builder)
    assert builder.created == 0
    assert (Evaluation.objects.count(), PageVote.objects.count()) == before


def test_the_demo_sends_no_evaluation_mails(demo, mailoutbox):
    call_command("send_evaluations")  # the demo's events ended weeks ago, outside the window
    assert mailoutbox == []
