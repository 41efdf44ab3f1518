from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import demo_easy_read, readability_admin, scheduling_admin  # noqa: F401 - their hooks
from core.models import Audience, Municipality, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "cbs_code", "province", "inhabitants"]
    list_filter = ["province"]
    search_fields = ["name", "cbs_code"]


class VocabularyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet, MunicipalityViewSet)
    menu_icon = "tag"
    menu_label = _("Vocabularies")
    menu_name = "vocabularies"


register_snippet(VocabularyGroup)

hooks.register("register_admin_urls", scheduling_admin.admin_urls)
hooks.register("register_reports_menu_item", scheduling_admin.menu_item)


@hooks.register("register_demo_content", order=0)
def seed_core_demo(demo):
    from core.demo_content import seed_core

    seed_core(demo)


seed_core_demo.demo_label = _("home page, vocabularies and general pages")
