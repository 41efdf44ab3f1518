import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from tips import appreciation
from tips.factories import TipCollectionPageFactory, TipFactory
from tips.models import Appreciation


def url_for(tip):
    return f"/waarderen/tips.tip/{tip.pk}/"


@pytest.mark.django_db
def test_without_javascript_the_form_posts_and_redirects_back_with_a_message(client, collection, tips):
    tip = tips[0]
    response = client.post(url_for(tip), {"next": f"/tips/80-tips/#tip-{tip.slug}"}, follow=True)
    assert response.redirect_chain[0] == (f"/tips/80-tips/#tip-{tip.slug}", 302)
    html = response.content.decode()
    assert "Dank je wel voor je waardering!" in html
    assert "1 waardering" in html
    assert Appreciation.objects.get().count == 1


@pytest.mark.django_db
def test_with_javascript_the_endpoint_answers_json(client, collection, tips):
    response = client.post(url_for(tips[0]), HTTP_ACCEPT="application/json")
    assert response.json() == {
        "count": 1,
        "count_text": "1 waardering",
        "appreciated": True,
        "message": "Dank je wel voor je waardering!",
    }


@pytest.mark.django_db
def test_once_per_browser(client, collection, tips):
    client.post(url_for(tips[0]), HTTP_ACCEPT="application/json")
    again = client.post(url_for(tips[0]), HTTP_ACCEPT="application/json").json()
    assert again["count"] == 1
    assert again["message"] == "Je hebt dit al gewaardeerd. Dank je wel!"
    client.post(url_for(tips[1]), HTTP_ACCEPT="application/json")
    other_browser = Client()
    assert other_browser.post(url_for(tips[0]), HTTP_ACCEPT="application/json").json()["count"] == 2
    assert Appreciation.objects.counts_for(tips) == {tips[0].pk: 2, tips[1].pk: 1}


@pytest.mark.django_db
def test_the_cookie_is_functional_only(client, collection, tips):
    response = client.post(url_for(tips[0]))
    cookie = response.cookies[appreciation.COOKIE_NAME]
    assert cookie.value == f"tips.tip:{tips[0].pk}"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert set(response.cookies) <= {appreciation.COOKIE_NAME, "messages"}


@pytest.mark.django_db
def test_appreciated_items_render_as_appreciated(client, collection, tips):
    client.post(url_for(tips[0]))
    html = client.get(f"/tips/80-tips/{tips[0].slug}/").content.decode()
    assert "Gewaardeerd" in html
    assert 'id="appreciate-tip-' not in html  # no button any more


@pytest.mark.django_db
def test_rate_limit_per_ip(collection, monkeypatch):
    monkeypatch.setattr(appreciation, "RATE_LIMIT", 3)
    many = [TipFactory(page=collection) for _ in range(5)]
    statuses = [Client(REMOTE_ADDR="10.0.0.1").post(url_for(tip), HTTP_ACCEPT="application/json") for tip in many]
    assert [response.status_code for response in statuses] == [200, 200, 200, 429, 429]
    assert "Te veel waarderingen" in statuses[-1].json()["message"]
    assert Client(REMOTE_ADDR="10.0.0.2").post(url_for(many[4]), HTTP_ACCEPT="application/json").status_code == 200
    assert sum(Appreciation.objects.values_list("count", flat=True)) == 4


@pytest.mark.django_db
def test_rate_limited_without_javascript_shows_an_error(client, collection, tips, monkeypatch):
    monkeypatch.setattr(appreciation, "RATE_LIMIT", 1)
    client.post(url_for(tips[0]), {"next": "/tips/80-tips/"})
    response = client.post(url_for(tips[1]), {"next": "/tips/80-tips/"}, follow=True)
    assert "Te veel waarderingen vanaf jouw verbinding" in response.content.decode()
    assert Appreciation.objects.count() == 1  # the second, over the limit, was not counted


@pytest.mark.django_db
def test_only_registered_models_and_public_objects(client, tip_index, collection, tips):
    draft = TipCollectionPageFactory(parent=tip_index, live=False)
    hidden = TipFactory(page=draft)
    assert client.post(url_for(hidden)).status_code == 404
    assert client.post(f"/waarderen/core.user/{tips[0].pk}/").status_code == 404
    assert client.get(url_for(tips[0])).status_code == 405


@pytest.mark.django_db
def test_next_must_stay_on_the_site(client, collection, tips):
    response = client.post(url_for(tips[0]), {"next": "https://evil.example/"})
    assert response["Location"] == tips[0].url


@pytest.mark.django_db
def test_counter_is_generic_per_content_type(collection, tips):
    Appreciation.objects.increment(tips[0])
    Appreciation.objects.increment(tips[0])
    row = Appreciation.objects.get()
    assert row.content_type == ContentType.objects.get_for_model(tips[0])
    assert row.count == 2


@pytest.mark.django_db
def test_deleting_a_tip_deletes_its_counter(collection, tips):
    Appreciation.objects.increment(tips[0])
    Appreciation.objects.increment(tips[1])
    tips[0].delete()
    assert list(Appreciation.objects.values_list("object_id", flat=True)) == [tips[1].pk]
