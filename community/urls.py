from django.urls import include, path

# Each area of the community app keeps its own routes; forum topics are routes of ForumPage itself.
urlpatterns = [
    path("", include("community.urls_reactions")),
    path("", include("community.urls_follow")),
    path("", include("community.urls_moderation")),
    path("", include("community.urls_feeds")),
]
