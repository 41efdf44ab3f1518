"""The campaign index (weeks upcoming first, past after, the tools), a week's page and the actions overview:
what visitors see, filters that ignore nonsense, and flat query counts."""

import datetime

import pytest
from django.utils import timezone

from campaign.factories import CampaignWeekPageFactory, LocalActionFactory
from campaign.models import CampaignIndexPage, CampaignWeekPage, LocalAction, MaterialsPage
from core.models import ContentPage, HomePage
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures

pytestmark = pytest.mark.django_db


def make_week(index, title, start_offset):
    start = timezone.localdate() + datetime.timedelta(days=start_offset)
    return CampaignWeekPageFactory(
        parent=index, title=title, start_date=start, end_date=start + datetime.timedelta(days=6)
    )


def test_page_tree_rules(home_page, campaign_index):
    assert CampaignIndexPage.can_create_at(home_page) is False  # one campaign index per site
    assert campaign_index.get_parent().specific_class is HomePage
    assert CampaignWeekPage.can_create_at(campaign_index)
    assert MaterialsPage.can_create_at(campaign_index)
    assert not CampaignWeekPage.can_create_at(home_page)
    assert not ContentPage.can_create_at(campaign_index)


def test_index_lists_upcoming_weeks_first_then_past_ones(client, campaign_index):
    make_week(campaign_index, "Week van vorig jaar", -300)
    make_week(campaign_index, "Week van vorige maand", -30)
    later = make_week(campaign_index, "Week over drie maanden", 90)
    soon = make_week(campaign_index, "Week over twee weken", 14)
    LocalActionFactory(week=soon)
    LocalActionFactory(week=soon, status=LocalAction.Status.PENDING)
    html = client.get(campaign_index.url).content.decode()
    order = [html.index(title) for title in ("Komende campagneweken", soon.title, later.title, "Eerdere campagneweken",
                                             "Week van vorige maand", "Week van vorig jaar")]  # fmt: skip
    assert order == sorted(order)
    assert "1 lokale actie" in html  # only approved actions count
    assert campaign_index.url + "acties/" in html


def test_index_links_the_tools_below_it(client, campaign_index, library):
    html = client.get(campaign_index.url).content.decode()
    assert "Hulpmiddelen van de campagne" in html
    assert f'href="{library.url}"' in html


def test_index_query_count_is_flat(client, campaign_index):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(campaign_index.url).status_code == 200
        return len(queries)

    client.get(campaign_index.url)
    make_week(campaign_index, "Een", 10)
    few = count()
    for number in range(12):
        week = make_week(campaign_index, f"Week {number}", -200 + number * 30)
        LocalActionFactory(week=week)
    assert count() == few


def test_week_page_shows_dates_theme_and_only_approved_actions(client, week):
    LocalActionFactory(week=week, title="Open dag in Zwolle")
    LocalActionFactory(week=week, title="Nog niet beoordeeld", status=LocalAction.Status.PENDING)
    LocalActionFactory(week=week, title="Afgewezen actie", status=LocalAction.Status.REJECTED)
    response = client.get(week.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thema: Samen sterk in de buurt" in html
    assert week.start_date.strftime("%Y-%m-%d") in html
    assert f"{week.start_date.day} " in html and " tot en met " in html
    assert "Open dag in Zwolle" in html
    assert "Nog niet beoordeeld" not in html and "Afgewezen actie" not in html
    assert "Meld je lokale actie aan" in html


def test_week_page_filters_by_province_and_ignores_nonsense(client, week):
    LocalActionFactory(week=week, title="Actie in Zwolle", province="overijssel")
    LocalActionFactory(week=week, title="Actie in Maastricht", province="limburg", place="Maastricht")
    html = client.get(week.url, {"province": "limburg"}).content.decode()
    assert "Actie in Maastricht" in html and "Actie in Zwolle" not in html
    for nonsense in ("atlantis", "\x00", "x" * 10_000):
        response = client.get(week.url, {"province": nonsense, "page": "-1"})
        assert response.status_code == 200
        assert "Actie in Zwolle" in response.content.decode()


def test_week_page_query_count_is_flat(client, week):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(week.url).status_code == 200
        return len(queries)

    LocalActionFactory(week=week)
    client.get(week.url)
    few = count()
    LocalActionFactory.create_batch(19, week=week)
    assert count() == few


def test_past_week_takes_no_registrations(client, campaign_index):
    past = make_week(campaign_index, "Voorbij", -60)
    html = client.get(past.url).content.decode()
    assert "Deze campagneweek is voorbij" in html
    assert "Meld je lokale actie aan" not in html


def test_week_dates_are_checked_in_the_editor(week):
    from django.core.exceptions import ValidationError

    week.end_date = week.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        week.full_clean()
    assert "end_date" in error.value.message_dict


def test_action_page_shows_an_approved_action_only(client, week):
    approved = LocalActionFactory(week=week, title="Koffie met een vraag", link="https://www.example.org/koffie")
    pending = LocalActionFactory(week=week, status=LocalAction.Status.PENDING)
    response = client.get(approved.get_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Koffie met een vraag</h1>" in html
    assert 'href="https://www.example.org/koffie"' in html
    assert "actie@example.org" not in html  # the address is never shown
    assert client.get(pending.get_url()).status_code == 404
    assert client.get(week.url + "acties/999999/").status_code == 404


def test_actions_overview_searches_and_filters(client, campaign_index):
    first = make_week(campaign_index, "Eerste week", 7)
    second = make_week(campaign_index, "Tweede week", 40)
    LocalActionFactory(week=first, title="Klussendag voor studenten", place="Groningen", province="groningen")
    LocalActionFactory(week=second, title="Bedankontbijt", place="Maastricht", province="limburg")
    LocalActionFactory(week=first, title="Geheime klussendag", status=LocalAction.Status.PENDING)
    url = campaign_index.url + "acties/"
    html = client.get(url).content.decode()
    assert "Klussendag voor studenten" in html and "Bedankontbijt" in html and "Geheime" not in html
    html = client.get(url, {"q": "klussendag"}).content.decode()
    assert "Klussendag voor studenten" in html and "Bedankontbijt" not in html and "Geheime" not in html
    html = client.get(url, {"q": "Maastricht"}).content.decode()
    assert "Bedankontbijt" in html and "Klussendag" not in html
    html = client.get(url, {"week": second.pk}).content.decode()
    assert "Bedankontbijt" in html and "Klussendag" not in html
    html = client.get(url, {"province": "groningen"}).content.decode()
    assert "Klussendag voor studenten" in html and "Bedankontbijt" not in html


@pytest.mark.parametrize(
    "query",
    ["\x00", "a\x00b", "x" * 50_000, "' OR 1=1 --", "<script>alert(1)</script>"],
    ids=["nul", "nul-inside", "huge", "sql", "script"],
)
def test_actions_overview_survives_hostile_queries(client, campaign_index, query):
    response = client.get(campaign_index.url + "acties/", {"q": query, "week": "abc", "province": "\x00"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_actions_overview_query_count_is_flat(client, campaign_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    week = make_week(campaign_index, "Week", 7)
    url = campaign_index.url + "acties/"

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    LocalActionFactory(week=week, title="Open dag")
    client.get(url)
    few, few_search = count({}), count({"q": "open"})
    for number in range(19):
        LocalActionFactory(week=make_week(campaign_index, f"Week {number}", 20 + number), title=f"Open dag {number}")
    client.get(url)  # new pages start a new content generation: the site's invariants are read again
    assert count({}) == few
    assert count({"q": "open"}) == few_search
