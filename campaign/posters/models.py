"""Poster templates (managed by editors), the visitors' short-lived uploads and the poster maker page."""

import functools
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from PIL import Image
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage

from . import engine

MIN_CONTRAST = 4.5
ARTWORK_MAX_SIDE = 2600  # enough for A3 at 150 dpi incl. bleed

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, for example #0b5394."))


def colour_field(verbose_name, default, help_text=""):
    return models.CharField(
        verbose_name, max_length=7, default=default, validators=[colour_validator], help_text=help_text
    )


class ZoneKind(models.TextChoices):
    HEADLINE = "headline", _("Headline")
    SUBLINE = "subline", _("Sub-line")
    ORGANISATION = "organisation", _("Organisation or municipality")
    CTA = "cta", _("Call to action")
    LOGO = "logo", _("Logo")
    PHOTO = "photo", _("Photo")


class Align(models.TextChoices):
    LEFT = "left", _("Left")
    CENTER = "center", _("Centre")
    RIGHT = "right", _("Right")


class VerticalAlign(models.TextChoices):
    TOP = "top", _("Top")
    MIDDLE = "middle", _("Middle")
    BOTTOM = "bottom", _("Bottom")


FORMAT_FIELDS = {
    "a4": "offers_a4",
    "a3": "offers_a3",
    "square": "offers_square",
    "story": "offers_story",
    "link": "offers_link",
}


class PosterTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class PosterTemplateForm(WagtailAdminModelForm):
    """Tells the model's clean() whether a photo zone is declared in the (unsaved) zones below it."""

    def clean(self):
        cleaned_data = super().clean()
        formset = getattr(self, "formsets", {}).get("zones")
        if formset is not None:
            kinds = []
            for form in formset.forms:
                data = form.cleaned_data if form.is_valid() else {}
                if data and not data.get("DELETE"):
                    kinds.append(data.get("kind"))
            self.instance._declared_zone_kinds = kinds
        return cleaned_data


