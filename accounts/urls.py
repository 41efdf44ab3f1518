from django.urls import path  # noqa: F401

# Profile, delete-account and member pages (accounts/views.py); allauth's own routes are mounted beside these.
urlpatterns = []
