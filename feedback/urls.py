from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("evaluatie/<str:token>/", views.evaluation, name="evaluation"),
    path("nuttig/<int:page_id>/", views.page_vote, name="page_vote"),
    path("nuttig/<int:page_id>/bedankt/", views.vote_thanks, name="vote_thanks"),
]
