from django.core.validators import RegexValidator
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


class Province(models.TextChoices):
    """The twelve Dutch provinces; shared by expeditions, municipalities and search."""

    DRENTHE = "drenthe", _("Drenthe")
    FLEVOLAND = "flevoland", _("Flevoland")
    FRIESLAND = "friesland", _("Friesland")
    GELDERLAND = "gelderland", _("Gelderland")
    GRONINGEN = "groningen", _("Groningen")
    LIMBURG = "limburg", _("Limburg")
    NORTH_BRABANT = "noord-brabant", _("North Brabant")
    NORTH_HOLLAND = "noord-holland", _("North Holland")
    OVERIJSSEL = "overijssel", _("Overijssel")
    UTRECHT = "utrecht", _("Utrecht")
    ZEELAND = "zeeland", _("Zeeland")
    SOUTH_HOLLAND = "zuid-holland", _("South Holland")


cbs_code_validator = RegexValidator(
    r"^GM\d{4}$", _("Enter the CBS code as GM followed by four digits, for example GM0193."), code="cbs_code"
)


class MunicipalityQuerySet(models.QuerySet):
    def in_province(self, province):
        return self.filter(province=province)


class Municipality(index.Indexed, models.Model):
    """A Dutch municipality (gemeente), keyed by its CBS code.

    Shared so that every section can link content to municipalities without importing ``networks``;
    ``manage.py import_municipalities`` keeps the list up to date from a CSV.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[cbs_code_validator],
        help_text=_("The municipality code of Statistics Netherlands (CBS), for example GM0193 for Zwolle."),
    )
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, db_index=True)
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MunicipalityQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("province")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name
