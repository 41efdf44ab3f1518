from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import clean_text


class EventChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


class RegistrationForm(forms.Form):
    """Register for one event, or for several events at once (``multiple``). No account needed.

    A section with its own wording subclasses it and names the class in ``events.registry.register``.
    The choice of events (``multiple``) is posted as ``sessions``, the name the first section gave it.
    """

    sessions = EventChoiceField(
        queryset=None,
        label=_("Events"),
        error_messages={
            "required": _("Choose at least one event."),
            "invalid_choice": _("Choose events from the list."),
            "invalid_pk_value": _("Choose events from the list."),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send the confirmation and the meeting link to this address."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        error_messages={"required": _("Enter the organisation you work or volunteer for.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    municipality = forms.CharField(label=_("Municipality (optional)"), max_length=100, required=False)
    needs = forms.CharField(
        label=_("What do you need to take part? (optional)"),
        help_text=_("For example a sign language interpreter, live captions or extra breaks."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that these details are used to organise the event."),
        error_messages={"required": _("Tick the box to agree to the use of your details.")},
    )
    # Honeypot: hidden from people, filled in by spam bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, sessions=None, multiple=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = multiple
        self.fixed_sessions = list(sessions or [])
        if multiple:
            ids = [event.pk for event in self.fixed_sessions]
            page_model = type(self.fixed_sessions[0]) if self.fixed_sessions else None
            queryset = page_model.objects.filter(pk__in=ids).order_by("start") if page_model else None
            self.fields["sessions"].queryset = queryset
        else:
            del self.fields["sessions"]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def full_clean(self):
        super().full_clean()
        # Point every invalid field at its error message (and keep its help text described).
        for name in self.errors:
            if name not in self.fields or name == "sessions":
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def selected_session_ids(self):
        if not self.multiple:
            return set()
        return {str(value) for value in (self.data.getlist(self.add_prefix("sessions")) if self.is_bound else [])}

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))

    def chosen_sessions(self):
        if self.multiple:
            return list(self.cleaned_data["sessions"])
        return self.fixed_sessions

    def person(self):
        data = self.cleaned_data
        keys = ("name", "email", "organisation", "municipality", "needs")
        return {key: clean_text(data.get(key, "")).strip() for key in keys}

    def personal_fields(self):
        return [self[name] for name in ("name", "email", "organisation", "municipality", "needs")]
