import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission

from core.factories import UserFactory
from tests.tips.xlsx_files import BOMB_ROW, zip_bomb
from tips.models import Tip

CSV = "titel;tekst;thema\nVraag persoonlijk;Een persoonlijke vraag werkt.;Werving\n"


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def csv_upload(content=CSV):
    return SimpleUploadedFile("tips.csv", content.encode(), content_type="text/csv")


@pytest.mark.django_db
def test_import_button_on_the_collection_edit_page(admin_client, collection):
    html = admin_client.get(f"/admin/pages/{collection.pk}/edit/").content.decode()
    assert f"/admin/tips/import/{collection.pk}/" in html


@pytest.mark.django_db
def test_upload_imports_and_redirects_with_a_message(admin_client, collection, vocabularies):
    response = admin_client.post(f"/admin/tips/import/{collection.pk}/", {"file": csv_upload()}, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{collection.pk}/edit/"
    assert "1 tips geïmporteerd" in response.content.decode()
    assert Tip.objects.filter(page=collection).count() == 1


@pytest.mark.django_db
def test_upload_errors_are_listed_with_row_and_column(admin_client, collection, vocabularies):
    response = admin_client.post(
        f"/admin/tips/import/{collection.pk}/", {"file": csv_upload("titel;tekst;thema\nA;B;Sport\n")}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is niets geïmporteerd: 1 fout" in html
    assert "<td>2</td><td>thema</td>" in html
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_editors_without_edit_permission_are_refused(client, collection):
    group = Group.objects.create(name="Lezers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(username="lezer")
    user.groups.add(group)
    client.force_login(user)
    response = client.post(f"/admin/tips/import/{collection.pk}/", {"file": csv_upload()})
    assert response.status_code in (302, 403)
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_editor_who_may_edit_but_not_publish_gets_a_draft(client, collection, vocabularies):
    group = Group.objects.create(name="Redacteuren")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=collection, permission_type="change")
    user = UserFactory(username="redacteur")
    user.groups.add(group)
    client.force_login(user)
    response = client.post(f"/admin/tips/import/{collection.pk}/", {"file": csv_upload()}, follow=True)
    assert "Opgeslagen als concept." in response.content.decode()
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_import_page_offers_an_example_file_that_imports(admin_client, collection, vocabularies):
    from pathlib import Path

    import tips
    from core.factories import AudienceFactory
    from tips.importing import import_tips

    AudienceFactory(name="Vrijwilligersorganisaties")
    html = admin_client.get(f"/admin/tips/import/{collection.pk}/").content.decode()
    assert "tips/voorbeeld-tips.csv" in html
    example = Path(tips.__file__).parent / "static" / "tips" / "voorbeeld-tips.csv"
    assert import_tips(collection, example, example.name).added == 2


@pytest.mark.django_db
def test_page_listing_offers_the_import_action(admin_client, tip_index, collection):
    html = admin_client.get(f"/admin/pages/{tip_index.pk}/").content.decode()
    assert f"/admin/tips/import/{collection.pk}/" in html


@pytest.mark.django_db
def test_appreciation_report_lists_the_most_appreciated_public_items(admin_client, tip_index, collection, tips):
    from tips.factories import TipCollectionPageFactory, TipFactory
    from tips.models import Appreciation

    for _ in range(3):
        Appreciation.objects.increment(tips[1])
    Appreciation.objects.increment(tips[0])
    hidden = TipFactory(page=TipCollectionPageFactory(parent=tip_index, live=False), title="Concepttip")
    Appreciation.objects.increment(hidden)
    html = admin_client.get("/admin/reports/waarderingen/").content.decode()
    assert html.index(tips[1].title) < html.index(tips[0].title)
    assert "<td>3</td>" in html
    assert "Concepttip" not in html
    assert "/admin/reports/waarderingen/" in admin_client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_zip_bomb_upload_is_refused_at_once_without_a_row_number(admin_client, collection):
    bomb = zip_bomb(BOMB_ROW, 1_500_000_000 // len(BOMB_ROW))  # 2 MB that unpacks to 1.5 GB
    upload = SimpleUploadedFile("tips.xlsx", bomb, content_type="application/vnd.ms-excel")
    started = time.perf_counter()
    response = admin_client.post(f"/admin/tips/import/{collection.pk}/", {"file": upload})
    elapsed = time.perf_counter() - started
    html = response.content.decode()
    assert response.status_code == 400
    assert "<td>–</td><td>–</td><td>Uitgepakt is de werkmap groter dan 50 MB" in html
    assert "Rij 0" not in html
    assert elapsed < 2.0
    assert not Tip.objects.exists()
