"""GET filters for the expedition and lesson overviews. They work without JavaScript and live in the URL."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.models import Theme

from .models import ExpeditionPage, ExpeditionStatus, ExpeditionTargetGroup, Lens, LessonPage, Province, TargetGroup


def theme_queryset(request):
    return Theme.objects.order_by("name")


class ExpeditionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ExpeditionStatus.choices, empty_label=_("All statuses"), method="filter_status"
    )
    provincie = django_filters.ChoiceFilter(
        label=_("Province"), field_name="province", choices=Province.choices, empty_label=_("All provinces")
    )
    doelgroep = django_filters.ChoiceFilter(
        label=_("Target group"),
        choices=TargetGroup.choices,
        empty_label=_("All target groups"),
        method="filter_target_group",
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=theme_queryset,
        empty_label=_("All themes"),
    )

    class Meta:
        model = ExpeditionPage
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in([value])

    def filter_target_group(self, queryset, name, value):
        rows = ExpeditionTargetGroup.objects.filter(expedition=OuterRef("pk"), target_group=value)
        return queryset.filter(Exists(rows))


class LessonFilter(django_filters.FilterSet):
    lens = django_filters.ChoiceFilter(label=_("Lens"), choices=Lens.choices, empty_label=_("All lenses"))
    doelgroep = django_filters.ChoiceFilter(
        label=_("Target group"),
        field_name="target_group",
        choices=TargetGroup.choices,
        empty_label=_("All target groups"),
    )
    provincie = django_filters.ChoiceFilter(
        label=_("Province"), field_name="expedition__province", choices=Province.choices, empty_label=_("All provinces")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status of the expedition"),
        choices=ExpeditionStatus.choices,
        empty_label=_("All statuses"),
        method="filter_status",
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=theme_queryset,
        empty_label=_("All themes"),
    )

    class Meta:
        model = LessonPage
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.with_expedition_status_in([value])
