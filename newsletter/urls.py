from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("nieuwsbrief/", views.subscribe, name="subscribe"),
    path("nieuwsbrief/controleer-je-mail/", views.thanks, name="thanks"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/instellingen/<str:token>/", views.manage, name="manage"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
