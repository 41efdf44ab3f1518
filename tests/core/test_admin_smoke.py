"""Admin smoke test on the demo site: every role opens every demo page, snippet and report it may see (200) and is
refused what it may not (a redirect to the dashboard, or 403); nothing answers 500. Then one demo page of every
page type is copied with its children, through the admin's Copy action and with ``Page.copy(recursive=True)``.

Roles the project defines (``expeditions/permissions.py``): the administrator (superuser), the expedition leader
(a user linked to an ``ExpeditionLeader`` snippet: group *Expeditieleiders* and the access group of each expedition
they lead), the programme team (group *Programmateam*, who moderate lessons, keep the search terms report and its
block list and, ``networks/permissions.py``, edit and publish the whole network section, record matches, read the
match requests and meeting registrations and keep the municipalities), the municipal editor (the group
*Redactie gemeente <naam> (<CBS-code>)* of one demo municipality: its page and its agenda, nothing else) and the
organiser of the Kennisboostweken (group *Organisatoren Kennisboostweken*,
``knowledgeboost/permissions.py``: the Kennisboostweken pages, the registrations with their exports, the outbox).

For PostgreSQL: ``DATABASE_URL=postgres://… pytest tests/core/test_admin_smoke.py``.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site, get_page_models
from wagtail.snippets.models import get_snippet_models

from core.factories import UserFactory
from events.models import OutboxEmail
from expeditions import permissions
from expeditions.models import ExpeditionAccess, ExpeditionIndexPage, ExpeditionLeader, LessonPage
from knowledgeboost.models import KnowledgeBoostIndexPage
from knowledgeboost.permissions import ORGANISERS_GROUP
from networks.models import InclusionAgendaPage, MunicipalityPage, NetworkIndexPage
from networks.permissions import editor_group_name
from search.models import BlockedSearchTerm
from tips.models import TipCollectionPage

ADMINISTRATOR, PROGRAMME_TEAM, LEADER, ORGANISER = "administrator", "programme_team", "expedition_leader", "organiser"
MUNICIPAL_EDITOR = "municipal_editor"
ROLES = [ADMINISTRATOR, PROGRAMME_TEAM, LEADER, ORGANISER, MUNICIPAL_EDITOR]
EVERYONE = set(ROLES)

PAGE_TYPES = sorted(model._meta.label_lower for model in get_page_models() if model is not Page)
SNIPPET_MODELS = sorted(model._meta.label_lower for model in get_snippet_models())

# Snippets each role may manage (list, add, edit); the administrator manages all of them.
SNIPPETS_OF_ROLE = {
    PROGRAMME_TEAM: {
        "expeditions.organisation",
        "expeditions.expeditionleader",
        "search.blockedsearchterm",
        "networks.match",
        "core.municipality",
        "campaign.campaignmaterial",
        "campaign.localaction",
        "campaign_posters.postertemplate",
    },
    LEADER: set(),
    ORGANISER: set(),
    MUNICIPAL_EDITOR: set(),
}
# Snippets a role may list and inspect but not add or edit.
SNIPPETS_VIEWED_BY_ROLE = {
    PROGRAMME_TEAM: {"networks.matchrequest", "networks.networkmeetingregistration"},
    ORGANISER: {"knowledgeboost.registration", "events.outboxemail"},
}
# Written by the application only: administrators inspect them, nobody adds or edits them.
READ_ONLY_SNIPPETS = {"events.outboxemail", "networks.matchrequest"}
# Page types a site has once (max_count = 1), or a parent once (the agenda overview of a network, the agenda of a
# municipality): the admin refuses to copy one beside the original.
SINGLETON_PAGE_TYPES = {
    "campaign.campaignindexpage",
    "campaign.materialspage",
    "core.topicindexpage",
    "campaign_posters.postermakerpage",
    "community.forumpage",
    "core.homepage",
    "expeditions.expeditionindexpage",
    "knowledgeboost.knowledgeboostindexpage",
    "networks.networkindexpage",
    "networks.inclusionagendaoverviewpage",
    "networks.inclusionagendapage",
    "stories.storyindexpage",
    "tips.tipcollectionindexpage",
}
# A municipality has one page per network: a copy of its page (or of the index with the municipality pages) in the
# same network is refused with a message, back to the copy form; the model refuses it too.
ONE_PER_NETWORK_PAGE_TYPES = {"networks.municipalitypage", "networks.municipalityindexpage"}

# Reports and list views: (label, URL name, roles that may see it). Wagtail's reports need some page permission
# (locked pages: the unlock permission); the search report needs search.view_querylog (administrators and the
# programme team); the registrations overview needs knowledgeboost.view_registration (administrators and the
# organisers); the appreciation report holds only counts of public items and is open to everyone in the admin.
# The suggested matches report needs networks.view_match and the network meeting registrations
# networks.view_networkmeetingregistration (administrators and the programme team); the scheduled jobs report
# core.view_scheduledjob (administrators). Documents: whoever may add documents somewhere (the organisers, and the
# municipal editors in their municipality's collection).
REPORTS = [
    ("dashboard", "wagtailadmin_home", EVERYONE),
    ("page search", "wagtailadmin_pages:search", EVERYONE),
    ("locked pages", "wagtailadmin_reports:locked_pages", {ADMINISTRATOR, PROGRAMME_TEAM}),
    ("workflows report", "wagtailadmin_reports:workflow", EVERYONE),
    ("workflow tasks report", "wagtailadmin_reports:workflow_tasks", EVERYONE),
    ("site history", "wagtailadmin_reports:site_history", EVERYONE),
    ("aging pages", "wagtailadmin_reports:aging_pages", EVERYONE),
    ("page types usage", "wagtailadmin_reports:page_types_usage", EVERYONE),
    ("search terms report", "search_report", {ADMINISTRATOR, PROGRAMME_TEAM}),
    ("appreciation report", "tips_appreciation_report", EVERYONE),
    ("registrations per session", "knowledgeboost_overview:index", {ADMINISTRATOR, ORGANISER}),
    ("images", "wagtailimages:index", EVERYONE),
    ("suggested matches", "networks_match_report:index", {ADMINISTRATOR, PROGRAMME_TEAM}),
    (
        "network meeting registrations",
        "wagtailsnippets_networks_networkmeetingregistration:list",
        {ADMINISTRATOR, PROGRAMME_TEAM},
    ),
    ("scheduled jobs", "scheduled_jobs_report", {ADMINISTRATOR}),
    ("documents", "wagtaildocs:index", {ADMINISTRATOR, ORGANISER, MUNICIPAL_EDITOR}),
    ("site settings", ("wagtailsettings:edit", "core", "sitesettings", "default site"), {ADMINISTRATOR}),
    ("users", "wagtailusers_users:index", {ADMINISTRATOR}),
    ("groups", "wagtailusers_groups:index", {ADMINISTRATOR}),
    ("workflows", "wagtailadmin_workflows:index", {ADMINISTRATOR}),
    ("redirects", "wagtailredirects:index", {ADMINISTRATOR}),
    ("promoted search results", "wagtailsearchpromotions:index", {ADMINISTRATOR}),
]


@dataclass
class Actor:
    role: str
    user: object
    editable_page_ids: set | None  # the pages this role may edit; None: every page
    section: Page | None  # where the page explorer sends the role from pages outside its reach; None: nowhere

    def may_edit(self, page):
        return self.editable_page_ids is None or page.pk in self.editable_page_ids

    def may_manage(self, snippet_label):
        return self.role == ADMINISTRATOR or snippet_label in SNIPPETS_OF_ROLE[self.role]

    def may_view(self, snippet_label):
        return self.may_manage(snippet_label) or snippet_label in SNIPPETS_VIEWED_BY_ROLE.get(self.role, set())


@pytest.fixture
def actors(demo):
    """A user for every role. The leader is the demo leader with the most lessons, given an account; the organiser
    is a user in the organisers' group, which the group setup gave the Kennisboostweken section; the municipal
    editor a user in the editor group of the first demo municipality with an agenda."""
    administrator = UserFactory(username="beheerder", is_superuser=True, is_staff=True, is_active=True)

    team_user = UserFactory(username="programmateam", is_active=True)
    team_user.groups.add(Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP))
    section = ExpeditionIndexPage.objects.get()
    section_ids = set(Page.objects.descendant_of(section, inclusive=True).values_list("pk", flat=True))
    networks = NetworkIndexPage.objects.get()
    team_ids = section_ids | set(Page.objects.descendant_of(networks, inclusive=True).values_list("pk", flat=True))
    # Two sections: the explorer's root for the team is the page above both, the home page.
    team_root = section.get_parent()
    assert networks.get_parent().pk == team_root.pk

    def own_lessons(leader):
        return LessonPage.objects.filter(expedition__leaderships__leader=leader)

    leader = max(ExpeditionLeader.objects.order_by("pk"), key=lambda candidate: own_lessons(candidate).count())
    leader_user = UserFactory(username="leider", is_active=True)
    leader.user = leader_user
    leader.save()  # links the account: groups Expeditieleiders and the expeditions' access groups
    own_lesson_ids = set(own_lessons(leader).values_list("pk", flat=True))
    assert own_lesson_ids, "the demo leader has lessons to edit"

    organiser = UserFactory(username="organisator", is_active=True)
    organiser.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    weeks = KnowledgeBoostIndexPage.objects.get()
    weeks_ids = set(Page.objects.descendant_of(weeks, inclusive=True).values_list("pk", flat=True))

    agenda = InclusionAgendaPage.objects.order_by("path").first()
    municipality_page = MunicipalityPage.objects.ancestor_of(agenda).get()
    editor = UserFactory(username="gemeenteredacteur", is_active=True)
    editor.groups.add(Group.objects.get(name=editor_group_name(municipality_page.municipality)))
    municipality_ids = set(Page.objects.descendant_of(municipality_page, inclusive=True).values_list("pk", flat=True))
    assert agenda.pk in municipality_ids

    return {
        ADMINISTRATOR: Actor(ADMINISTRATOR, administrator, None, None),
        PROGRAMME_TEAM: Actor(PROGRAMME_TEAM, team_user, team_ids, team_root),
        LEADER: Actor(LEADER, leader_user, own_lesson_ids, section.page_ptr),
        ORGANISER: Actor(ORGANISER, organiser, weeks_ids, weeks.page_ptr),
        MUNICIPAL_EDITOR: Actor(MUNICIPAL_EDITOR, editor, municipality_ids, municipality_page.page_ptr),
    }


def is_denied(response):
    """Wagtail refuses with a redirect to the dashboard (or to the login page) or with a 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response.url == reverse("wagtailadmin_home") or response.url.startswith(reverse("wagtailadmin_login"))
    )


