from django.urls import path

from community import views_moderation

urlpatterns = [
    path("melden/<int:post_id>/", views_moderation.report_post, name="community_report"),
]
