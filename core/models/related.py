from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class RelatedPin(Orderable):
    """A page an editor pins in a page's "Related content" block (core/related.py); pinned pages come first, the
    rest is found by shared themes and audiences."""

    source = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="related_pins")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("Shown first under 'Related content'. Unpublished or private pages are left out."),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")

    def __str__(self):
        return str(self.page)
