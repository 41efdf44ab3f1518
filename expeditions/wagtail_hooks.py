from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.home_sections import HomeSection, section_page

from .models import ExpeditionIndexPage, ExpeditionLeader, LessonPage, Organisation
from .models.index import with_listing_renditions

HOME_LESSON_COUNT = 3


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "municipality"]


class ExpeditionLeaderViewSet(SnippetViewSet):
    model = ExpeditionLeader
    icon = "user"
    menu_label = _("Expedition leaders")
    list_display = ["name", "region", "user"]
    list_filter = ["region", "contact_preference"]
    search_fields = ["name"]


class ExpeditionSnippetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ExpeditionLeaderViewSet)
    menu_icon = "site"
    menu_label = _("Expeditions")
    menu_name = "expeditions"


register_snippet(ExpeditionSnippetGroup)


@hooks.register("register_home_section")
def latest_lessons(home_page, request):
    index = (
        section_page(request, ExpeditionIndexPage)
        or ExpeditionIndexPage.objects.live().public().descendant_of(home_page).first()
    )
    if index is None:
        return None
    # The lessons with their card images, and the images' renditions: two queries.
    lessons = with_listing_renditions(
        LessonPage.objects.descendant_of(index).live().public().select_related("listing_image").newest_first()
    )[:HOME_LESSON_COUNT]
    items = [
        {
            "title": lesson.title,
            "url": lesson.get_url(request),
            "summary": lesson.summary,
            "date": lesson.date,
            "listing_image": lesson.listing_image,
        }
        for lesson in lessons
    ]
    index_url = index.get_url(request)
    return HomeSection(
        title=_("Latest lessons from the expeditions"),
        items=items,
        more_url=index_url + index.reverse_subpage("lessons"),
        more_text=_("All lessons"),
        order=10,
    )


@hooks.register("register_demo_content", order=10)
def seed_expeditions(demo):
    from .demo import seed_expeditions as seed

    seed(demo)


seed_expeditions.demo_label = _("Expedities Nieuwe Gezichten: expeditions, leaders and lessons")
