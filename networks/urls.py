from django.urls import path

from events.views import cancel_registration

from . import views

app_name = "networks"

urlpatterns = [
    path(
        "netwerken/afmelden/<str:token>/",
        cancel_registration,
        {"event_type": "networks.networkmeetingpage"},
        name="cancel",
    ),
    # Outside the page tree, so routing below a network page stays Wagtail's plain (one query) routing.
    path("netwerken/agenda/<int:network_id>/", views.meetings_feed, name="meetings_feed"),
]
