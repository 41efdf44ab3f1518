from django.urls import path

from knowledgeboost import views

app_name = "knowledgeboost"

urlpatterns = [
    path("kennisboost/afmelden/<str:token>/", views.cancel_registration, name="cancel"),
]
