"""Query logic of the expeditions: status from dates, listings with a flat number of queries."""

from django.db.models import Case, CharField, F, Prefetch, Q, Value, When
from django.utils import timezone
from wagtail.models import PageManager, PageQuerySet

from .choices import ExpeditionStatus


def status_expression(prefix="", today=None):
    """SQL for the status of an expedition: the override when set, else derived from the dates.

    ``prefix`` reaches the expedition through a relation, e.g. ``"expedition__"`` from a lesson.
    The same rule in Python is ``ExpeditionPage.get_status``.
    """
    today = today or timezone.localdate()
    return Case(
        When(~Q(**{f"{prefix}status_override": ""}), then=F(f"{prefix}status_override")),
        When(**{f"{prefix}start_date__gt": today}, then=Value(ExpeditionStatus.PLANNED.value)),
        When(**{f"{prefix}end_date__lt": today}, then=Value(ExpeditionStatus.COMPLETED.value)),
        default=Value(ExpeditionStatus.RUNNING.value),
        output_field=CharField(),
    )


class ExpeditionPageQuerySet(PageQuerySet):
    def with_status(self, today=None):
        """Annotate ``current_status`` (planned, running, completed), computed by the database."""
        return self.annotate(current_status=status_expression(today=today))

    def with_status_in(self, statuses, today=None):
        return self.alias(status_filter=status_expression(today=today)).filter(status_filter__in=statuses)

    def search_status_in(self, statuses, today=None):
        """A status filter that search backends accept: a subquery on the ``id`` filter field.

        ``ExpeditionPage.objects.live().search_status_in(["running"]).search("jongeren")``
        """
        matching = self.model.objects.with_status_in(statuses, today=today).values("pk")
        return self.filter(pk__in=matching)

    def completed(self, today=None):
        return self.with_status_in([ExpeditionStatus.COMPLETED], today=today)

    def for_listing(self):
        """Everything a card shows, in a constant number of queries."""
        from .expedition import ExpeditionParticipation, ExpeditionTargetGroup

        return (
            self.with_status()
            .select_related("listing_image")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=ExpeditionParticipation.objects.select_related("organisation"),
                ),
                Prefetch("target_groups", queryset=ExpeditionTargetGroup.objects.order_by("sort_order")),
            )
        )


class LessonPageQuerySet(PageQuerySet):
    def with_expedition_status(self, today=None):
        return self.annotate(expedition_status=status_expression("expedition__", today=today))

    def with_expedition_status_in(self, statuses, today=None):
        return self.alias(expedition_status_filter=status_expression("expedition__", today=today)).filter(
            expedition_status_filter__in=statuses
        )

    def search_status_in(self, statuses, today=None):
        """The expedition-status filter in a form search backends accept (see ``ExpeditionPageQuerySet``)."""
        matching = self.model.objects.with_expedition_status_in(statuses, today=today).values("pk")
        return self.filter(pk__in=matching)

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_listing(self):
        return self.select_related("expedition", "author", "listing_image").newest_first()


ExpeditionPageManager = PageManager.from_queryset(ExpeditionPageQuerySet)
LessonPageManager = PageManager.from_queryset(LessonPageQuerySet)
