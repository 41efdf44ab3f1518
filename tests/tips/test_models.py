import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from core.models import HomePage
from tips.factories import TipCollectionPageFactory, TipFactory
from tips.models import Tip, TipCollectionIndexPage, TipCollectionPage


class TestPageTree(WagtailPageTestCase):
    def test_where_tip_pages_may_be_created(self):
        self.assertCanCreateAt(HomePage, TipCollectionIndexPage)
        self.assertCanCreateAt(TipCollectionIndexPage, TipCollectionPage)
        self.assertCanNotCreateAt(HomePage, TipCollectionPage)
        self.assertCanNotCreateAt(TipCollectionPage, TipCollectionPage)


@pytest.mark.django_db
def test_slug_comes_from_the_title_and_is_unique_per_collection(collection):
    first = TipFactory(page=collection, title="Vraag het persoonlijk!")
    second = TipFactory(page=collection, title="Vraag het persoonlijk")
    assert first.slug == "vraag-het-persoonlijk"
    assert second.slug == "vraag-het-persoonlijk-2"


@pytest.mark.django_db
def test_slug_does_not_change_when_the_tip_is_renamed(collection):
    tip = TipFactory(page=collection, title="Zoek jongeren op waar ze zijn")
    tip.title = "Zoek jongeren op in hun eigen omgeving"
    tip.save()
    tip.refresh_from_db()
    assert tip.slug == "zoek-jongeren-op-waar-ze-zijn"
    assert tip.url == "/tips/80-tips/zoek-jongeren-op-waar-ze-zijn/"


@pytest.mark.django_db
def test_editor_retitle_through_a_revision_keeps_the_permalink(collection):
    page = collection.get_latest_revision_as_object()
    page.tips = [Tip(title="Één aanspreekpunt bij de gemeente", body="<p>Scheelt weken.</p>")]
    page.save_revision().publish()
    tip = Tip.objects.get(page=collection)
    assert tip.slug == "een-aanspreekpunt-bij-de-gemeente"

    page = TipCollectionPage.objects.get(pk=collection.pk).get_latest_revision_as_object()
    page.tips.first().title = "Een vast aanspreekpunt"
    page.tips = [*page.tips.all(), Tip(title="Een vast aanspreekpunt")]
    page.save_revision().publish()
    # Assigned in code, not through the editor's formset, the tips have no sort_order: order by creation.
    slugs = list(Tip.objects.filter(page=collection).order_by("pk").values_list("slug", flat=True))
    assert slugs == ["een-aanspreekpunt-bij-de-gemeente", "een-vast-aanspreekpunt"]


@pytest.mark.django_db
def test_search_attributes(collection, tips):
    tip = tips[0]
    assert tip.title == "Vraag mensen persoonlijk"
    assert tip.url == f"/tips/80-tips/{tip.slug}/"
    assert tip.summary == "Vraag mensen persoonlijk om mee te doen."
    assert tip.search_province == ""
    assert [theme.name for theme in tip.themes.all()] == ["Werving"]
    assert [audience.name for audience in tip.audiences.all()] == ["Gemeenten"]
    assert tip.search_result_date == collection.first_published_at


@pytest.mark.django_db
def test_public_search_queryset_hides_tips_of_draft_and_private_collections(tip_index, collection, tips):
    draft = TipCollectionPageFactory(parent=tip_index, live=False)
    TipFactory(page=draft, title="Geheime tip")
    private = TipCollectionPageFactory(parent=tip_index)
    TipFactory(page=private, title="Tip achter een login")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    titles = set(Tip.public_search_queryset().values_list("title", flat=True))
    assert titles == {tip.title for tip in tips}


@pytest.mark.django_db
def test_tips_are_indexed_for_search(collection, tips):
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search("jongeren", Tip.objects.all())
    assert "Geef jongeren verantwoordelijkheid" in [tip.title for tip in results]


@pytest.mark.django_db
def test_search_result_date_is_the_occasion_as_an_aware_datetime(tip_index):
    import datetime

    from django.utils import timezone

    collection = TipCollectionPageFactory(parent=tip_index, occasion_date=datetime.date(2015, 4, 28))
    tip = TipFactory(page=collection)
    assert timezone.is_aware(tip.search_result_date)
    assert timezone.localtime(tip.search_result_date).date() == datetime.date(2015, 4, 28)


@pytest.mark.django_db
def test_publishing_updates_the_reference_index_once_not_per_tip(home_page, collection):
    from unittest import mock

    from wagtail.models import ReferenceIndex

    from core.factories import ContentPageFactory

    target = ContentPageFactory(parent=home_page, title="Over het programma")
    page = collection.get_latest_revision_as_object()
    page.tips = [
        Tip(title=f"Tip {n}", body=f'<p>Zie <a linktype="page" id="{target.pk}">het programma</a>.</p>')
        for n in range(30)
    ]
    original = ReferenceIndex.create_or_update_for_object
    with mock.patch.object(ReferenceIndex, "create_or_update_for_object", side_effect=original) as update:
        page.save_revision().publish()
    indexed = [call.args[0] for call in update.call_args_list]
    assert len(indexed) <= 2  # the page (once per save), never once per tip
    assert not any(isinstance(obj, Tip) for obj in indexed)
    usage = ReferenceIndex.get_references_to(target).values_list("object_id", flat=True)
    assert str(collection.pk) in set(usage)  # references inside tips are still recorded, under the page
