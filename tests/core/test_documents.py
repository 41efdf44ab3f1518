import pytest
from django.core.files.base import ContentFile

from core.factories import ContentPageFactory
from core.models import CustomDocument


@pytest.mark.django_db
def test_document_link_goes_through_wagtail_serve_view(home_page, client):
    document = CustomDocument(title="Stappenplan voor gemeenten")
    document.file.save("stappenplan.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    ContentPageFactory(
        parent=home_page,
        slug="stappenplan",
        body=[("document_link", {"document": document, "title": ""})],
    )
    html = client.get("/stappenplan/").content.decode()
    assert f'href="/documents/{document.pk}/stappenplan' in html
    assert "Stappenplan voor gemeenten" in html
    assert "(PDF, " in html
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
