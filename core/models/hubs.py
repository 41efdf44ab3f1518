from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import hubs

from .base import BasePage
from .taxonomy import Audience, Theme


class TopicIndexPage(RoutablePageMixin, BasePage):
    """The theme and audience hubs: one page per theme (``<slug>/``) and audience (``doelgroep/<slug>/``) with
    everything about it, per section, and per section all of it (``…/<section>/``, paginated)."""

    template = "pages/topic_index_page.html"
    hub_template = "pages/topic_hub.html"
    section_template = "pages/topic_section.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("theme and audience hubs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["overview"] = hubs.overview()
        return context

    # Audience routes first: "doelgroep/…" is never a theme.
    @path("doelgroep/<str:slug>/")
    def audience_hub(self, request, slug):
        return self._hub(request, "audiences", self._term(Audience, slug))

    @path("doelgroep/<str:slug>/<str:section>/")
    def audience_section(self, request, slug, section):
        return self._section(request, "audiences", self._term(Audience, slug), section)

    @path("<str:slug>/")
    def theme_hub(self, request, slug):
        return self._hub(request, "themes", self._term(Theme, slug))

    @path("<str:slug>/<str:section>/")
    def theme_section(self, request, slug, section):
        return self._section(request, "themes", self._term(Theme, slug), section)

    @staticmethod
    def _term(model, slug):
        term = model.objects.filter(slug=slug).first()
        if term is None:
            raise Http404
        return term

    def _hub(self, request, field, term):
        context = {"term": term, "field": field, "sections": hubs.hub_sections(field, term, request)}
        context["total"] = sum(section.count for section in context["sections"])
        return self.render(request, template=self.hub_template, context_overrides=context)

    def _section(self, request, field, term, section):
        kind = hubs.kind_by_slug(section)
        if kind is None:
            raise Http404
        page_obj = Paginator(hubs.items_for(kind, field, term), hubs.PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "term": term,
            "field": field,
            "kind": kind,
            "page_obj": page_obj,
            "items": [hubs.card(kind, item, request) for item in page_obj.object_list],
        }
        return self.render(request, template=self.section_template, context_overrides=context)
