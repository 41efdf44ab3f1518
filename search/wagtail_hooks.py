from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import admin_views
from search.models import BlockedSearchTerm


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylog")


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path("reports/search-terms/", admin_views.search_report, name="search_report"),
        path("reports/search-terms/hide/", admin_views.hide_search_term, name="search_report_hide"),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Search terms"), reverse("search_report"), name="search-terms", icon_name="search", order=900
    )


class BlockedSearchTermViewSet(SnippetViewSet):
    """The block list of the public popular searches, under Settings."""

    model = BlockedSearchTerm
    icon = "cross"
    menu_label = _("Blocked search terms")
    menu_name = "blocked-search-terms"
    add_to_settings_menu = True
    list_display = ["term", "kind", "created_at"]
    list_filter = ["kind"]
    ordering = ["term"]


register_snippet(BlockedSearchTermViewSet)
