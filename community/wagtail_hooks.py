"""Wagtail admin hooks of the community app: the Moderation menu (queue, log, members) for moderators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from community import admin_views, moderation


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.is_any_moderator(request.user)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", admin_views.QueueView.as_view(), name="community_moderation_queue"),
        path("moderation/posts/<int:post_id>/", admin_views.PostView.as_view(), name="community_moderation_post"),
        path(
            "moderation/posts/<int:post_id>/action/", admin_views.post_action, name="community_moderation_post_action"
        ),
        path("moderation/posts/<int:post_id>/view/", admin_views.view_on_site, name="community_moderation_view_post"),
        path(
            "moderation/topics/<int:thread_id>/action/",
            admin_views.thread_action,
            name="community_moderation_thread_action",
        ),
        path("moderation/log/", admin_views.LogView.as_view(), name="community_moderation_log"),
        path("moderation/members/", admin_views.MembersView.as_view(), name="community_moderation_members"),
        path(
            "moderation/members/<int:user_id>/action/",
            admin_views.member_action,
            name="community_moderation_member_action",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    items = [
        ModeratorMenuItem(
            _("Queue"), reverse("community_moderation_queue"), name="moderation-queue", icon_name="warning", order=1
        ),
        ModeratorMenuItem(
            _("Log"), reverse("community_moderation_log"), name="moderation-log", icon_name="history", order=2
        ),
        ModeratorMenuItem(
            _("Members"), reverse("community_moderation_members"), name="moderation-members", icon_name="user", order=3
        ),
    ]
    return SubmenuMenuItem(_("Moderation"), Menu(items=items), name="moderation", icon_name="warning", order=250)
