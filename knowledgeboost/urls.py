from django.urls import path

from events.views import cancel_registration

app_name = "knowledgeboost"

urlpatterns = [
    path(
        "kennisboost/afmelden/<str:token>/",
        cancel_registration,
        {"event_type": "knowledgeboost.sessionpage"},
        name="cancel",
    ),
]