class Checker:
    """Opens admin URLs as one actor and collects every answer that is not what the role should get."""

    def __init__(self, client, actor):
        self.client = client
        self.actor = actor
        self.failures = []
        self.allowed_count = 0
        client.force_login(actor.user)

    def get(self, url, label, allowed):
        response = self.client.get(url)
        ok = response.status_code == 200 if allowed else is_denied(response)
        if not ok:
            expected = "200" if allowed else "a refusal (302 to the dashboard, or 403)"
            location = f" -> {response.url}" if response.status_code in (301, 302) else ""
            self.failures.append(
                f"{self.actor.role}: {label} {url} answered {response.status_code}{location}; expected {expected}"
            )
        self.allowed_count += bool(allowed)
        return response

    def assert_all_ok(self):
        assert not self.failures, f"{len(self.failures)} unexpected answers:\n" + "\n".join(self.failures)


def demo_pages(page_type):
    app_label, model_name = page_type.split(".")
    return list(Page.objects.filter(content_type__app_label=app_label, content_type__model=model_name).order_by("path"))


# Pages ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_view_of_every_demo_page(client, actors, role, page_type):
    actor = actors[role]
    pages = demo_pages(page_type)
    assert pages, f"the demo has no {page_type}"
    checker = Checker(client, actor)
    for page in pages:
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        checker.get(url, f"edit page {page.title!r} ({page_type})", actor.may_edit(page))
    checker.assert_all_ok()


