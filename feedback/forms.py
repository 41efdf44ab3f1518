"""The evaluation form and the "Was deze pagina nuttig?" form. Dutch errors, never a server error."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from feedback.models import COMMENT_MAX_LENGTH, MARK_MAX, MARK_MIN, VOTE_COMMENT_MAX_LENGTH

MARK_CHOICES = [(str(mark), str(mark)) for mark in range(MARK_MIN, MARK_MAX + 1)]


class CommentField(forms.CharField):
    """Free text without control characters: they would break the XLSX export (openpyxl refuses them).

    A NUL byte is refused (no editor types it); the others, such as the vertical tab Word pastes for a line break,
    are cleaned: vertical tab and form feed become a line break, the rest is removed.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Django's own NUL check, with our message: one error for one NUL byte, not two.
        self.validators = [
            ProhibitNullCharactersValidator(message=_("Remove the invisible control characters."))
            if isinstance(validator, ProhibitNullCharactersValidator)
            else validator
            for validator in self.validators
        ]

    def to_python(self, value):
        value = super().to_python(value)
        if "\x00" in value:
            return value  # the validator refuses it with a Dutch message
        value = clean_text(value.replace("\x0b", "\n").replace("\x0c", "\n"))
        return value.strip() if self.strip else value


def _comment_field(label, max_length, help_text=""):
    return CommentField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": max_length}),
        error_messages={
            "max_length": _("Keep it to %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )


class EvaluationForm(forms.Form):
    mark = forms.TypedChoiceField(
        label=_("Your mark"),
        choices=MARK_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 is very poor, 10 is excellent."),
        error_messages={
            "required": _("Choose a mark from 1 to 10."),
            "invalid_choice": _("Choose a mark from 1 to 10."),
        },
    )
    useful = _comment_field(_("What was useful?"), COMMENT_MAX_LENGTH, _("Optional."))
    better = _comment_field(_("What could be better?"), COMMENT_MAX_LENGTH, _("Optional."))

    def clean_mark(self):
        mark = self.cleaned_data["mark"]
        if not MARK_MIN <= mark <= MARK_MAX:  # coerce accepts " 7"; the choice check already refuses 0 and 11
            raise forms.ValidationError(_("Choose a mark from 1 to 10."))
        return mark


class PageVoteForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("ja", _("Yes")), ("nee", _("No"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    comment = _comment_field(
        _("Would you like to tell us more? (optional)"),
        VOTE_COMMENT_MAX_LENGTH,
        _("Please do not include personal details such as your name or email address."),
    )