class PosterTemplate(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    active = models.BooleanField(_("offered to visitors"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    artwork = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("background artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Fills the whole poster, bleed included. Text on artwork needs a scrim (see below)."),
    )
    background_colour = colour_field(_("background colour"), "#0b5394")
    text_colour = colour_field(_("text colour"), "#ffffff")
    scrim_colour = colour_field(
        _("scrim colour"), "#000000", _("A half-transparent layer behind the texts that keeps them readable.")
    )
    scrim_opacity = models.PositiveSmallIntegerField(
        _("scrim opacity (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    accent_colour = colour_field(_("accent colour"), "#ffd966")
    cta_colour = colour_field(_("call-to-action colour"), "#ffd966")
    cta_text_colour = colour_field(_("call-to-action text colour"), "#1a1a1a")
    offers_a4 = models.BooleanField(_("A4 poster (print PDF)"), default=True)
    offers_a3 = models.BooleanField(_("A3 poster (print PDF)"), default=True)
    offers_square = models.BooleanField(_("square post 1080 × 1080"), default=True)
    offers_story = models.BooleanField(_("story 1080 × 1920"), default=True)
    offers_link = models.BooleanField(_("link preview 1200 × 630"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PosterTemplateQuerySet.as_manager()

    base_form_class = PosterTemplateForm
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("background_colour"), FieldPanel("text_colour")]),
                FieldRowPanel([FieldPanel("scrim_colour"), FieldPanel("scrim_opacity")]),
                FieldRowPanel([FieldPanel("accent_colour"), FieldPanel("cta_colour"), FieldPanel("cta_text_colour")]),
            ],
            heading=_("Colours"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in FORMAT_FIELDS.values()],
            heading=_("Formats"),
        ),
        InlinePanel("zones", heading=_("Layout zones"), label=_("zone"), min_num=1),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("poster template")
        verbose_name_plural = _("poster templates")

    def __str__(self):
        return self.name

    @property
    def formats(self):
        return [key for key, name in FORMAT_FIELDS.items() if getattr(self, name)]

    def zone_kinds(self):
        return {zone.kind for zone in self.zones.all()}

    def _zone_kinds(self):
        declared = getattr(self, "_declared_zone_kinds", None)
        if declared is not None:
            return set(declared)
        return self.zone_kinds()

    def clean(self):
        super().clean()
        errors = {}
        if not self.formats:
            errors["offers_square"] = _("Choose at least one format.")
        colours = [
            self.background_colour,
            self.text_colour,
            self.scrim_colour,
            self.cta_colour,
            self.cta_text_colour,
        ]
        if any(not colour_validator.regex.match(colour or "") for colour in colours):
            if errors:
                raise ValidationError(errors)
            return  # the colour fields report their own errors
        opacity = (self.scrim_opacity or 0) / 100
        unknown_beneath = bool(self.artwork_id) or ZoneKind.PHOTO in self._zone_kinds()
        ratio = engine.worst_contrast(
            self.text_colour, self.scrim_colour, opacity, None if unknown_beneath else self.background_colour
        )
        if ratio < MIN_CONTRAST:
            if unknown_beneath:
                message = _(
                    "The text colour has too little contrast (%(ratio).1f:1, at least 4.5:1 is needed) on what "
                    "may be behind it: the artwork or a photo. Choose a darker or lighter scrim, a higher scrim "
                    "opacity or another text colour."
                )
            else:
                message = _(
                    "The text colour has too little contrast with the background (%(ratio).1f:1, at least 4.5:1 "
                    "is needed). Choose another text or background colour, or a scrim."
                )
            errors["text_colour"] = message % {"ratio": ratio}
        cta_ratio = engine.contrast_ratio(self.cta_text_colour, self.cta_colour)
        if cta_ratio < MIN_CONTRAST:
            errors["cta_text_colour"] = _(
                "The call-to-action text has too little contrast with its button (%(ratio).1f:1, at least 4.5:1 is "
                "needed)."
            ) % {"ratio": cta_ratio}
        if errors:
            raise ValidationError(errors)

    def zones_for(self, format_key):
        """The zones used in `format_key`: per kind the zone made for that format, else the one for all formats."""
        zones = list(self.zones.all())
        chosen = {}
        for zone in zones:
            if not zone.format_key:
                chosen.setdefault(zone.kind, zone)
        for zone in zones:
            if zone.format_key == format_key:
                chosen[zone.kind] = zone
        return [zone.as_engine_zone() for zone in chosen.values()]

    def artwork_image(self):
        if not self.artwork_id:
            return None
        artwork = self.artwork
        return _load_artwork(artwork.pk, artwork.file.name, artwork.file.storage)

    def design(self, format_key):
        return engine.Design(
            background=self.background_colour,
            text=self.text_colour,
            scrim=self.scrim_colour,
            scrim_opacity=(self.scrim_opacity or 0) / 100,
            accent=self.accent_colour,
            cta_background=self.cta_colour,
            cta_text=self.cta_text_colour,
            artwork=self.artwork_image(),
            zones=self.zones_for(format_key),
        )


@functools.lru_cache(maxsize=6)
def _load_artwork(pk, name, storage):
    """The artwork decoded once per process (per file name: a new file is a new name), scaled to print size."""
    with storage.open(name, "rb") as handle:
        image = Image.open(handle)
        image.draft("RGB", (ARTWORK_MAX_SIDE, ARTWORK_MAX_SIDE))
        image = image.convert("RGB")
    image.thumbnail((ARTWORK_MAX_SIDE, ARTWORK_MAX_SIDE), Image.Resampling.LANCZOS)
    return image


def percentage(verbose_name, default):
    return models.PositiveSmallIntegerField(
        verbose_name, default=default, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class PosterZone(Orderable):
    template = ParentalKey(PosterTemplate, on_delete=models.CASCADE, related_name="zones")
    kind = models.CharField(_("what goes here"), max_length=20, choices=ZoneKind.choices)
    format_key = models.CharField(
        _("format"),
        max_length=10,
        blank=True,
        choices=[(key, poster_format.label) for key, poster_format in engine.FORMATS.items()],
        help_text=_("Empty: every format without a zone of its own for this kind."),
    )
    x = percentage(_("left (%)"), 8)
    y = percentage(_("top (%)"), 8)
    width = percentage(_("width (%)"), 84)
    height = percentage(_("height (%)"), 20)
    min_size = models.PositiveSmallIntegerField(
        _("smallest letter (px)"),
        default=28,
        validators=[MinValueValidator(8), MaxValueValidator(400)],
        help_text=_("In pixels on a canvas of 1080 px on its shorter side; scaled for every format."),
    )
    max_size = models.PositiveSmallIntegerField(
        _("largest letter (px)"), default=96, validators=[MinValueValidator(8), MaxValueValidator(400)]
    )
    align = models.CharField(_("alignment"), max_length=10, choices=Align.choices, default=Align.LEFT)
    valign = models.CharField(
        _("vertical alignment"), max_length=10, choices=VerticalAlign.choices, default=VerticalAlign.TOP
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format_key")]),
        FieldRowPanel([FieldPanel("x"), FieldPanel("y"), FieldPanel("width"), FieldPanel("height")]),
        FieldRowPanel([FieldPanel("min_size"), FieldPanel("max_size"), FieldPanel("align"), FieldPanel("valign")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("layout zone")
        verbose_name_plural = _("layout zones")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_format_key_display() or _('all formats')})"

    def clean(self):
        super().clean()
        errors = {}
        if (self.x or 0) + (self.width or 0) > 100:
            errors["width"] = _("The zone runs off the poster: left plus width is more than 100%.")
        if (self.y or 0) + (self.height or 0) > 100:
            errors["height"] = _("The zone runs off the poster: top plus height is more than 100%.")
        if not self.width:
            errors["width"] = _("A zone needs a width.")
        if not self.height:
            errors["height"] = _("A zone needs a height.")
        if self.min_size and self.max_size and self.min_size > self.max_size:
            errors["max_size"] = _("The largest letter cannot be smaller than the smallest.")
        if errors:
            raise ValidationError(errors)

    def as_engine_zone(self):
        return engine.Zone(
            self.kind, self.x, self.y, self.width, self.height, self.min_size, self.max_size, self.align, self.valign
        )


def _upload_path(instance, filename):
    return f"poster-uploads/{filename}"


class PosterUpload(models.Model):
    """A visitor's photo or logo, checked and without metadata, kept under a random token for a short time.

    Nothing about the visitor is stored; ``purge_poster_uploads`` deletes rows and files after
    ``POSTER_UPLOAD_LIFETIME``.
    """

    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    kind = models.CharField(max_length=10, choices=[("photo", _("Photo")), ("logo", _("Logo"))])
    file = models.FileField(upload_to=_upload_path)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("poster upload")
        verbose_name_plural = _("poster uploads")

    def __str__(self):
        return self.token

    def open_image(self):
        with self.file.open("rb") as handle:
            image = Image.open(handle)
            image.load()
        return image


class PosterMakerPage(BasePage):
    """The poster maker: choose a template, type texts, preview, download PNG or PDF. No account needed."""

    template = "campaign_posters/poster_maker_page.html"
    parent_page_types = ["campaign.CampaignIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("poster maker")

    def get_context(self, request, *args, **kwargs):
        from .views import maker_context

        context = super().get_context(request, *args, **kwargs)
        context.update(maker_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        status = (getattr(response, "context_data", None) or {}).get("poster_status", 200)
        if status != 200:
            response.status_code = status  # an unknown template: the list again, as a 404 (never cached)
        return response
