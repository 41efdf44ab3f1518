from django import forms
from django.utils.translation import gettext_lazy as _


class TaxonomyFilterForm(forms.Form):
    """Filter by one theme and one audience (GET; works without JavaScript). Unknown values are ignored."""

    theme = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Theme"), empty_label=_("All themes")
    )
    audience = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label=_("Audience"), empty_label=_("All audiences")
    )

    def __init__(self, data=None, *, themes, audiences, prefix_id="filter", **kwargs):
        super().__init__(data, auto_id=f"{prefix_id}-%s", **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["audience"].queryset = audiences

    def filters(self):
        """(theme, audience): the valid choices made, None for each one not chosen or not valid."""
        if not self.is_bound:
            return None, None
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("theme"), cleaned.get("audience")

    @property
    def is_filtered(self):
        return any(self.filters())
