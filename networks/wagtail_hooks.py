from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .meeting_admin import MeetingRegistrationViewSet
from .models import InclusionAgendaPage

register_snippet(MeetingRegistrationViewSet)


def _warn_about_pdf(request, page):
    """After an upload: what is not accessible about the agenda PDFs (a warning, the upload is kept)."""
    if not isinstance(page, InclusionAgendaPage) or not request.FILES:
        return
    warnings = page.accessibility_warnings
    if warnings:
        messages.warning(
            request,
            _("The PDF was saved, but it is not fully accessible. Municipalities must publish accessible documents:")
            + " "
            + " ".join(warnings),
        )


@hooks.register("after_create_page")
def agenda_created(request, page):
    _warn_about_pdf(request, page)


@hooks.register("after_edit_page")
def agenda_edited(request, page):
    _warn_about_pdf(request, page)


@hooks.register("register_demo_content", order=50)
def seed_networks_demo(demo):
    from networks.demo import seed_networks

    seed_networks(demo)


seed_networks_demo.demo_label = gettext_lazy("inclusion networks (Iedereen doet mee!)")


# --- Matching (helper "matching"): admin menu "Koppelingen", the match report, and the match request form posted
# to municipality pages (before_serve_page). Everything lives in networks/admin_views.py.
from networks import admin_views  # noqa: E402, F401
