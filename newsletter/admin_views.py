"""Wagtail admin for issues: compose (subject, introduction, a selection from the suggested new content), preview,
send a test to yourself, and send to the subscribers.

Permissions: the model's own (view/add/change/delete issue) for composing, previewing and tests; sending needs
``newsletter.send_issue``. Sent issues (and those being sent) are not edited any more: their edit view shows the
preview instead.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from newsletter import content, emails, sending
from newsletter.models import Issue, Subscriber


def _choice_label(kind_label, title, date):
    label = f"{kind_label}: {title}"
    if date:
        label += f" ({date_format(date, 'j F Y')})"
    return label


class IssueForm(WagtailAdminModelForm):
    selection = forms.MultipleChoiceField(
        label=gettext_lazy("Content"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Suggested: what was published since the last sent issue, and upcoming sessions and meetings not "
            "announced yet. Untick what should not be in it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = list(self.instance.items.all()) if self.instance.pk else []
        choices = [
            (content.item_key(item.kind, item.object_id), _choice_label(item.kind_label, item.title, item.date))
            for item in current
        ]
        known = {key for key, _label in choices}
        for kind, items in content.suggestions():
            for item in items:
                key = content.item_key(kind.key, item.pk)
                if key not in known:
                    known.add(key)
                    label = str(getattr(kind, "label_singular", None) or kind.label)
                    choices.append((key, _choice_label(label, item.title, content.item_date(kind, item))))
        self.fields["selection"].choices = choices
        if not self.is_bound:
            # A new issue starts with every suggestion ticked; an existing one with its own items.
            chosen = current if self.instance.pk else None
            self.initial["selection"] = (
                [key for key, _label in choices]
                if chosen is None
                else [content.item_key(item.kind, item.object_id) for item in chosen]
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.instance.is_draft:
            raise forms.ValidationError(_("This issue has been sent; it can no longer be changed."))
        return cleaned

    def save(self, commit=True):
        issue = super().save(commit=commit)
        if commit:
            content.set_items(issue, self.cleaned_data.get("selection", []))
        return issue


class IssueEditView(generic.EditView):
    def dispatch(self, request, *args, **kwargs):
        issue = Issue.objects.filter(pk=kwargs.get("pk")).first()
        if issue is not None and not issue.is_draft:
            messages.info(request, _("This issue has been sent; it can no longer be changed."))
            return redirect("newsletter_issues:preview", issue.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("newsletter_issues:preview", args=[self.object.pk])


class IssueCreateView(generic.CreateView):
    def get_success_url(self):
        return reverse("newsletter_issues:preview", args=[self.object.pk])


class IssueIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            MenuItem(
                _("Preview"), url=reverse("newsletter_issues:preview", args=[instance.pk]), icon_name="view", priority=5
            )
        )
        return buttons


def _require(request, codename):
    if not request.user.has_perm(f"newsletter.{codename}"):
        raise PermissionDenied


def _breadcrumbs(issue, label):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("newsletter_issues:index"), "label": _("Newsletter issues")},
        {"url": "", "label": label},
    ]


def preview(request, pk):
    _require(request, "view_issue")
    issue = get_object_or_404(Issue, pk=pk)
    items = list(issue.items.all())
    context = {
        **emails.issue_context(issue, items),
        "page_title": _("Preview: %(subject)s") % {"subject": issue.subject},
        "header_icon": "mail",
        "breadcrumbs_items": _breadcrumbs(issue, issue.subject),
        "reach": sending.reach(issue) if issue.is_draft else 0,
        "confirmed_count": Subscriber.objects.confirmed().count(),
        "can_edit": request.user.has_perm("newsletter.change_issue"),
        "can_send": request.user.has_perm("newsletter.send_issue"),
        "edit_url": reverse("newsletter_issues:edit", args=[issue.pk]),
        "test_url": reverse("newsletter_issues:test", args=[issue.pk]),
        "send_url": reverse("newsletter_issues:send", args=[issue.pk]),
        "test": False,
    }
    return TemplateResponse(request, "newsletter/admin/preview.html", context)


@require_POST
def send_test(request, pk):
    _require(request, "change_issue")
    issue = get_object_or_404(Issue, pk=pk)
    if not request.user.email:
        messages.error(request, _("Your account has no email address to send the test to."))
    else:
        emails.queue_test(issue, request.user.email)
        messages.success(request, _("A test has been sent to %(email)s.") % {"email": request.user.email})
    return redirect("newsletter_issues:preview", issue.pk)


def send(request, pk):
    _require(request, "send_issue")
    issue = get_object_or_404(Issue, pk=pk)
    if request.method == "POST" and issue.is_draft:
        if not issue.items.exists():
            messages.error(request, _("This issue has no items: choose some content first."))
            return redirect("newsletter_issues:preview", issue.pk)
        try:
            started = sending.start(issue.pk)
        except sending.NothingToSend:
            messages.error(
                request,
                _("None of this issue's items is public any more, so nothing was sent: choose some content first."),
            )
            return redirect("newsletter_issues:preview", issue.pk)
        if started:
            messages.success(request, _("“%(subject)s” is being sent.") % {"subject": issue.subject})
        else:
            messages.warning(request, _("This issue is being sent or has been sent already."))
        return redirect("newsletter_issues:index")
    context = {
        "issue": issue,
        "page_title": _("Send: %(subject)s") % {"subject": issue.subject},
        "header_icon": "mail",
        "breadcrumbs_items": _breadcrumbs(issue, _("Send")),
        "reach": sending.reach(issue) if issue.is_draft else 0,
        "preview_url": reverse("newsletter_issues:preview", args=[issue.pk]),
    }
    return TemplateResponse(request, "newsletter/admin/send.html", context)


class IssueViewSet(ModelViewSet):
    model = Issue
    name = "newsletter_issues"
    url_prefix = "newsletter"
    icon = "mail"
    menu_label = gettext_lazy("Newsletter")
    menu_order = 280
    add_to_admin_menu = True
    index_view_class = IssueIndexView
    add_view_class = IssueCreateView
    edit_view_class = IssueEditView
    list_display = ["subject", "status", "created_at", "sent_at", "recipients"]
    list_filter = ["status"]
    search_fields = ["subject"]
    edit_handler = ObjectList(
        [FieldPanel("subject"), FieldPanel("intro"), FieldPanel("selection")], base_form_class=IssueForm
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", preview, name="preview"),
            path("test/<int:pk>/", send_test, name="test"),
            path("send/<int:pk>/", send, name="send"),
        ]
