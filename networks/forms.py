from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from networks.pdf import check_pdf


class InclusionAgendaPageForm(WagtailAdminPageForm):
    """Checks uploaded agenda PDFs by their content and keeps their text and accessibility warnings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pdf_reports = {}
        if "life_domains" in self.fields:
            self.fields["life_domains"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["life_domains"].choices
            )

    def _clean_pdf(self, name):
        upload = self.cleaned_data.get(name)
        if isinstance(upload, UploadedFile):
            self.pdf_reports[name] = check_pdf(upload)
        return upload

    def clean_agenda_pdf(self):
        return self._clean_pdf("agenda_pdf")

    def clean_easy_read_pdf(self):
        return self._clean_pdf("easy_read_pdf")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned

    @staticmethod
    def document_labels():
        return {"agenda_pdf": _("Agenda"), "easy_read_pdf": _("Easy-read version")}

    def save(self, commit=True):
        page = super().save(commit=False)
        if "agenda_pdf" in self.pdf_reports:
            page.pdf_text = self.pdf_reports["agenda_pdf"].text
        elif not page.agenda_pdf:
            page.pdf_text = ""
        # Warnings per document, each line starting with the document's label: a new upload (or removing the
        # file) replaces that document's lines and keeps the other's.
        lines = page.accessibility_warnings
        for name, label in self.document_labels().items():
            if name in self.pdf_reports or not getattr(page, name):
                lines = [line for line in lines if not line.startswith(f"{label}: ")]
            if name in self.pdf_reports:
                lines += [f"{label}: {warning}" for warning in self.pdf_reports[name].warnings]
        page.pdf_warnings = "\n".join(lines)
        if commit:
            page.save()
            self.save_m2m()
        return page
