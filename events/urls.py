from django.urls import path

from events.views import register_for_page

app_name = "events"

urlpatterns = [
    path("aanmelden/<int:page_id>/", register_for_page, name="register"),
]
