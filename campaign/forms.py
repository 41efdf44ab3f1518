"""The forms of the campaign section: registering a local action, and the GET filters of the listings."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from campaign.models import CampaignWeekPage, LocalAction, MaterialType
from campaign.models.actions import (
    DESCRIPTION_MAX,
    ORGANISATION_MAX,
    PLACE_MAX,
    TITLE_MAX,
    URL_MAX,
    http_url_validator,
)
from core.models import Province
from core.text import clean_text

EMAIL_MAX = 254
# How far before the first or after the last day of the week an action may take place.
DATE_MARGIN = datetime.timedelta(days=7)
SEARCH_MAX = 100
MUNICIPALITY_NAME_MAX = 60
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def _max_length(limit):
    return _("Use at most %(limit)d characters.") % {"limit": limit}


class LocalActionForm(forms.Form):
    """Register a local action for one campaign week. No account needed."""

    title = forms.CharField(
        label=_("Name of the action"),
        max_length=TITLE_MAX,
        help_text=_("For example: Open dag vrijwilligerswerk in de bibliotheek."),
    )
    organisation = forms.CharField(
        label=_("Organisation or municipality"),
        max_length=ORGANISATION_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    place = forms.CharField(
        label=_("Place"), max_length=PLACE_MAX, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    province = forms.ChoiceField(label=_("Province"), choices=[("", _("Choose a province")), *Province.choices])
    date = forms.DateField(
        label=_("Date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=DESCRIPTION_MAX,
        help_text=_("What happens, for whom, and how people can join. At most 1000 characters."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    link = forms.CharField(
        label=_("Link (optional)"),
        max_length=URL_MAX,
        required=False,
        help_text=_("A web page with more information, starting with https:// or http://."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX,
        help_text=_("We send the confirmation to this address. It is never shown on the site."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot: hidden from people (and from assistive technology), filled in by spam bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    FIELDS = ("title", "organisation", "place", "province", "date", "description", "link", "email")
    REQUIRED_MESSAGES = {
        "title": _("Enter the name of the action."),
        "organisation": _("Enter your organisation or municipality."),
        "place": _("Enter the place where the action takes place."),
        "province": _("Choose the province."),
        "date": _("Enter the date of the action."),
        "description": _("Describe the action in a few sentences."),
        "email": _("Enter your email address."),
    }

    def __init__(self, *args, week, **kwargs):
        kwargs.setdefault("auto_id", "action-%s")
        super().__init__(*args, **kwargs)
        self.week = week
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["date"].help_text = _(
            "Between %(start)s and %(end)s: during the campaign week or the week before or after it."
        ) % {"start": formats.date_format(self.earliest, "j F Y"), "end": formats.date_format(self.latest, "j F Y")}
        for name in self.FIELDS:
            field = self.fields[name]
            if name in self.REQUIRED_MESSAGES:
                field.error_messages["required"] = self.REQUIRED_MESSAGES[name]
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = _max_length(field.max_length)
            field.error_messages["null_characters_not_allowed"] = _(
                "Remove the invisible control characters from this field."
            )
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"
        self.fields["province"].error_messages["invalid_choice"] = _("Choose a province from the list.")
        self.fields["date"].error_messages["invalid"] = _("Enter a real date, for example 12-03-2022.")
        self.fields["email"].error_messages["invalid"] = _("Enter an email address like name@example.org.")

    @property
    def earliest(self):
        return self.week.start_date - DATE_MARGIN

    @property
    def latest(self):
        return self.week.end_date + DATE_MARGIN

    def full_clean(self):
        super().full_clean()
        # Point every invalid field at its error message (and keep its help text described).
        for name in self.errors:
            if name not in self.fields:
                continue
            described = [f"{self[name].auto_id}-error"]
            if self.fields[name].help_text:
                described.append(f"{self[name].auto_id}-help")
            self.fields[name].widget.attrs["aria-invalid"] = "true"
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    def _clean_text(self, name):
        return clean_text(self.cleaned_data.get(name, "")).strip()

    def clean_title(self):
        return self._required_text("title")

    def clean_organisation(self):
        return self._required_text("organisation")

    def clean_place(self):
        return self._required_text("place")

    def clean_description(self):
        return self._required_text("description")

    def _required_text(self, name):
        value = self._clean_text(name)
        if not value:
            raise forms.ValidationError(self.REQUIRED_MESSAGES[name], code="required")
        return value

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not self.earliest <= date <= self.latest:
            raise forms.ValidationError(
                _("Choose a date between %(start)s and %(end)s.")
                % {
                    "start": formats.date_format(self.earliest, "j F Y"),
                    "end": formats.date_format(self.latest, "j F Y"),
                },
                code="out_of_range",
            )
        return date

    def clean_link(self):
        link = self._clean_text("link")
        if not link:
            return ""
        if "://" not in link and not link.startswith("//"):
            link = f"https://{link}"
        try:
            http_url_validator(link)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Enter a web address starting with https:// or http://, for example https://www.example.org."),
                code="invalid",
            ) from None
        return link

    def clean_email(self):
        return self._clean_text("email").lower()

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))

    def visible_fields_in_order(self):
        return [self[name] for name in self.FIELDS]

    def save(self):
        data = self.cleaned_data
        return LocalAction.objects.create(week=self.week, **{name: data[name] for name in self.FIELDS})


class ActionFilterForm(forms.Form):
    """Filter approved actions by province, and on the overview also by week and words (GET, no JavaScript).
    Unknown values are ignored, never an error page."""

    q = forms.CharField(label=_("Search actions"), required=False, max_length=SEARCH_MAX)
    week = forms.ModelChoiceField(queryset=None, required=False, label=_("Campaign week"), empty_label=_("All weeks"))
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=[("", _("All provinces")), *Province.choices]
    )

    def __init__(self, data=None, *, weeks=None, **kwargs):
        super().__init__(data, auto_id="filter-%s", **kwargs)
        if weeks is None:
            del self.fields["week"]
            del self.fields["q"]
        else:
            self.fields["week"].queryset = weeks

    def value(self, name):
        """The valid value of one filter, or '' / None when not chosen or not valid."""
        if not self.is_bound or name not in self.fields:
            return None
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name == "q":
            # Too long or with control characters: the cleaned words, cut to the limit (never an error page).
            return clean_text(self.data.get("q", ""))[:SEARCH_MAX].strip()
        return self.cleaned_data.get(name) if name in self.cleaned_data else None

    @property
    def is_filtered(self):
        return any(self.value(name) for name in self.fields)


class MaterialFilterForm(forms.Form):
    """Filter the materials library by type and week; fill the municipality into the social media texts."""

    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *MaterialType.choices])
    week = forms.ModelChoiceField(queryset=None, required=False, label=_("Campaign week"), empty_label=_("All weeks"))
    gemeente = forms.CharField(
        label=_("Your municipality"),
        required=False,
        max_length=MUNICIPALITY_NAME_MAX,
        help_text=_("Fills in the name of your municipality in the social media texts."),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and "gemeente" in data:
            # Shown back in the field as it is used: without control characters, at most 60 characters.
            data = data.copy()
            data["gemeente"] = " ".join(clean_text(data["gemeente"]).split())[:MUNICIPALITY_NAME_MAX]
        super().__init__(data, auto_id="materials-%s", **kwargs)
        self.fields["week"].queryset = CampaignWeekPage.objects.live().public().order_by("start_date", "pk")
        self.fields["gemeente"].widget.attrs["aria-describedby"] = "materials-gemeente-help"

    def value(self, name):
        if not self.is_bound:
            return None
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name == "gemeente":
            return self.data.get("gemeente", "")
        return self.cleaned_data.get(name) if name in self.cleaned_data else None

    @property
    def is_filtered(self):
        return bool(self.value("type") or self.value("week"))
