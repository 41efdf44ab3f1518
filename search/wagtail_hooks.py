from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylog")


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-terms/", admin_views.search_report, name="search_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Search terms"), reverse("search_report"), name="search-terms", icon_name="search", order=900
    )
