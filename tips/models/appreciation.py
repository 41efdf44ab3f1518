from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core import compiled


class AppreciationQuerySet(models.QuerySet):
    def counts_for(self, objects):
        """{pk: count} for a list of objects of one model, in a single query (of all counts: filters before this
        one are not applied)."""
        objects = list(objects)
        if not objects:
            return {}
        content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)

        def build(content_type_id, pks):  # compiled once per number of objects (core/compiled.py)
            rows = self.model._default_manager.filter(content_type_id=content_type_id, object_id__in=pks)
            return rows.values_list("object_id", "count")

        return dict(compiled.rows(("appreciation-counts",), build, [content_type.pk, [obj.pk for obj in objects]]))

    def increment(self, obj):
        """Add one appreciation to `obj` without a race between readers and writers; returns the new count."""
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        row, created = self.get_or_create(content_type=content_type, object_id=obj.pk, defaults={"count": 1})
        if not created:
            self.filter(pk=row.pk).update(count=F("count") + 1)
            row.refresh_from_db(fields=["count"])
        return row.count


class Appreciation(models.Model):
    """How often visitors appreciated one tip, story or lesson. Holds no personal data: only a counter."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    count = models.PositiveIntegerField(_("count"), default=0)

    objects = AppreciationQuerySet.as_manager()

    class Meta:
        verbose_name = _("appreciation")
        verbose_name_plural = _("appreciations")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="tips_appreciation_unique_target"),
        ]

    def __str__(self):
        return f"{self.content_type}:{self.object_id} ({self.count})"
