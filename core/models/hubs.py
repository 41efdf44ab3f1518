from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import hubs
from core.caching import remember

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

    def get_context(self, request, *args, hub=False, **kwargs):
        # The hubs' links start at this page: no query to find it (core.hubs.hubs_root_url).
        remember(request, "topic-index-url", self.get_url(request) or "")
        context = super().get_context(request, *args, **kwargs)
        if not hub:  # the hubs page itself; a theme's or audience's hub shows no overview
            context["overview"] = hubs.overview(request)
        return context

    def get_sitemap_urls(self, request=None):
        """The hubs page and every theme's and audience's hub."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        lastmod = urls[0].get("lastmod")
        for model, prefix in ((Theme, ""), (Audience, "doelgroep/")):
            for slug in model.objects.order_by("name").values_list("slug", flat=True):
                urls.append({"location": f"{base}{prefix}{slug}/", "lastmod": lastmod})
        return urls

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

    def _term_context(self, request, field, term):
        from django.urls import NoReverseMatch, reverse
        from django.utils.html import strip_tags

        if field == "themes":
            hub_url, feed_name = hubs.theme_url(term, request), "feed_theme"
        else:
            hub_url, feed_name = hubs.audience_url(term, request), "feed_audience"
        try:
            feed_url = reverse(feed_name, args=[term.slug])  # the feeds (core/urls_feeds.py), where they exist
        except NoReverseMatch:
            feed_url = ""
        return {
            "term": term,
            "field": field,
            "hub_url": hub_url,
            "feed_url": feed_url,
            "meta_title": term.name,
            "meta_description": term.description or strip_tags(self.introduction or ""),
        }

    def _hub(self, request, field, term):
        context = self._term_context(request, field, term)
        context["sections"] = hubs.hub_sections(field, term, request)
        context["total"] = sum(section.count for section in context["sections"])
        context["canonical_url"] = request.build_absolute_uri(context["hub_url"] or request.path)
        return self.render(request, template=self.hub_template, context_overrides=context, hub=True)

    def _section(self, request, field, term, section):
        kind = hubs.kind_by_slug(section)
        if kind is None:
            raise Http404
        page_obj = Paginator(hubs.items_for(kind, field, term), hubs.PAGE_SIZE).get_page(request.GET.get("page"))
        context = self._term_context(request, field, term)
        context.update(
            kind=kind,
            page_obj=page_obj,
            items=[hubs.card(kind, item, request) for item in page_obj.object_list],
            meta_title=f"{kind.label}: {term.name}",
        )
        path = request.path + (f"?page={page_obj.number}" if page_obj.number > 1 else "")
        context["canonical_url"] = request.build_absolute_uri(path)
        return self.render(request, template=self.section_template, context_overrides=context, hub=True)
