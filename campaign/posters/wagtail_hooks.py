from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PosterTemplate


class PosterTemplateViewSet(SnippetViewSet):
    model = PosterTemplate
    icon = "image"
    menu_label = _("Poster templates")
    menu_name = "poster-templates"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "active", "sort_order"]
    list_filter = ["active"]
    search_fields = ["name"]


register_snippet(PosterTemplateViewSet)


@hooks.register("register_demo_content", order=72)
def seed_posters(demo):
    from .demo import seed

    seed(demo)


seed_posters.demo_label = _("poster maker: three templates with artwork and the poster maker page")
