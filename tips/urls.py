from django.urls import path

from tips import views

app_name = "tips"

urlpatterns = [
    path("waarderen/<str:label>/<int:pk>/", views.appreciate, name="appreciate"),
]
