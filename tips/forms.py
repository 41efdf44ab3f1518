from django import forms
from django.utils.translation import gettext_lazy as _


class TipImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An .xlsx or .csv file (UTF-8, separated by ; or ,) with the columns titel, tekst and optionally "
            "doelgroep, thema and tags. The first row holds the column names."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace all tips of this collection"),
        required=False,
        help_text=_("Without this option the imported tips are added after the existing ones."),
    )
