from wagtail import hooks

from newsletter.admin_views import IssueViewSet


@hooks.register("register_admin_viewset")
def register_issue_viewset():
    return IssueViewSet()
