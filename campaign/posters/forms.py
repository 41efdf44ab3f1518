"""The visitor's poster form: texts, format, optional photo and logo; checks that every text fits."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import engine, uploads

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")

SAMPLE_TEXTS = {
    "headline": gettext_lazy("Volunteers wanted!"),
    "subline": gettext_lazy("Help on Saturday mornings in the community garden. No experience needed."),
    "organisation": gettext_lazy("Municipality of Example"),
    "cta": gettext_lazy("Sign up at example.nl"),
}
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def clean_text(value, multiline=False):
    value = CONTROL_CHARACTERS.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    if multiline:
        paragraphs = [" ".join(line.split()) for line in value.split("\n")]
        return "\n".join(paragraphs[:4]).strip()
    return " ".join(value.split())


class PosterForm(forms.Form):
    template = forms.IntegerField(widget=forms.HiddenInput)
    format = forms.ChoiceField(label=gettext_lazy("Format"), widget=forms.RadioSelect)
    headline = forms.CharField(
        label=gettext_lazy("Headline"), max_length=90, error_messages={"required": gettext_lazy("Type a headline.")}
    )
    subline = forms.CharField(
        label=gettext_lazy("Sub-line"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("At most 200 characters."),
    )
    organisation = forms.CharField(label=gettext_lazy("Organisation or municipality"), max_length=80, required=False)
    cta = forms.CharField(
        label=gettext_lazy("Call to action"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("For example where to sign up."),
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=gettext_lazy(
            "JPEG, PNG or WebP, at most 5 MB. We remove location and camera data and delete the photo after two "
            "hours. Only use photos you may use, of people who agreed."
        ),
    )
    remove_photo = forms.BooleanField(label=gettext_lazy("Remove the photo"), required=False)
    logo = forms.FileField(
        label=gettext_lazy("Logo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=gettext_lazy("PNG with a transparent background works best; at most 5 MB."),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Remove the logo"), required=False)
    photo_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    logo_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, template, accept_files=True, check_all_formats=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.poster_template = template
        self.accept_files = accept_files
        self.check_all_formats = check_all_formats
        self.unfit_formats = {}
        self.fields["format"].choices = [(key, engine.FORMATS[key].label) for key in template.formats]
        self.fields["format"].error_messages["invalid_choice"] = _("This template does not offer that format.")
        if not accept_files:
            for name in ("photo", "logo", "remove_photo", "remove_logo"):
                del self.fields[name]
        else:
            self.fields["photo"].widget.attrs["aria-describedby"] = "id_photo_helptext"
            self.fields["logo"].widget.attrs["aria-describedby"] = "id_logo_helptext"
        if "photo" not in template.zone_kinds():
            self.fields.pop("photo", None)
            self.fields.pop("remove_photo", None)
        if "logo" not in template.zone_kinds():
            self.fields.pop("logo", None)
            self.fields.pop("remove_logo", None)

    def clean_template(self):
        if self.cleaned_data["template"] != self.poster_template.pk:
            raise ValidationError(_("This template does not exist (any more). Choose one from the list."))
        return self.cleaned_data["template"]

    def clean_headline(self):
        value = clean_text(self.cleaned_data["headline"])
        if not value:
            raise ValidationError(_("Type a headline."))
        return value

    def clean_subline(self):
        return clean_text(self.cleaned_data["subline"], multiline=True)

    def clean_organisation(self):
        return clean_text(self.cleaned_data["organisation"])

    def clean_cta(self):
        return clean_text(self.cleaned_data["cta"])

    def _set_data(self, name, value):
        if hasattr(self.data, "_mutable"):
            self.data = self.data.copy()
        else:
            self.data = dict(self.data)
        self.data[name] = value

    def _clean_image(self, kind):
        token_name = f"{kind}_token"
        token = self.cleaned_data.get(token_name) or ""
        if self.cleaned_data.get(f"remove_{kind}"):
            self.cleaned_data[token_name] = ""
            self._set_data(token_name, "")
            return
        upload = self.cleaned_data.get(kind) if self.accept_files else None
        if upload:
            try:
                stored = uploads.store(upload, kind)
            except ValidationError as error:
                self.add_error(kind, error)
                return
            self.cleaned_data[token_name] = stored.token
            self._set_data(token_name, stored.token)
        elif token and uploads.find(token, kind) is None:
            self.cleaned_data[token_name] = ""
            self._set_data(token_name, "")
            message = (
                _("Your photo is no longer available. Upload it again.")
                if kind == "photo"
                else _("Your logo is no longer available. Upload it again.")
            )
            self.add_error(kind if kind in self.fields else None, message)

    def clean(self):
        cleaned_data = super().clean()
        for kind in ("photo", "logo"):
            self._clean_image(kind)
        if self.errors.keys() & set(engine.TEXT_FIELDS) or "format" not in cleaned_data:
            return cleaned_data
        texts = self.texts()
        chosen = cleaned_data["format"]
        formats = self.poster_template.formats if self.check_all_formats else [chosen]
        for format_key in formats:
            try:
                engine.check_fit(self.poster_template, format_key, texts)
            except engine.TextDoesNotFit as error:
                if format_key == chosen:
                    self.add_error(error.field, str(error))
                else:
                    self.unfit_formats[format_key] = str(error)
        return cleaned_data

    def texts(self):
        return {name: self.cleaned_data.get(name, "") for name in engine.TEXT_FIELDS}
