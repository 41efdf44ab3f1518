from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class VocabularyTerm(index.Indexed, models.Model):
    """A term of a controlled vocabulary that editors manage as a snippet."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences that explain when to use this term.")
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Audience(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
