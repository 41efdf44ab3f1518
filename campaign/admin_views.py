"""Wagtail admin of the campaign: local actions (review: approve or reject) and the materials library.
Registered from campaign/wagtail_hooks.py by importing this module."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from campaign import emails
from campaign.models import CampaignMaterial, CampaignWeekPage, LocalAction, MaterialType
from core.models import Province


class LocalActionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=LocalAction.Status.choices)
    province = django_filters.ChoiceFilter(label=_("province"), choices=Province.choices)
    week = django_filters.ModelChoiceFilter(
        label=_("campaign week"), queryset=lambda request: CampaignWeekPage.objects.order_by("start_date", "pk")
    )

    class Meta:
        model = LocalAction
        fields = ["status", "province", "week"]


class LocalActionIndexView(IndexView):
    review_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("week")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == LocalAction.Status.PENDING and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.insert(
                0,
                ListingButton(
                    _("Review"),
                    url=reverse(self.review_url_name, args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                    attrs={"aria-label": _("Review '%(title)s'") % {"title": instance.title}},
                ),
            )
        return buttons


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Approve or reject one local action (POST); the GET shows what was registered. Needs 'change'."""

    template_name = "campaign/admin/review_action.html"
    page_title = _("Review local action")
    header_icon = "tick"
    permission_policy = None
    index_url_name = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.action = get_object_or_404(LocalAction.objects.select_related("week"), pk=pk)
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": LocalAction._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, pk):
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            messages.error(request, _("Choose approve or reject."))
            return redirect(request.path)
        with transaction.atomic():
            action = LocalAction.objects.select_for_update().select_related("week").get(pk=self.action.pk)
            approve = decision == "approve"
            was_approved = action.status == LocalAction.Status.APPROVED
            action.status = LocalAction.Status.APPROVED if approve else LocalAction.Status.REJECTED
            action.reviewed_at = timezone.now()
            action.reviewed_by = request.user
            action.save()
            if approve and not was_approved:
                emails.queue_approval(action)
        if approve:
            messages.success(request, _("'%(title)s' is approved and on the site now.") % {"title": action.title})
        else:
            messages.success(request, _("'%(title)s' is rejected.") % {"title": action.title})
        return redirect(self.index_url_name)


class LocalActionViewSet(SnippetViewSet):
    model = LocalAction
    icon = "date"
    menu_label = _("Local actions")
    menu_name = "local_actions"
    index_view_class = LocalActionIndexView
    inspect_view_enabled = True
    inspect_view_fields = [
        "status", "week", "title", "organisation", "place", "province", "date", "description", "link", "email",
        "created_at", "reviewed_at", "reviewed_by",
    ]  # fmt: skip
    list_display = ["title", "week", "place", "province", "date", "status", "created_at"]
    filterset_class = LocalActionFilterSet
    search_fields = ["title", "organisation", "place", "description"]
    search_backend_name = None  # a plain database search: pending actions are found too
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    panels = [
        FieldPanel("week"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("province")]),
        FieldPanel("date"),
        FieldPanel("description"),
        FieldPanel("link"),
        FieldPanel("email"),
    ]

    def get_urlpatterns(self):
        review = ReviewView.as_view(permission_policy=self.permission_policy, index_url_name=self.get_url_name("list"))
        return [*super().get_urlpatterns(), path("review/<int:pk>/", review, name="review")]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(review_url_name=self.get_url_name("review"), **kwargs)


class CampaignMaterialFilterSet(WagtailFilterSet):
    material_type = django_filters.ChoiceFilter(label=_("type"), choices=MaterialType.choices)

    class Meta:
        model = CampaignMaterial
        fields = ["material_type"]


class CampaignMaterialViewSet(SnippetViewSet):
    model = CampaignMaterial
    icon = "doc-full"
    menu_label = _("Campaign materials")
    menu_name = "campaign_materials"
    list_display = ["title", "material_type"]
    filterset_class = CampaignMaterialFilterSet
    search_fields = ["title", "description", "text"]
    search_backend_name = None
    ordering = ["material_type", "title"]


class CampaignGroup(SnippetViewSetGroup):
    items = (LocalActionViewSet, CampaignMaterialViewSet)
    menu_icon = "date"
    menu_label = _("Campaign")
    menu_name = "campaign"
    menu_order = 270


register_snippet(CampaignGroup)
