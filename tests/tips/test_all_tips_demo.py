"""The demo's tips: a collection's title never promises more (or fewer) tips than it holds, and the list of all
tips shows every one of them."""

import re

from tips.models import Tip, TipCollectionPage


def test_no_collection_title_contradicts_its_number_of_tips(demo):
    for collection in TipCollectionPage.objects.live():
        number = re.match(r"\s*(\d+)\s", collection.title)
        if number:
            assert int(number.group(1)) == collection.tips.count(), collection.title


def test_all_tips_lists_the_demo_tips_across_collections(demo, client):
    html = client.get("/tips/alle/").content.decode()
    total = Tip.objects.public().count()
    assert f"{total} tips" in html
    for collection in TipCollectionPage.objects.live():
        assert f'Uit de verzameling <a href="{collection.url}">{collection.title}</a>' in html
