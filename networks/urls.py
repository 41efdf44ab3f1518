from django.urls import path

from events.views import cancel_registration

app_name = "networks"

urlpatterns = [
    path(
        "netwerken/afmelden/<str:token>/",
        cancel_registration,
        {"event_type": "networks.networkmeetingpage"},
        name="cancel",
    ),
]
