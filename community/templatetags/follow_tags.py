"""``{% follow_button obj %}``: follow or unfollow a topic (Thread), category (ForumCategory), forum (ForumPage) or
theme (core.Theme), with the choice how often mail comes (direct, daily, weekly).

Needs ``request`` in the context (Django's request context processor). Anonymous visitors get a link to log in
(no form and no CSRF token, so anonymous pages stay cacheable); members who have not confirmed their address
get a short note; members a POST form to ``community_follow`` that brings them back to this page.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.models import Page

from community.models import Follow, FollowFrequency, ForumCategory, ForumPage, Thread

register = template.Library()


def target_type(obj):
    from core.models import Theme

    if isinstance(obj, Thread):
        return "thread"
    if isinstance(obj, ForumCategory):
        return "category"
    if isinstance(obj, ForumPage):
        return "forum"
    if isinstance(obj, Theme):
        return "theme"
    if isinstance(obj, Page) and isinstance(obj.specific, ForumPage):
        return "forum"
    return None


@register.inclusion_tag("community/follow/button.html", takes_context=True)
def follow_button(context, obj):
    kind = target_type(obj)
    request = context.get("request")
    user = getattr(request, "user", None)
    result = {"state": "none", "target_type": kind, "target_id": getattr(obj, "pk", None)}
    if kind is None or request is None:
        return result
    next_url = request.get_full_path()
    result.update(next=next_url, id_prefix=f"follow-{kind}-{obj.pk}", frequencies=FollowFrequency.choices)
    if user is None or not user.is_authenticated:
        result.update(state="anonymous", login_url=f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        return result
    from community.views_follow import may_follow

    if not may_follow(user):
        result["state"] = "unverified"
        return result
    follow = Follow.objects.filter(user=user, **{kind: obj.pk}).only("frequency").first()
    result.update(
        state="following" if follow else "follow",
        frequency=follow.frequency if follow else FollowFrequency.INSTANT,
        csrf_token=context.get("csrf_token"),
    )
    return result


@register.simple_tag(takes_context=True)
def unread_notification_count(context):
    """``{% unread_notification_count as unread %}``: the member's unread notifications (0 for visitors); one query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    from community.notifications import unread_count

    return unread_count(user)