def test_the_leader_edits_only_lessons_of_their_own_expeditions(actors):
    """The expectations above, checked against what the leader's account really holds."""
    leader = actors[LEADER].user
    assert leader.groups.filter(name=permissions.LEADERS_GROUP).exists()
    assert ExpeditionAccess.objects.filter(group__user=leader).exists(), "the access group of their expedition"
    lessons = LessonPage.objects.filter(pk__in=actors[LEADER].editable_page_ids)
    assert {lesson.get_parent().pk for lesson in lessons} == set(
        ExpeditionLeader.objects.get(user=leader).leaderships.values_list("expedition_id", flat=True)
    )


def test_the_municipal_editor_edits_only_their_municipality_and_its_agenda(actors):
    """The municipal editor's pages: exactly one municipality page and the agenda below it."""
    editable = Page.objects.filter(pk__in=actors[MUNICIPAL_EDITOR].editable_page_ids).specific()
    assert sorted(type(page).__name__ for page in editable) == ["InclusionAgendaPage", "MunicipalityPage"]
    municipality_page = MunicipalityPage.objects.get(pk__in=actors[MUNICIPAL_EDITOR].editable_page_ids)
    assert actors[MUNICIPAL_EDITOR].user.groups.get().pk == municipality_page.editor_group_id


