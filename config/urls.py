from django.conf import settings
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import health
from core import views as core_views

handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    path("leden/", include("accounts.urls_members")),
    path("", include("community.urls")),
    path("documents/", include(wagtaildocs_urls)),
    # Each section mounts its own routes (feeds, forms, search) before Wagtail's catch-all.
    path("", include("events.urls")),
    path("", include("expeditions.urls")),
    path("", include("knowledgeboost.urls")),
    path("", include("tips.urls")),
    path("", include("stories.urls")),
    path("", include("networks.urls")),
    path("", include("campaign.urls")),
    path("", include("feedback.urls")),
    path("", include("newsletter.urls")),
    path("feeds/", include("core.urls_feeds")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    # Images only: documents always go through Wagtail's serve view.
    urlpatterns += static(settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images")
    urlpatterns += static(
        settings.MEDIA_URL + "original_images/", document_root=settings.MEDIA_ROOT / "original_images"
    )

urlpatterns += [path("", include(wagtail_urls))]
