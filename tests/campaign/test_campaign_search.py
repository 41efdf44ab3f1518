"""Approved local actions in the site search: found by their words, labelled "Lokale actie", with their province
facet, and gone as soon as they are rejected."""

import pytest
from django.utils import translation

from campaign.factories import LocalActionFactory
from campaign.models import LocalAction
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures

pytestmark = pytest.mark.django_db


def api_results(client, query):
    return client.get("/api/v1/search", {"q": query}).json()["results"]


def test_an_approved_action_is_found_and_a_rejected_one_leaves(client, week, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = LocalActionFactory(
            week=week, title="Burendag met de brandweer", place="Leeuwarden", province="friesland"
        )
        LocalActionFactory(week=week, title="Brandweerkazerne open", status=LocalAction.Status.PENDING)
    results = api_results(client, "brandweer")
    assert [result["title"] for result in results] == ["Burendag met de brandweer"]
    assert results[0]["url"].endswith(action.get_url())
    with translation.override("nl"):
        html = client.get("/zoeken/", {"q": "Leeuwarden"}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Burendag met de brandweer" in html and "Lokale actie" in html

    with django_capture_on_commit_callbacks(execute=True):
        action.status = LocalAction.Status.REJECTED
        action.save()
    assert api_results(client, "brandweer") == []
