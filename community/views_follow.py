"""Following (a topic, category, forum or theme), "Wat ik volg", "Mijn meldingen" and unsubscribing from mails.

Follow and the pages of one's own follows and notifications need a login; unsubscribing works from the signed
link in a mail without one (the token is the authorisation, so that endpoint takes POSTs without CSRF token,
as RFC 8058's one-click unsubscribe requires: ``events.mail_links.link_view``, as the newsletter's).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community import notifications
from community.models import Follow, FollowFrequency, ForumCategory, ForumPage, Notification, Thread
from events.mail_links import link_view

NOTIFICATIONS_PER_PAGE = 20

TARGET_TYPES = {
    "thread": gettext_lazy("topic"),
    "category": gettext_lazy("category"),
    "forum": gettext_lazy("forum"),
    "theme": gettext_lazy("theme"),
}


def target_object(target_type, target_id):
    """The object to follow, if it exists and may be seen; None otherwise."""
    from community.visibility import public_forums, thread_is_readable

    if target_type == "thread":
        thread = Thread.objects.visible().filter(pk=target_id).first()
        return thread if thread_is_readable(thread) else None
    if target_type == "category":
        return (
            ForumCategory.objects.filter(pk=target_id, forum__in=public_forums().values("pk"))
            .select_related("forum")
            .first()
        )
    if target_type == "forum":
        return public_forums().filter(pk=target_id).first()
    if target_type == "theme":
        from core.models import Theme

        return Theme.objects.filter(pk=target_id).first()
    return None


def target_url(obj):
    """Where a followed object lives (a theme: the search page filtered on it)."""
    from core.models import Theme

    if isinstance(obj, Theme):
        try:
            return reverse("search") + f"?theme={obj.pk}"
        except NoReverseMatch:
            return ""
    if isinstance(obj, ForumCategory):
        return obj.get_url()
    if isinstance(obj, ForumPage):
        return obj.get_url() or ""
    return obj.get_absolute_url() or ""


class FollowForm(forms.Form):
    target_type = forms.ChoiceField(choices=list(TARGET_TYPES.items()))
    target_id = forms.IntegerField(min_value=1)
    frequency = forms.ChoiceField(choices=FollowFrequency.choices, required=False)
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])


class ChangeFollowForm(forms.Form):
    frequency = forms.ChoiceField(choices=FollowFrequency.choices, required=False)
    action = forms.ChoiceField(choices=[("save", "save"), ("stop", "stop")])


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback or "/")


def may_follow(user):
    from accounts.profiles import is_blocked, is_verified

    return is_verified(user) and not is_blocked(user)


def frequency_phrase(frequency):
    return {
        FollowFrequency.INSTANT: _("You get an email at once when there is something new."),
        FollowFrequency.DAILY: _("You get a daily overview by email."),
        FollowFrequency.WEEKLY: _("You get a weekly overview by email, on Monday."),
    }[frequency]


@require_POST
@login_required
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That could not be followed. Please try again from the page."))
        return _back(request, "/")
    data = form.cleaned_data
    obj = target_object(data["target_type"], data["target_id"])
    if obj is None:
        messages.error(request, _("This no longer exists, or you cannot follow it."))
        return _back(request, "/")
    if not may_follow(request.user):
        messages.error(request, _("Confirm your email address first; then you can follow topics and themes."))
        return _back(request, target_url(obj))
    existing = Follow.objects.filter(user=request.user, **{data["target_type"]: obj})
    label = notifications.follow_label(Follow(**{data["target_type"]: obj}))
    if data["action"] == "unfollow":
        existing.delete()
        messages.success(request, _("You no longer follow %(what)s.") % {"what": label})
    else:
        frequency = data["frequency"] or FollowFrequency.INSTANT
        Follow.objects.update_or_create(
            user=request.user, **{data["target_type"]: obj}, defaults={"frequency": frequency}
        )
        messages.success(
            request,
            _("You follow %(what)s. %(how)s") % {"what": label, "how": frequency_phrase(frequency)},
        )
    return _back(request, target_url(obj))


@login_required
def follows(request):
    """ "Wat ik volg": every follow with its frequency, to change or stop; and mail on or off."""
    rows = (
        Follow.objects.filter(user=request.user)
        .select_related("thread__forum", "thread__category", "category__forum", "forum", "theme")
        .prefetch_related("thread__target")
        .order_by("-created_at", "-pk")
    )
    items = [
        {
            "follow": row,
            "label": notifications.follow_label(row),
            "url": target_url(notifications.follow_target(row)),
        }
        for row in rows
    ]
    return TemplateResponse(
        request,
        "community/follow/follows.html",
        {
            "items": items,
            "frequencies": FollowFrequency.choices,
            "email_enabled": notifications.email_enabled(request.user),
        },
    )


@require_POST
@login_required
def change_follow(request, pk):
    row = get_object_or_404(
        Follow.objects.select_related("thread", "category", "forum", "theme"), pk=pk, user=request.user
    )
    form = ChangeFollowForm(request.POST)
    label = notifications.follow_label(row)
    if not form.is_valid():
        messages.error(request, _("That did not work. Please try again."))
    elif form.cleaned_data["action"] == "stop":
        row.delete()
        messages.success(request, _("You no longer follow %(what)s.") % {"what": label})
    else:
        row.frequency = form.cleaned_data["frequency"] or FollowFrequency.INSTANT
        row.save(update_fields=["frequency"])
        messages.success(
            request, _("Saved for %(what)s. %(how)s") % {"what": label, "how": frequency_phrase(row.frequency)}
        )
    return redirect("community_follows")


@require_POST
@login_required
def email_preference(request):
    enabled = request.POST.get("email_enabled") == "on"
    notifications.set_email_enabled(request.user.pk, enabled)
    if enabled:
        messages.success(request, _("You get email about your notifications again."))
    else:
        messages.success(request, _("You no longer get email about notifications. They stay on Mijn meldingen."))
    return redirect("community_follows")


@login_required
def notification_list(request):
    """ "Mijn meldingen": newest first, unread marked; only what may still be shown."""
    queryset = notifications.for_member(request.user)
    page_obj = Paginator(queryset, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    notifications.load_pages(page_obj.object_list)
    items = [{"notification": n, **notifications.describe(n)} for n in page_obj.object_list]
    unread = notifications.unread_count(request.user)
    return TemplateResponse(
        request,
        "community/follow/notifications.html",
        {"items": items, "page_obj": page_obj, "unread": unread},
    )


@require_POST
@login_required
def mark_read(request):
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if request.POST.get("all"):
        unread.update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
    else:
        try:
            pk = int(request.POST.get("notification", ""))
        except ValueError:
            pk = None
        if pk is not None and unread.filter(pk=pk).update(read_at=timezone.now()):
            messages.success(request, _("Marked as read."))
    fallback = reverse("community_notifications")
    page = request.POST.get("page", "")
    if page.isdigit():
        fallback += f"?page={page}"
    return HttpResponseRedirect(fallback)


@link_view
def unsubscribe(request, token):
    """The link in every mail: GET shows what stops, POST stops it (also RFC 8058's one-click POST)."""
    parsed = notifications.read_unsubscribe_token(token)
    context = {"token": token}
    if parsed is None:
        return TemplateResponse(request, "community/follow/unsubscribe.html", {**context, "invalid": True}, status=400)
    user_id, follow_id = parsed
    row = None
    if follow_id:
        row = Follow.objects.select_related("thread", "category", "forum", "theme").filter(pk=follow_id).first()
        if row is not None and row.user_id != user_id:
            row = None
    context.update(
        follow=row,
        follow_label=notifications.follow_label(row) if row else "",
        follow_gone=bool(follow_id) and row is None,
    )
    if request.method == "POST":
        scope = request.POST.get("scope", "")
        if scope != "all" and row is not None:
            row.delete()
            context["done"] = "follow"
        else:
            if get_user_model().objects.filter(pk=user_id).exists():
                notifications.set_email_enabled(user_id, False)
            context["done"] = "all"
    return TemplateResponse(request, "community/follow/unsubscribe.html", context)
