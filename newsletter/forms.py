from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Audience, Theme
from newsletter.subscriptions import CONSENT_TEXT

EMAIL_MAX_LENGTH = 254


class ChoicesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every theme."),
        error_messages={
            "invalid_choice": _("Choose themes from the list."),
            "invalid_pk_value": _("Choose themes from the list."),
            "invalid_list": _("Choose themes from the list."),
        },
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences"),
        queryset=Audience.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get content for every audience."),
        error_messages={
            "invalid_choice": _("Choose audiences from the list."),
            "invalid_pk_value": _("Choose audiences from the list."),
            "invalid_list": _("Choose audiences from the list."),
        },
    )

    def full_clean(self):
        super().full_clean()
        # Fields with an error say so to assistive technology, and point to their message.
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and not getattr(field.widget, "allow_multiple_selected", False):
                field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})

    def clean(self):
        cleaned = super().clean()
        # More values than there are terms can only come from a tampered form.
        for name in ("themes", "audiences"):
            if len(self.data.getlist(name) if hasattr(self.data, "getlist") else []) > 200:
                self.add_error(name, _("Choose from the list."))
        return cleaned


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.nl."),
            "max_length": _("An email address has at most 254 characters."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, otherwise we cannot send you the newsletter.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    field_order = ["email", "themes", "audiences", "consent", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        value = self.cleaned_data["email"]
        if "\x00" in value:
            raise forms.ValidationError(_("Enter an email address like name@example.nl."))
        return value.strip().lower()

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
