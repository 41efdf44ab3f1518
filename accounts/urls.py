from django.urls import path

from accounts import views

# Profile and delete-account pages; allauth's own routes are mounted beside these under /account/.
urlpatterns = [
    path("profiel/", views.profile_edit, name="accounts_profile"),
    path("verwijderen/", views.account_delete, name="accounts_delete"),
]