# Snippets ------------------------------------------------------------------------------------------------------


def snippet_url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


@pytest.mark.parametrize("snippet", SNIPPET_MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_every_demo_snippet(client, actors, role, snippet):
    actor = actors[role]
    model = next(model for model in get_snippet_models() if model._meta.label_lower == snippet)
    if snippet == "events.outboxemail":
        # The demo sends nothing; one queued e-mail so its inspect view is opened too.
        OutboxEmail.objects.create(to="deelnemer@example.org", subject="Je aanmelding", body_text="Tot dan!")
    if snippet == "search.blockedsearchterm":
        # The demo blocks nothing; one blocked term so its edit view is opened too.
        BlockedSearchTerm.objects.create(term="reclame", kind=BlockedSearchTerm.Kind.TERM)
    may_manage = actor.may_manage(snippet)
    may_view = actor.may_view(snippet)
    writable = snippet not in READ_ONLY_SNIPPETS
    checker = Checker(client, actor)
    checker.get(snippet_url(model, "list"), f"list of {snippet}", may_view)
    checker.get(snippet_url(model, "add"), f"add {snippet}", may_manage and writable)
    for instance in model.objects.all():
        label = f"{snippet} {str(instance)[:60]!r}"
        checker.get(snippet_url(model, "edit", instance.pk), f"edit {label}", may_manage and writable)
        if model.snippet_viewset.inspect_view_enabled:
            checker.get(snippet_url(model, "inspect", instance.pk), f"inspect {label}", may_view)
    checker.assert_all_ok()


def test_every_snippet_has_demo_instances_or_is_known_to_have_none(demo):
    """So the edit views above are opened for real instances (the outbox and the block list get one in the test)."""
    empty = {model._meta.label_lower for model in get_snippet_models() if not model.objects.exists()}
    assert empty <= {"events.outboxemail", "search.blockedsearchterm"}, empty


# Reports and list views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "url_name", "allowed_roles"), REPORTS, ids=[report[0] for report in REPORTS])
@pytest.mark.parametrize("role", ROLES)
def test_reports_and_list_views(client, actors, role, label, url_name, allowed_roles):
    checker = Checker(client, actors[role])
    name, *args = (url_name,) if isinstance(url_name, str) else url_name
    args = [Site.objects.get(is_default_site=True).pk if arg == "default site" else arg for arg in args]
    checker.get(reverse(name, args=args), label, role in allowed_roles)
    checker.assert_all_ok()


@pytest.mark.parametrize("role", ROLES)
def test_hiding_a_search_term_from_the_report(client, actors, role):
    """The report's "Verberg" action puts a term on the block list: administrators and the programme team."""
    checker = Checker(client, actors[role])
    report = reverse("search_report")
    may_hide = role in (ADMINISTRATOR, PROGRAMME_TEAM)
    response = checker.client.post(reverse("search_report_hide"), {"term": "gratis  reclame", "next": report})
    blocked = BlockedSearchTerm.objects.filter(term="gratis reclame", kind=BlockedSearchTerm.Kind.TERM).exists()
    if may_hide:
        ok = response.status_code == 302 and response.url == report and blocked
    else:
        ok = is_denied(response) and not blocked
    if not ok:
        expected = "back to the report, term blocked" if may_hide else "a refusal, nothing blocked"
        answer = f"{response.status_code} -> {response.get('Location')}, blocked: {blocked}"
        checker.failures.append(f"{role}: hide a search term answered {answer}; expected {expected}")
    checker.assert_all_ok()


@pytest.mark.parametrize("role", ROLES)
def test_registration_exports_and_tip_import(client, actors, role):
    """The registrations export (CSV and Excel): administrators and organisers; of the network meetings:
    administrators and the programme team. The tips import of every collection: administrators only."""
    checker = Checker(client, actors[role])
    exports = [
        ("knowledgeboost_registration", "registrations", (ADMINISTRATOR, ORGANISER)),
        ("networks_networkmeetingregistration", "network meeting registrations", (ADMINISTRATOR, PROGRAMME_TEAM)),
    ]
    for viewset, label, exporters in exports:
        registrations = reverse(f"wagtailsnippets_{viewset}:list")
        may_export = role in exporters
        for export in ("csv", "xlsx"):
            url = f"{registrations}?export={export}"
            response = checker.get(url, f"{label} export ({export})", may_export)
            if may_export and response.status_code == 200:
                assert response.get("Content-Disposition", "").startswith("attachment"), url
    for collection in TipCollectionPage.objects.order_by("path"):
        url = reverse("tips_import", args=[collection.pk])
        checker.get(url, f"tips import into {collection.title!r}", role == ADMINISTRATOR)
    checker.assert_all_ok()


@pytest.mark.parametrize("role", ROLES)
def test_page_explorer_of_every_demo_page_with_children(client, actors, role):
    """The explorer lists a page's children. The administrator explores the whole tree; the programme team the
    home page and below (the expedition and network sections), the leaders the expedition section, the organisers
    the Kennisboostweken, the municipal editor their municipality page; Wagtail sends them back there from any page
    outside it."""
    checker = Checker(client, actors[role])
    section = actors[role].section
    section_url = section and reverse("wagtailadmin_explore", args=[section.pk])
    for page in [Page.get_first_root_node(), *Page.objects.filter(depth__gte=2, numchild__gt=0).order_by("path")]:
        root = page.depth == 1
        url = reverse("wagtailadmin_explore_root") if root else reverse("wagtailadmin_explore", args=[page.pk])
        response = checker.client.get(url)
        may_explore = section is None or page.path.startswith(section.path)
        expected = (200, None) if may_explore else (302, section_url)
        answer = response.status_code, response.get("Location")
        if answer != expected:
            checker.failures.append(f"{role}: explore {page.title!r} {url} answered {answer}; expected {expected}")
    checker.assert_all_ok()


# Copying ------------------------------------------------------------------------------------------------------


def tree(page):
    """What a copy must reproduce: the page and its descendants, as (depth below the page, type, title, live)."""
    return [
        (descendant.depth - page.depth, type(descendant).__name__, descendant.title, descendant.live)
        for descendant in Page.objects.descendant_of(page, inclusive=True).order_by("path").specific()
    ]


def assert_copy_works(client, admin_client, original, copy, original_tree):
    copy = copy.specific
    copied_tree = tree(copy)
    assert [row[1:] for row in copied_tree[1:]] == [row[1:] for row in original_tree[1:]], "same children"
    assert copied_tree[0][1] == original_tree[0][1]
    assert tree(original) == original_tree, "the original is unchanged"
    # The copy and one copied page of every type below it open in the editor and, when live, on the site.
    one_of_each = {}
    for page in Page.objects.descendant_of(copy, inclusive=True).order_by("path").specific():
        one_of_each.setdefault(type(page), page)
    for page in one_of_each.values():
        assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200, page.title
        if page.live and page.url:
            assert client.get(page.url).status_code == 200, page.url
    if original.url:
        assert client.get(original.url).status_code == 200


def page_to_copy(page_type):
    """The demo page of this type with the most descendants."""
    return max(demo_pages(page_type), key=lambda page: (page.numchild, Page.objects.descendant_of(page).count()))


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_copy_a_demo_page_of_every_type_with_its_children(client, admin_client, demo, page_type):
    original = page_to_copy(page_type).specific
    parent = original.get_parent()
    original_tree = tree(original)
    copy_url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    assert admin_client.get(copy_url).status_code == 200

    # The admin's Copy action, with the subpages, published like the original.
    data = {
        "new_title": f"{original.title} (kopie)",
        "new_slug": f"{original.slug}-kopie",
        "new_parent_page": parent.pk,
        "copy_subpages": "on",
        "publish_copies": "on",
    }
    response = admin_client.post(copy_url, data)
    copied = parent.get_children().filter(slug=data["new_slug"]).first()
    if page_type in SINGLETON_PAGE_TYPES:
        assert response.status_code == 200 and response.context["form"].errors, "a second one is refused"
        assert copied is None
    elif page_type in ONE_PER_NETWORK_PAGE_TYPES:
        assert response.status_code == 302 and response.url == copy_url, "refused with a message"
        assert copied is None
        assert tree(original) == original_tree
        return
    else:
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert copied is not None
        assert_copy_works(client, admin_client, original, copied, original_tree)

    # Page.copy(recursive=True): a second home page goes beside the site's root, as Wagtail allows.
    destination = Page.get_first_root_node() if page_type == "core.homepage" else parent
    copied = original.copy(
        recursive=True,
        to=destination,
        update_attrs={"title": f"{original.title} (kopie 2)", "slug": f"{original.slug}-kopie-2"},
        keep_live=True,
    )
    assert_copy_works(client, admin_client, original, copied, original_tree)
