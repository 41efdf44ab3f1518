"""Copying a tip collection (the admin's Copy action, `Page.copy()`): the copy gets its own tips with working
permalinks and its own appreciation counters; the original keeps its tips, slugs and counters."""

import pytest
from django.urls import reverse

from tips.models import Appreciation, Tip, TipCollectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_collection(collection, tips):
    """The collection as editors leave it: published from a revision that holds its tips, tips with tags."""
    tips[0].tags.add("persoonlijk")
    tips[0].save()
    collection.refresh_from_db()
    collection.save_revision().publish()
    for _ in range(3):
        Appreciation.objects.increment(tips[0])
    return TipCollectionPage.objects.get(pk=collection.pk)


def snapshot(collection):
    """What a visitor and an editor see of a collection's tips: (pk, slug, title, themes, audiences, tags, count)."""
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order").prefetch_related("themes", "audiences"))
    counts = Appreciation.objects.counts_for(tips)
    return [
        (
            tip.pk,
            tip.slug,
            tip.title,
            sorted(theme.name for theme in tip.themes.all()),
            sorted(audience.name for audience in tip.audiences.all()),
            sorted(tag.name for tag in tip.tags.all()),
            counts.get(tip.pk, 0),
        )
        for tip in tips
    ]


def without_pk_and_count(rows):
    return [row[1:-1] for row in rows]


def assert_copy_has_its_own_tips(client, original, copy, before):
    after = snapshot(original)
    assert after == before, "the original collection keeps its tips, slugs and counters"
    copied = snapshot(copy)
    assert without_pk_and_count(copied) == without_pk_and_count(before), "the copy has the same tips"
    assert not {row[0] for row in copied} & {row[0] for row in before}, "the copy's tips are new rows"
    assert all(row[-1] == 0 for row in copied), "appreciations are not copied or shared"

    # Permalinks of both collections answer with their own tip; the URLs differ only by the collection.
    for tip in Tip.objects.filter(page=copy):
        response = client.get(tip.url)
        assert response.status_code == 200, tip.url
        assert tip.title in response.content.decode()
    for tip in Tip.objects.filter(page=original):
        assert client.get(tip.url).status_code == 200, tip.url
    original_urls = {tip.url for tip in Tip.objects.filter(page=original)}
    copy_urls = {tip.url for tip in Tip.objects.filter(page=copy)}
    assert len(copy_urls) == len(before) and not original_urls & copy_urls

    # Appreciating a copied tip counts for the copy only.
    copied_tip = Tip.objects.filter(page=copy).order_by("sort_order").first()
    Appreciation.objects.increment(copied_tip)
    assert snapshot(original) == before
    assert Appreciation.objects.counts_for([copied_tip]) == {copied_tip.pk: 1}


def test_page_copy_gives_the_copy_its_own_tips(client, published_collection):
    original = published_collection
    before = snapshot(original)

    copy = original.copy(
        update_attrs={"title": "80 tips voor gemeenten (kopie)", "slug": "80-tips-kopie"}, keep_live=False
    )

    copy = TipCollectionPage.objects.get(pk=copy.pk)
    assert not copy.live
    # Publishing the copy's revision must keep the tips where they are (the revision refers to the copied tips).
    copy.get_latest_revision().publish()
    copy.refresh_from_db()
    assert copy.live
    assert_copy_has_its_own_tips(client, original, copy, before)


def test_admin_copy_action_copies_the_tips(admin_client, client, published_collection, tip_index):
    original = published_collection
    before = snapshot(original)

    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[original.pk]),
        {
            "new_title": "80 tips voor gemeenten (kopie)",
            "new_slug": "80-tips-kopie",
            "new_parent_page": tip_index.pk,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    copy = TipCollectionPage.objects.get(slug="80-tips-kopie")
    assert copy.live
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk])).status_code == 200
    assert_copy_has_its_own_tips(client, original, copy, before)


def test_a_collection_copied_twice_into_the_same_index_keeps_every_permalink_apart(client, published_collection):
    original = published_collection
    first = original.copy(update_attrs={"slug": "kopie-1", "title": "Kopie 1"}, keep_live=True)
    second = first.copy(update_attrs={"slug": "kopie-2", "title": "Kopie 2"}, keep_live=True)

    urls = [tip.url for tip in Tip.objects.filter(page__in=[original, first, second])]
    assert len(urls) == 9 and len(set(urls)) == 9
    for url in urls:
        assert client.get(url).status_code == 200, url
