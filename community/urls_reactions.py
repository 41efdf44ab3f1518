from django.urls import path

from community import views_reactions

urlpatterns = [
    path("reacties/<int:content_type_id>/<int:object_id>/", views_reactions.react, name="reactions_post"),
    path("reacties/bewerken/<int:post_id>/", views_reactions.edit, name="community_reaction_edit"),
]
