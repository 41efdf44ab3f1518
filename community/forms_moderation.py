"""The report form on the public site, and the small forms of the moderation screens in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import ReportReason
from community.moderation import EXPLANATION_MAX_LENGTH, REASON_MAX_LENGTH
from core.text import clean_text


class AccessibleFormMixin:
    """Invalid fields point at their error message (aria-describedby, aria-invalid); help texts are described."""

    def _describe(self):
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if self._errors is not None and name in self._errors:
                described.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if field.help_text:
                described.append(f"{bound.auto_id}-help")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self):
        super().full_clean()
        self._describe()


class ReportForm(AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this post?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose why you report this post."),
            "invalid_choice": _("Choose one of the reasons in the list."),
        },
    )
    explanation = forms.CharField(
        label=_("Explanation (optional)"),
        help_text=_("Only the moderators read this."),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Use at most 1000 characters.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        self._describe()
        self.fields["explanation"].error_messages["null_characters_not_allowed"] = _(
            "Remove the invisible control characters from this field."
        )

    def clean_explanation(self):
        return clean_text(self.cleaned_data["explanation"]).strip()

    @property
    def first_error_id(self):
        """Where a link in the error summary takes you: the first radio button of the reasons."""
        return f"{self['reason'].auto_id}_0"


class ReasonForm(forms.Form):
    """The reason of a moderator action (optional, except for blocking)."""

    reason = forms.CharField(required=False, max_length=REASON_MAX_LENGTH)

    def clean_reason(self):
        return clean_text(self.cleaned_data["reason"]).strip()
