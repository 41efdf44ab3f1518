"""The match request form on a municipality page: no account, a honeypot and a rate limit (networks.matching)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import clean_text

NAME_MAX = 150
EMAIL_MAX = 254
MUNICIPALITY_MAX = 100
QUESTION_MAX = 2000


class MatchRequestForm(forms.Form):
    """Ask the project team to pair your municipality with the municipality of this page."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        error_messages={"required": _("Enter your name."), "max_length": _("Use at most 150 characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX,
        help_text=_("The project team answers you at this address."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
            "max_length": _("Use at most 254 characters."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = forms.CharField(
        label=_("Your municipality"),
        max_length=MUNICIPALITY_MAX,
        error_messages={
            "required": _("Enter the municipality you work for or live in."),
            "max_length": _("Use at most 100 characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    question = forms.CharField(
        label=_("What do you want to learn?"),
        help_text=_("For example: how they involved residents with lived experience in their agenda."),
        max_length=QUESTION_MAX,
        error_messages={
            "required": _("Tell us what you want to learn from this municipality."),
            "max_length": _("Use at most 2000 characters."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Honeypot: hidden from people (and from assistive technology), filled in by spam bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    FIELDS = ("name", "email", "municipality", "question")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "match-%s")
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name in self.FIELDS:
            if self.fields[name].help_text:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"
        for name in self.FIELDS:
            self.fields[name].error_messages["null_characters_not_allowed"] = _(
                "Remove the invisible control characters from this field."
            )

    def full_clean(self):
        super().full_clean()
        # Point every invalid field at its error message (and keep its help text described).
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}-error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}-help")
            self.fields[name].widget.attrs["aria-invalid"] = "true"
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))

    def request_fields(self):
        """The values to store: control characters removed, surrounding space stripped."""
        data = self.cleaned_data
        return {
            "name": clean_text(data["name"]).strip(),
            "email": clean_text(data["email"]).strip(),
            "requester_municipality": clean_text(data["municipality"]).strip(),
            "question": clean_text(data["question"]).strip(),
        }

    def visible_fields_in_order(self):
        return [self[name] for name in self.FIELDS]
