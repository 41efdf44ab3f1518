"""Campaign materials that editors manage (a snippet): posters, logos, radio spots and social media texts."""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

PLACEHOLDER = "{gemeente}"
SOCIAL_TEXT_MAX = 2000


class MaterialType(models.TextChoices):
    POSTER = "poster", _("Poster")
    LOGO = "logo", _("Logo")
    RADIO = "radio", _("Radio spot")
    SOCIAL = "social", _("Social media text")
    OTHER = "other", _("Other")


# What a file's extension says about its format, in words visitors know.
FORMAT_NAMES = {
    "pdf": "PDF",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "svg": "SVG",
    "eps": "EPS",
    "ai": "Illustrator",
    "wav": "WAV",
    "mp3": "MP3",
    "ogg": "Ogg Vorbis",
    "zip": "ZIP",
    "docx": "Word",
    "txt": "Tekst",
}


class CampaignMaterialQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("document").prefetch_related("weeks").order_by("material_type", "title", "pk")

    def of_type(self, material_type):
        return self.filter(material_type=material_type) if material_type else self

    def for_week(self, week):
        return self.filter(weeks=week) if week else self


class CampaignMaterial(index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=150)
    material_type = models.CharField(_("type"), max_length=10, choices=MaterialType.choices)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("What it is and how to use it, in one or two sentences."),
    )
    document = models.ForeignKey(
        "core.CustomDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("file"),
        help_text=_("The file visitors download: a PDF or image for posters and logos, an audio file for radio spots."),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        max_length=SOCIAL_TEXT_MAX,
        help_text=_(
            "For social media texts: the text to copy. Write {gemeente} where the name of the municipality goes."
        ),
    )
    weeks = ParentalManyToManyField(
        "campaign.CampaignWeekPage",
        blank=True,
        related_name="materials",
        verbose_name=_("campaign weeks"),
        help_text=_("The weeks this material is made for. None: it fits every week."),
    )

    objects = CampaignMaterialQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("material_type"),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("text"),
        FieldPanel("weeks"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("text"),
        index.FilterField("material_type"),
    ]

    class Meta:
        verbose_name = _("campaign material")
        verbose_name_plural = _("campaign materials")
        ordering = ["material_type", "title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.material_type == MaterialType.SOCIAL:
            if not self.text.strip():
                raise ValidationError({"text": _("Write the text of this social media message.")})
        elif not self.document_id:
            raise ValidationError({"document": _("Choose the file visitors download.")})
        if self.document_id and self.material_type == MaterialType.RADIO and not self.is_audio:
            raise ValidationError({"document": _("A radio spot is an audio file: WAV, MP3 or Ogg Vorbis.")})

    # Derived from the file -------------------------------------------------------------------------------------

    @property
    def file_extension(self):
        if not self.document_id or not self.document:
            return ""
        return os.path.splitext(self.document.file.name)[1].lower().lstrip(".")

    @property
    def file_format(self):
        extension = self.file_extension
        return FORMAT_NAMES.get(extension, extension.upper())

    @property
    def file_size(self):
        """The size in bytes, as Wagtail stored it with the document (no read of the file)."""
        if not self.document_id or not self.document:
            return None
        return self.document.file_size

    @property
    def is_audio(self):
        return self.file_extension in ("wav", "mp3", "ogg")

    def text_for(self, municipality=""):
        """The social media text with the municipality filled in (or 'je gemeente' without one)."""
        return self.text.replace(PLACEHOLDER, municipality or "je gemeente")
