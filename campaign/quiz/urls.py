from django.urls import path

from campaign.quiz import views

app_name = "campaign_quiz"

urlpatterns = [
    path("vragenlijst/<int:page_id>/stap/", views.step, name="step"),
    path("vragenlijst/<int:page_id>/<slug:key>.png", views.share_image, name="share_image"),
]
