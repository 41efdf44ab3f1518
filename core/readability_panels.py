"""The readability panel on the editor's content and easy-read tabs (core.readability), updated as the editor
types by core/static/core/js/readability.js through an admin-only JSON endpoint (core.readability_admin)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from core.caching import READING_EASY
from core.readability import analyse

LEVEL_LABELS = {
    "empty": _("No text yet."),
    "easy": _("Easy to read."),
    "b1": _("About language level B1: easy enough for most readers."),
    "fairly-hard": _("Fairly hard: shorter sentences and shorter words help."),
    "hard": _("Hard: above language level B1 for many readers."),
    "very-hard": _("Very hard: as hard as legal or policy text."),
}


def analysis_payload(analysis):
    payload = analysis.as_dict()
    payload["level_label"] = str(LEVEL_LABELS[payload["level"]])
    return payload


class ReadabilityPanel(Panel):
    def __init__(self, version, **kwargs):
        kwargs.setdefault("heading", _("Readability"))
        super().__init__(**kwargs)
        self.version = version

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["version"] = self.version
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            easy = self.panel.version == READING_EASY
            text = page.easy_read_text() if easy else page.standard_text()
            context.update(
                analysis=analysis_payload(analyse(text)),
                version=self.panel.version,
                endpoint=reverse("core_readability"),
                easy=easy,
            )
            return context

        @property
        def media(self):
            return forms.Media(js=["core/js/readability.js"], css={"all": ["core/css/readability.css"]})
