"""A registration POST costs a fixed number of queries, however many people registered before.

Measured as in production: the confirmation mail is queued for the database task worker, and what runs after
the commit (queueing it) is counted too. The mail is rendered by the worker, not in the request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

# Measured: the POST of one registration for one session, including its after-commit work. 13 when it went through
# routing and read the parent page first; 21 before the mail was queued unrendered.
MAX_QUERIES = 11


def post_counted(client, url, data, capture_callbacks):
    with CaptureQueriesContext(connection) as queries, capture_callbacks(execute=True):
        response = client.post(url, data)
    return response, len(queries)


@pytest.mark.parametrize("earlier", [10, 100])
def test_registration_post_makes_a_fixed_number_of_queries(
    earlier, event_page, person, client, settings, django_capture_on_commit_callbacks
):
    session_page = event_page
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KNOWLEDGEBOOST_RATE_LIMIT = 0
    session_page.capacity = 1000
    session_page.save()
    RegistrationFactory.create_batch(earlier, session=session_page)
    client.get(session_page.url)  # templates and site settings as after the first visitor

    # Where the page's form posts (events:register), not the page's own address.
    response, count = post_counted(
        client, f"/aanmelden/{session_page.pk}/", {**person, "consent": "on"}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="fatima@example.org")
    assert registration.status == RegistrationStatus.REGISTERED
    # The confirmation is stored with the registration and waits for the worker, still unwritten.
    email = registration.emails.get()
    assert email.kind == OutboxEmail.Kind.CONFIRMATION and email.to == "fatima@example.org"
    assert email.body_text == "" and email.status == "pending"
    assert count <= MAX_QUERIES, count


def test_the_form_reads_the_privacy_page_from_the_settings_already_on_the_request(event_page, client):
    """The consent's privacy link comes from the site settings the middleware put on the request: showing the form
    reads no settings row (SiteSettings.for_site did, with its two page joins, on every form shown or sent)."""
    from core.factories import ContentPageFactory
    from core.models import SiteSettings

    privacy = ContentPageFactory(parent=event_page.get_parent(), title="Privacyverklaring", slug="privacyverklaring")
    site_settings = SiteSettings.for_site(event_page.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()
    client.get(event_page.url)  # the site bundle is cached, as after the first visitor (the page cache is off)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(event_page.url)
    html = response.content.decode()
    assert response.status_code == 200 and 'name="email"' in html
    assert 'href="/privacyverklaring/"' in html.split('id="id_consent_helptext"')[1].split("</p>")[0]
    assert not [query["sql"] for query in queries if "core_sitesettings" in query["sql"]]
