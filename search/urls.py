from django.urls import path

from search import views

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
