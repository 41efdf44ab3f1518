from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback.admin_views import EvaluationReportView, LeastUsefulPagesView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("feedback/evaluaties/", EvaluationReportView.as_view(), name="feedback_evaluations"),
        path("feedback/nuttig/", LeastUsefulPagesView.as_view(), name="feedback_least_useful"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_evaluations_menu_item():
    return PermissionMenuItem(
        _("Evaluations"),
        reverse("feedback_evaluations"),
        icon_name="list-ol",
        order=700,
        permission="feedback.view_evaluation",
    )


@hooks.register("register_reports_menu_item")
def register_least_useful_menu_item():
    return PermissionMenuItem(
        _("Least useful pages"),
        reverse("feedback_least_useful"),
        icon_name="help",
        order=710,
        permission="feedback.view_pagevote",
    )


@hooks.register("register_demo_content", order=90)
def seed_feedback(demo):
    from feedback.demo import seed

    seed(demo)
