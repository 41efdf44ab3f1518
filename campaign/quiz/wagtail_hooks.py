from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from campaign.quiz import admin_views


@hooks.register("register_admin_urls")
def register_quiz_report_url():
    return [path("reports/strength-test/", admin_views.report, name="campaign_quiz_report")]


@hooks.register("register_reports_menu_item")
def register_quiz_report_menu_item():
    return MenuItem(
        _("Strength test figures"), reverse("campaign_quiz_report"), name="strength-test", icon_name="help", order=950
    )


@hooks.register("register_demo_content", order=75)
def seed_quiz(demo):
    from campaign.quiz.demo import seed

    seed(demo)
