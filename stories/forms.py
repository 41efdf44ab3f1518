from django import forms
from django.utils.translation import gettext_lazy as _


class StoryFilterForm(forms.Form):
    """Filter stories by one theme and one audience (GET; works without JavaScript). Unknown values are ignored."""

    theme = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Theme"), empty_label=_("All themes")
    )
    audience = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Audience"), empty_label=_("All audiences")
    )

    def __init__(self, data=None, *, themes, audiences, **kwargs):
        super().__init__(data, auto_id="filter-%s", **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["audience"].queryset = audiences

    def filters(self):
        if not self.is_bound:
            return None, None
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("theme"), cleaned.get("audience")

    @property
    def is_filtered(self):
        return any(self.filters())
