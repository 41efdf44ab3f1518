from django.urls import path

from community import views_follow

urlpatterns = [
    path("volgen/", views_follow.follow, name="community_follow"),
    path("account/volgen/", views_follow.follows, name="community_follows"),
    path("account/volgen/<int:pk>/", views_follow.change_follow, name="community_follow_change"),
    path("account/volgen/e-mail/", views_follow.email_preference, name="community_email_preference"),
    path("account/meldingen/", views_follow.notification_list, name="community_notifications"),
    path("account/meldingen/gelezen/", views_follow.mark_read, name="community_notifications_read"),
    path("meldingen/afmelden/<str:token>/", views_follow.unsubscribe, name="community_unsubscribe"),
]
