"""The report form on the public site: /melden/<post id>/ (community.views_moderation.report_post)."""

import pytest
from django.urls import reverse

from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import HiddenReason, ModerationAction, PostStatus, Report, ReportReason
from community.models.moderation import REPORTS_TO_HIDE


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Inclusie in de wijk")


@pytest.fixture
def reply(topic):
    return PostFactory(thread=topic, body="Kijk op mijn website voor **goedkope** aanbiedingen.")


@pytest.fixture
def reporter(db):
    return MemberFactory(username="melder", first_name="Mila")


def url(post):
    return reverse("community_report", args=[post.pk])


def text(response):
    return response.content.decode()


def test_anonymous_visitors_log_in_first(client, reply):
    response = client.get(url(reply))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_form_shows_the_post_and_the_reasons(client, reply, reporter):
    client.force_login(reporter)
    response = client.get(url(reply))
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert "Bericht melden" in page
    assert "<strong>goedkope</strong>" in page  # the post, so the member knows what they report
    for value in ReportReason.values:
        assert f'value="{value}"' in page
    assert "<legend>Waarom meld je dit bericht?</legend>" in page
    assert 'for="report-explanation"' in page
    assert "csrfmiddlewaretoken" in page


def test_a_report_is_stored_and_thanked_for(client, reply, reporter, topic):
    client.force_login(reporter)
    response = client.post(url(reply), {"reason": ReportReason.SPAM, "explanation": "Reclame"}, follow=False)
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason, report.explanation) == (
        reply,
        reporter,
        ReportReason.SPAM,
        "Reclame",
    )
    assert f"#reactie-{reply.pk}" in response["Location"]
    page = text(client.get(response["Location"]))
    assert "Bedankt voor je melding" in page


def test_a_safe_next_address_is_where_the_member_returns(client, reply, reporter):
    client.force_login(reporter)
    response = client.post(url(reply) + "?next=/forum/", {"reason": ReportReason.SPAM})
    assert response["Location"] == "/forum/"
    other = PostFactory(thread=reply.thread)
    response = client.post(url(other) + "?next=https://evil.example/", {"reason": ReportReason.SPAM})
    assert "evil.example" not in response["Location"]


def test_a_member_reports_a_post_once(client, reply, reporter):
    client.force_login(reporter)
    client.post(url(reply), {"reason": ReportReason.SPAM})
    for response in (client.get(url(reply)), client.post(url(reply), {"reason": ReportReason.OFFENSIVE})):
        assert response.status_code == 200
        assert "Je hebt dit bericht al gemeld" in text(response)
        assert 'name="reason"' not in text(response)
    assert Report.objects.count() == 1


def test_no_reason_chosen_shows_an_error_summary(client, reply, reporter):
    client.force_login(reporter)
    response = client.post(url(reply), {"reason": "", "explanation": "x"})
    assert response.status_code == 200
    page = text(response)
    assert "data-error-summary" in page
    assert 'href="#report-reason_0"' in page
    assert "Kies waarom je dit bericht meldt." in page
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("explanation", "message"),
    [
        ("Zie \x00 hier", "Haal de onzichtbare stuurtekens uit dit veld."),
        ("x" * 1001, "Gebruik hoogstens 1000 tekens."),
    ],
)
def test_hostile_explanations_are_refused_with_a_message(client, reply, reporter, explanation, message):
    client.force_login(reporter)
    response = client.post(url(reply), {"reason": ReportReason.OTHER, "explanation": explanation})
    assert response.status_code == 200
    assert message in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert not Report.objects.exists()


def test_an_unknown_reason_is_refused(client, reply, reporter):
    client.force_login(reporter)
    response = client.post(url(reply), {"reason": "<script>"})
    assert "Kies een van de redenen uit de lijst." in text(response)
    assert not Report.objects.exists()


def test_own_posts_cannot_be_reported(client, reply):
    client.force_login(reply.author)
    response = client.get(url(reply))
    assert response.status_code == 403
    assert "Je kunt je eigen bericht niet melden." in text(response)
    assert client.post(url(reply), {"reason": ReportReason.SPAM}).status_code == 403
    assert not Report.objects.exists()


def test_unverified_members_cannot_report(client, reply):
    unverified = MemberFactory(username="onbevestigd", verified=False)
    client.force_login(unverified)
    response = client.post(url(reply), {"reason": ReportReason.SPAM})
    assert response.status_code == 403
    assert "Bevestig eerst je e-mailadres" in text(response)
    assert not Report.objects.exists()


def test_hidden_and_pending_posts_cannot_be_reported(client, reply, reporter, topic, new_member):
    client.force_login(reporter)
    pending = PostFactory(thread=topic, author=new_member, status=PostStatus.PENDING)
    reply.status, reply.hidden_reason = PostStatus.HIDDEN, HiddenReason.MODERATOR
    reply.save()
    assert client.get(url(reply)).status_code == 404
    assert client.get(url(pending)).status_code == 404
    assert client.get(reverse("community_report", args=[999999])).status_code == 404


def test_the_third_report_hides_the_post_and_returns_to_the_topic(client, reply, topic):
    for number in range(REPORTS_TO_HIDE):
        client.force_login(MemberFactory(username=f"melder{number}"))
        response = client.post(url(reply), {"reason": ReportReason.SPAM})
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN and reply.hidden_reason == HiddenReason.REPORTS
    assert ModerationAction.objects.filter(action=ModerationAction.Action.AUTO_HIDE).count() == 1
    assert "#reactie-" not in response["Location"]  # the post is gone from the topic: back to the topic itself
    assert client.get(response["Location"]).status_code == 200
