from django.urls import path

from accounts import views

# Public member pages, mounted at /leden/ (config/urls.py).
urlpatterns = [
    path("<str:username>/", views.member_detail, name="accounts_member"),
]
