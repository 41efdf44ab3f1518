"""Evaluations of events and "Was deze pagina nuttig?" votes. Neither holds personal data.

An ``Evaluation`` is made when the evaluation mail goes out (one per registration: a unique constraint on the
registration's content type and id) and filled in when the participant answers (once: a conditional update).
It keeps the event, its parent page (the Kennisboostweek or the network) and the programme (the event type), so
the figures survive ``anonymise_registrations``, which empties the registration and its mails.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MARK_MIN, MARK_MAX = 1, 10
COMMENT_MAX_LENGTH = 2000
VOTE_COMMENT_MAX_LENGTH = 1000


class EvaluationQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def for_group(self, page):
        return self.filter(group=page)

    def summary(self):
        """{invited, answered, average, distribution {mark: count}} over this queryset, in two queries."""
        totals = self.aggregate(
            invited=models.Count("pk"),
            answered=models.Count("pk", filter=Q(answered_at__isnull=False)),
            average=models.Avg("mark", filter=Q(answered_at__isnull=False)),
        )
        counts = dict(self.answered().values_list("mark").annotate(n=models.Count("pk")).order_by())
        totals["distribution"] = {mark: counts.get(mark, 0) for mark in range(MARK_MIN, MARK_MAX + 1)}
        return totals


class Evaluation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    registration_id = models.PositiveBigIntegerField()
    event = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("event")
    )
    group = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("week or network"),
    )
    programme = models.CharField(_("programme"), max_length=100, db_index=True)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    mark = models.PositiveSmallIntegerField(_("mark"), null=True, blank=True)
    useful = models.TextField(_("what was useful"), blank=True, max_length=COMMENT_MAX_LENGTH)
    better = models.TextField(_("what could be better"), blank=True, max_length=COMMENT_MAX_LENGTH)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)

    objects = EvaluationQuerySet.as_manager()

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_type", "registration_id"], name="feedback_one_evaluation_per_registration"
            ),
            models.CheckConstraint(
                condition=Q(mark__isnull=True) | Q(mark__gte=MARK_MIN, mark__lte=MARK_MAX),
                name="feedback_evaluation_mark_1_to_10",
            ),
        ]
        indexes = [models.Index(fields=["programme", "group", "event"], name="feedback_eval_scope")]

    def __str__(self):
        return f"{self.programme} {self.event_id} #{self.pk}"

    @property
    def is_answered(self):
        return self.answered_at is not None

    def page_cache_dependencies(self):
        """Only the week page's average shows evaluations (templatetags.feedback_tags.evaluation_summary)."""
        return [f"evaluations:{self.group_id}"]


class PageVote(models.Model):
    """One anonymous answer to "Was deze pagina nuttig?": no IP address, no cookie, no account."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    path = models.CharField(_("address"), max_length=255, help_text=_("The page's path, or a tip's permalink."))
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=VOTE_COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("given at"), default=timezone.now, db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("page vote")
        verbose_name_plural = _("page votes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "path"], name="feedback_vote_target")]

    def __str__(self):
        return f"{self.path}: {'ja' if self.useful else 'nee'}"
