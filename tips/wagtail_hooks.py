from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from core.caching import memoize
from core.home_sections import HomeSection, section_page
from tips.models import Tip, TipCollectionIndexPage, TipCollectionPage

HOME_TIP_COUNT = 4


@hooks.register("register_appreciable_model")
def appreciable_tips():
    return Tip


@hooks.register("register_admin_urls")
def tip_admin_urls():
    from tips.admin_views import appreciation_report, import_view

    return [
        path("tips/import/<int:page_id>/", import_view, name="tips_import"),
        path("reports/waarderingen/", appreciation_report, name="tips_appreciation_report"),
    ]


@hooks.register("register_reports_menu_item")
def appreciation_report_menu_item():
    return MenuItem(_("Appreciations"), reverse("tips_appreciation_report"), icon_name="success", order=900)


@hooks.register("register_page_header_buttons")
def tip_import_button(page, user, view_name, next_url=None):
    if page.specific_class is TipCollectionPage and page.permissions_for_user(user).can_edit():
        yield Button(_("Import tips"), reverse("tips_import", args=[page.pk]), icon_name="upload", priority=80)


@hooks.register("register_page_listing_more_buttons")
def tip_import_listing_button(page, user, next_url=None):
    yield from tip_import_button(page, user, "listing", next_url)


@hooks.register("register_home_section")
def newest_tips(home_page, request):
    tips = list(Tip.objects.public().select_related("page").newest()[:HOME_TIP_COUNT])
    index = section_page(request, TipCollectionIndexPage) or TipCollectionIndexPage.objects.live().public().first()
    return HomeSection(
        title=_("Newest tips"),
        items=tips,
        more_url=index.all_tips_url(request) if index else "",
        more_text=_("All tips"),
        order=30,
    )


@hooks.register("register_audience_link", order=100)
def audience_tips_link(audience, request):
    """Until a hub for the audience answers first (a lower order): every tip for this audience."""
    index = memoize(request, "tips-index-url", lambda: _index_url(request))
    return f"{index}alle/?audience={audience.slug}" if index else None


def _index_url(request):
    index = section_page(request, TipCollectionIndexPage) or TipCollectionIndexPage.objects.live().public().first()
    return index.get_url(request) if index else ""


@hooks.register("register_demo_content", order=30)
def seed_tips_demo(demo):
    from tips.demo import seed_tips

    seed_tips(demo)


seed_tips_demo.demo_label = _("tip collections")
