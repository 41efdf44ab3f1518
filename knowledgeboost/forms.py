from django.utils.translation import gettext_lazy as _

from events.forms import EventChoiceField, RegistrationForm


class SessionRegistrationForm(RegistrationForm):
    """The engine's registration form in the words of the Kennisboostweken: sessions."""

    sessions = EventChoiceField(
        queryset=None,
        label=_("Sessions"),
        error_messages={
            "required": _("Choose at least one session."),
            "invalid_choice": _("Choose sessions from the list."),
            "invalid_pk_value": _("Choose sessions from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _("I agree that these details are used to organise the session.")
