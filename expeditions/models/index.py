"""The section page: an overview of expeditions with filters and impact figures, plus the lesson overview."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import BasePage, CustomImage

from .expedition import LISTING_RENDITION, ExpeditionPage
from .lesson import LessonPage

PER_PAGE = 12


def with_listing_renditions(queryset):
    """Prefetch card images with their renditions, so cards cost no query each."""
    # Through listing_image, so that it also works when the queryset already selects the image (a Prefetch of
    # "listing_image" itself is skipped for objects select_related has fetched).
    return queryset.prefetch_related(
        Prefetch(
            "listing_image__renditions",
            queryset=CustomImage.get_rendition_model().objects.filter(filter_spec=LISTING_RENDITION),
        )
    )


class ExpeditionIndexPage(RoutablePageMixin, BasePage):
    """Expedities Nieuwe Gezichten: all expeditions, their impact and the lessons they publish."""

    template = "pages/expedition_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["expeditions.ExpeditionPage", "core.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("expedition index")

    # Querysets --------------------------------------------------------------------------------------
    def get_expedition_queryset(self):
        return with_listing_renditions(
            ExpeditionPage.objects.child_of(self).live().public().for_listing().order_by("-start_date", "title")
        )

    def get_lesson_queryset(self):
        return with_listing_renditions(LessonPage.objects.descendant_of(self).live().public().for_listing())

    def filtered_expeditions(self, request):
        from expeditions.filters import ExpeditionFilter

        return ExpeditionFilter(request.GET or None, queryset=self.get_expedition_queryset(), request=request)

    def filtered_lessons(self, request):
        from expeditions.filters import LessonFilter

        return LessonFilter(request.GET or None, queryset=self.get_lesson_queryset(), request=request).qs

    @staticmethod
    def paginate(request, queryset):
        return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))

    # Views ------------------------------------------------------------------------------------------
    @path("")
    def expeditions(self, request):
        from expeditions.impact import impact_overview

        filterset = self.filtered_expeditions(request)
        return self.render(
            request,
            context_overrides={
                "filterset": filterset,
                "page_obj": self.paginate(request, filterset.qs),
                "is_filtered": any(request.GET.get(name) for name in filterset.filters),
                "impact": impact_overview(self),
                "lessons_url": self.get_url(request) + self.reverse_subpage("lessons"),
                "rss_url": self.get_url(request) + self.reverse_subpage("lessons_rss"),
                "atom_url": self.get_url(request) + self.reverse_subpage("lessons_atom"),
            },
        )

    @path("lessen/", name="lessons")
    def lessons(self, request):
        from expeditions.filters import LessonFilter

        filterset = LessonFilter(request.GET or None, queryset=self.get_lesson_queryset(), request=request)
        lessons_url = self.get_url(request) + self.reverse_subpage("lessons")
        query = request.GET.urlencode()
        return self.render(
            request,
            template="pages/lesson_overview.html",
            context_overrides={
                "filterset": filterset,
                "page_obj": self.paginate(request, filterset.qs),
                "is_filtered": any(request.GET.get(name) for name in filterset.filters),
                "lessons_url": lessons_url,
                "rss_url": self.get_url(request) + self.reverse_subpage("lessons_rss") + (f"?{query}" if query else ""),
                "atom_url": self.get_url(request)
                + self.reverse_subpage("lessons_atom")
                + (f"?{query}" if query else ""),
            },
        )

    @path("lessen/rss/", name="lessons_rss")
    def lessons_rss(self, request):
        from expeditions.feeds import LessonRssFeed

        return LessonRssFeed(self)(request)

    @path("lessen/atom/", name="lessons_atom")
    def lessons_atom(self, request):
        from expeditions.feeds import LessonAtomFeed

        return LessonAtomFeed(self)(request)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({"location": self.get_full_url(request) + self.reverse_subpage("lessons")})
        return urls
