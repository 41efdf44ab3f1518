"""Reactions on content pages, switchable per page type (site setting) and per page (``ReactionsMixin``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class ReactionsMixin(models.Model):
    """For page types that take reactions: the editor's per-page switch, shown on the settings tab."""

    reactions_enabled = models.BooleanField(
        _("reactions"),
        default=True,
        help_text=_("Members may react below this page (when reactions are on for this kind of page)."),
    )

    reactions_panels = [FieldPanel("reactions_enabled")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        """Serve the page; once it is rendered, mark the response with what it counts as a view of (if anything).

        The template asks for the view count of a page or tip (``{% reactions_meta %}``), which notes the target
        on the request; the header then travels with the response into the page cache, so cache hits count too
        (community.middleware.ViewCountMiddleware counts and strips it).
        """
        from community.reactions import mark_view_after_render

        return mark_view_after_render(request, super().serve(request, *args, **kwargs))


@register_setting(icon="comment")
class CommunitySettings(BaseSiteSetting):
    """Per page type: whether members may react (the per-page switch can only turn them off)."""

    reactions_on_lessons = models.BooleanField(_("reactions on lessons"), default=True)
    reactions_on_stories = models.BooleanField(_("reactions on stories"), default=True)
    reactions_on_tips = models.BooleanField(_("reactions on tips"), default=True)
    reactions_on_agendas = models.BooleanField(_("reactions on inclusion agendas"), default=True)

    panels = [
        FieldPanel("reactions_on_lessons"),
        FieldPanel("reactions_on_stories"),
        FieldPanel("reactions_on_tips"),
        FieldPanel("reactions_on_agendas"),
    ]

    class Meta:
        verbose_name = _("community")


class ViewCount(models.Model):
    """How often a page or tip was viewed, counted without cookies (community.reactions flushes the counts)."""

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="community_viewcount_unique"),
        ]

    def __str__(self):
        return f"{self.target_type_id}:{self.target_id} viewed {self.count}x"
