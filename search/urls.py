from django.urls import path

from search import views
from search.api import api

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("zoeken/suggesties/", views.suggestions, name="search_suggestions"),
    path("api/v1/", api.urls),
]
