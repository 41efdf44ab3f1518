from django.urls import include, path

urlpatterns = [
    path("", include("campaign.posters.urls")),
    path("", include("campaign.quiz.urls")),
]
