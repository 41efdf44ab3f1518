from django.urls import path

from . import views

urlpatterns = [
    path("deelafbeelding/<int:page_id>.png", views.share_image, name="share_image"),
    path("postermaker/<int:page_id>/maken/", views.make, name="poster_make"),
    path("postermaker/sjabloon/<int:template_id>/poster.<str:ext>", views.poster_image, name="poster_image"),
]
