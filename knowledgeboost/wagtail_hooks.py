from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.home_sections import HomeSection, section_page
from knowledgeboost.admin_views import KnowledgeBoostGroup

register_snippet(KnowledgeBoostGroup)

HOME_SESSION_COUNT = 3


@hooks.register("register_home_section")
def upcoming_sessions(home_page, request):
    """The next few sessions on the home page, in two queries (sessions + listing images)."""
    from knowledgeboost.models import KnowledgeBoostIndexPage, SessionPage

    sessions = list(
        SessionPage.objects.descendant_of(home_page)
        .live()
        .public()
        .filter(is_cancelled=False)
        .upcoming()
        .select_related("listing_image")
        .prefetch_related(Prefetch("listing_image__renditions"))[:HOME_SESSION_COUNT]
    )
    if not sessions:
        return None
    index = (
        section_page(request, KnowledgeBoostIndexPage)
        or KnowledgeBoostIndexPage.objects.child_of(home_page).live().public().first()
    )
    return HomeSection(
        title=_("Upcoming sessions"),
        items=sessions,
        more_url=index.url if index else "",
        more_text=_("All Kennisboostweken and sessions"),
        order=20,
    )


@hooks.register("register_demo_content", order=20)
def seed_knowledgeboost(demo):
    from knowledgeboost.demo_content import seed

    seed(demo)


seed_knowledgeboost.demo_label = _("Kennisboostweken: two weeks of sessions and the information sessions")
