"""The stappen- en keuzeplan as a printable PDF: real text (fpdf2) in the open-licence font the poster maker ships."""

from html import unescape
from pathlib import Path

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent.parent / "posters" / "fonts"


def _plain(html):
    """Rich text as plain paragraphs (lists become lines with a dash)."""
    text = html or ""
    for tag in ("</p>", "</li>", "<br>", "<br/>", "<br />"):
        text = text.replace(tag, "\n")
    text = text.replace("<li>", "- ")
    return "\n".join(line.strip() for line in unescape(strip_tags(text)).splitlines() if line.strip())


class PlanPDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, _("Page %(number)s") % {"number": self.page_no()}, align="C")


def _absolute(url, base_url):
    return url if not url or url.startswith(("http://", "https://")) else base_url.rstrip("/") + url


def plan_pdf(page, summary, steps, related=(), base_url=""):
    """The plan as PDF bytes: the choices, the steps with their materials, then ``related`` (``[(kind, items)]``, as
    the page shows under "Tips, materials and sessions that fit") with each item's address."""
    pdf = PlanPDF(format="A4")
    pdf.set_title(page.title)
    pdf.set_lang("nl")
    pdf.set_creator("Kennisplatform")
    pdf.set_subject(_("Your step-and-choice plan"))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(width, 10, page.title)
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(width, 7, _("Your choices"))
    pdf.set_font("DejaVu", size=11)
    for question, options in summary:
        answer = ", ".join(option.label for option in options) or _("no choice")
        pdf.multi_cell(width, 6, f"{question.text} {answer}")
    pdf.ln(4)

    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(width, 7, _("Your steps"))
    if not steps:
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(width, 6, _("No steps fit these choices. Change your choices to get a plan."))
    for number, step in enumerate(steps, start=1):
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 7, f"{number}. {step.title}")
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(width, 6, _plain(step.text))
        links = []
        if step.material_page_id and step.material_page:
            links.append((step.material_page.title, step.material_page.full_url or ""))
        if step.material_document_id and step.material_document:
            links.append((step.material_document.title, _absolute(step.material_document.url, base_url)))
        for title, url in links:
            pdf.multi_cell(width, 6, _("Material: %(title)s %(url)s") % {"title": title, "url": url})

    if related:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(width, 7, _("Tips, materials and sessions that fit"))
        for kind, items in related:
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(width, 7, str(kind.label))
            pdf.set_font("DejaVu", size=11)
            for item in items:
                pdf.multi_cell(width, 6, f"- {item.title} {_absolute(item.url, base_url)}")
    return bytes(pdf.output())
