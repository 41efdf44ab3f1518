from django.urls import path

from community.feeds import ForumFeed

app_name = "community_feeds"

urlpatterns = [
    path("feeds/forum/<int:forum_id>/", ForumFeed(), name="forum"),
]
