from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from newsletter.admin_views import IssueViewSet


@hooks.register("register_admin_viewset")
def register_issue_viewset():
    return IssueViewSet()


@hooks.register("register_demo_content", order=95)
def seed_newsletter_demo(demo):
    from newsletter.demo import seed_newsletter

    seed_newsletter(demo)


seed_newsletter_demo.demo_label = _("newsletter (subscribers and issues)")
