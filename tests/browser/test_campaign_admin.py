"""The campaign's own admin screens in a real browser, on the seeded demo: the programme team reviews a submitted
local action by keyboard and finds the materials; an editor reads the strength test figures. axe (WCAG 2.1 AA) on
every screen."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from campaign.factories import LocalActionFactory
from campaign.models import CampaignMaterial, CampaignWeekPage, LocalAction
from campaign.permissions import PROGRAMME_TEAM_GROUP
from campaign.quiz.models import QuizCounter, StrengthTestPage
from community.factories import MemberFactory
from events.models import OutboxEmail
from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to

PASSWORD = "Campagne-wachtwoord-2026"


def url_of(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


@pytest.fixture
def staff(demo_live_server):
    """Make a user in a group of the demo who can log in with PASSWORD; removed afterwards."""
    users = []

    def make(username, group):
        user = MemberFactory(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
        return user

    yield make
    for user in users:
        user.delete()


@pytest.fixture
def submitted_action(demo_live_server):
    """A local action someone registered just now, waiting for the programme team (removed afterwards: the demo is
    shared by the browser tests of this session)."""
    week = CampaignWeekPage.objects.live().order_by("start_date").first()
    action = LocalActionFactory(
        week=week,
        title="Buurtsoep voor nieuwe vrijwilligers",
        email="soep@example.org",
        status=LocalAction.Status.PENDING,
    )
    yield action
    OutboxEmail.objects.filter(to=action.email).delete()
    action.delete()


def log_in(page, base_url, path, username):
    """Open an admin screen: the admin sends visitors to the site's login (allauth), which sends them back."""
    page.goto(base_url + path)
    assert "/account/login/" in page.url
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**{path}")


def check(page):
    """axe on the whole screen, once Wagtail's messages ("Je bent nu ingelogd ...") have faded in: halfway their
    contrast is too low."""
    page.wait_for_function(
        "!document.querySelector('.messages > ul')"
        " || getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'"
    )
    assert_no_axe_violations(page)


def enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_programme_team_approves_a_submitted_local_action_by_keyboard(staff, submitted_action, demo_page, demo_url):
    page = demo_page
    reviewer = staff("campagneteam", PROGRAMME_TEAM_GROUP)
    index = url_of(LocalAction, "list")
    log_in(page, demo_url, index + "?status=pending", "campagneteam")
    assert page.locator("h1").first.inner_text().strip() == "Lokale acties"
    row = page.locator("tr", has_text=submitted_action.title)
    assert "Wacht op goedkeuring" in row.inner_text()
    assert "Koffie met een vraag" not in page.locator("main").inner_text()  # approved: filtered out
    check(page)

    # The row's "more" menu holds the review link: open it and follow it by keyboard.
    tab_to(page, row.get_by_role("button", name="Meer opties"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name=f"'{submitted_action.title}' beoordelen"))
    enter(page)
    assert page.url == demo_url + url_of(LocalAction, "review", submitted_action.pk)
    assert page.locator("h1").first.inner_text().strip() == "Lokale actie beoordelen"
    assert submitted_action.organisation in page.locator("main").inner_text()
    check(page)

    tab_to(page, page.get_by_role("button", name="Goedkeuren en publiceren"))
    enter(page)
    assert page.url.startswith(demo_url + index)
    assert f"'{submitted_action.title}' is goedgekeurd en staat nu op de site." in page.locator("body").inner_text()
    submitted_action.refresh_from_db()
    assert submitted_action.status == LocalAction.Status.APPROVED
    assert submitted_action.reviewed_by == reviewer
    assert OutboxEmail.objects.filter(to=submitted_action.email).count() == 1  # "your action is on the site"
    assert "Goedgekeurd" in page.locator("tr", has_text=submitted_action.title).inner_text()
    check(page)


def test_the_programme_team_filters_the_campaign_materials(staff, demo_page, demo_url):
    page = demo_page
    staff("campagneteam", PROGRAMME_TEAM_GROUP)
    log_in(page, demo_url, url_of(CampaignMaterial, "list"), "campagneteam")
    assert page.locator("h1").first.inner_text().strip() == "Campagnematerialen"
    rows = page.locator("main tbody tr")
    assert rows.count() == CampaignMaterial.objects.count()
    check(page)

    page.goto(demo_url + url_of(CampaignMaterial, "list") + "?material_type=social")
    assert rows.count() == CampaignMaterial.objects.filter(material_type="social").count() > 0
    check(page)


@pytest.fixture
def test_editors(demo_live_server):
    """A group that may edit the strength test (the report lists the tests a user can edit). Made here: Wagtail's
    own "Editors" group comes from a data migration, which a transactional test's flush earlier in the run removes."""
    test = StrengthTestPage.objects.get()
    group = Group.objects.create(name="Redactie vrijwilligerstest")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.create(group=group, page=test, permission=change_page)
    yield group.name
    group.delete()


def test_an_editor_reads_the_strength_test_figures(staff, test_editors, demo_page, demo_url):
    page = demo_page
    staff("redacteur_campagne", test_editors)
    test = StrengthTestPage.objects.get()
    log_in(page, demo_url, reverse("campaign_quiz_report"), "redacteur_campagne")
    assert page.locator("h1").first.inner_text().strip() == "Cijfers van de vrijwilligerstest"
    edit_url = reverse("wagtailadmin_pages:edit", args=[test.pk])
    assert page.get_by_role("link", name=test.title).get_attribute("href") == edit_url
    counts = QuizCounter.objects.figures(test)
    report = page.locator("main").inner_text()
    assert f"Begonnen: {counts.get('started', 0)}. Afgerond: {counts.get('finished', 0)}" in report
    assert page.get_by_role("table", name="Waar mensen stoppen").count() == 1
    check(page)
