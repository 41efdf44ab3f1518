"""Checking uploaded PDFs by their content, and extracting their text for search.

``check_pdf`` refuses (``ValidationError`` with a Dutch message) what is not a real PDF by its bytes, is too
big, cannot be parsed, is encrypted, or carries JavaScript, launch actions or embedded files. It warns (does
not refuse) when the PDF is not accessible: untagged, no document language, no title. Municipalities must
publish accessible documents, so the editor sees what to fix.
"""

import io
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

MAX_PDF_SIZE = 15 * 1024 * 1024
MAX_PAGES = 500
# Search needs the words, not the whole book: text extraction stops at these bounds.
MAX_TEXT_PAGES = 100
MAX_TEXT_CHARS = 100_000
MAX_WALK = 5_000
# Bytes that mean active content or attachments wherever they occur (uncompressed objects).
FORBIDDEN_MARKERS = re.compile(rb"/(?:JavaScript|JS|EmbeddedFiles?|Launch|RichMedia|XFA)(?![A-Za-z0-9])")
FORBIDDEN_NAMES = {"/JavaScript", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/Launch", "/RichMedia", "/XFA"}
READ_CHUNK = 1024 * 1024


@dataclass
class PdfReport:
    text: str = ""
    pages: int = 0
    warnings: list = field(default_factory=list)


def _read_bounded(upload):
    """The file's bytes, refusing early (without reading it all) when it is larger than the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PDF_SIZE:
        raise _too_big()
    upload.seek(0)
    chunks, total = [], 0
    while chunk := upload.read(READ_CHUNK):
        total += len(chunk)
        if total > MAX_PDF_SIZE:
            raise _too_big()
        chunks.append(chunk)
    upload.seek(0)
    return b"".join(chunks)


def _too_big():
    return ValidationError(
        _("This PDF is larger than %(limit)d MB. Make the file smaller, for example by compressing the images.")
        % {"limit": MAX_PDF_SIZE // (1024 * 1024)},
        code="pdf_too_big",
    )


def _not_pdf():
    return ValidationError(
        _("This file is not a PDF. Upload the agenda as a PDF document (the file name alone is not enough)."),
        code="not_pdf",
    )


def _active_content():
    return ValidationError(
        _(
            "This PDF contains JavaScript, an action that starts a program or embedded files. "
            "Save it again without these (for example with 'Print to PDF') and upload it again."
        ),
        code="pdf_active_content",
    )


def _walk_forbidden(reader):
    """Look for forbidden names in the document structure (also inside compressed object streams)."""
    seen, stack, steps = set(), [reader.trailer["/Root"]], 0
    while stack and steps < MAX_WALK:
        steps += 1
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in FORBIDDEN_NAMES or (name == "/S" and value in FORBIDDEN_NAMES):
                    return True
                if name in ("/Parent", "/P", "/Font", "/ParentTree"):
                    continue  # back references and fonts: large, never active content
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def check_pdf(upload):
    """Check an uploaded file; return a PdfReport (text and accessibility warnings) or raise ValidationError."""
    data = _read_bounded(upload)
    if b"%PDF-" not in data[:1024]:
        raise _not_pdf()
    if FORBIDDEN_MARKERS.search(data):
        raise _active_content()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected with a password or encryption. Upload a version without protection."),
                code="pdf_encrypted",
            )
        page_count = len(reader.pages)
        if _walk_forbidden(reader):
            raise _active_content()
        catalog = reader.trailer["/Root"].get_object()
        metadata = reader.metadata
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as error:
        logger.info("Unreadable PDF upload: %s", error)
        raise ValidationError(
            _("This PDF is damaged or cannot be read. Save it again as PDF and upload it again."),
            code="pdf_unreadable",
        ) from error
    if page_count == 0:
        raise ValidationError(_("This PDF has no pages."), code="pdf_empty")
    if page_count > MAX_PAGES:
        raise ValidationError(
            _("This PDF has more than %(limit)d pages.") % {"limit": MAX_PAGES}, code="pdf_too_many_pages"
        )
    report = PdfReport(pages=page_count)
    report.warnings = accessibility_warnings(catalog, metadata)
    report.text = extract_text(reader)
    return report


def accessibility_warnings(catalog, metadata):
    warnings = []
    mark_info = catalog.get("/MarkInfo")
    marked = bool(mark_info.get_object().get("/Marked")) if mark_info is not None else False
    if not marked or "/StructTreeRoot" not in catalog:
        warnings.append(_("The PDF is not tagged, so screen readers cannot follow its headings, lists and tables."))
    if not str(catalog.get("/Lang") or "").strip():
        warnings.append(_("The PDF has no document language; set it to Dutch (nl-NL) so it is read aloud in Dutch."))
    title = metadata.title if metadata is not None else None
    if not (title or "").strip():
        warnings.append(_("The PDF has no title in its document properties; give it the title of the agenda."))
    return warnings


def extract_text(reader):
    """The PDF's text for search, bounded in pages and characters; a page that fails is skipped."""
    parts, total = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_TEXT_PAGES or total >= MAX_TEXT_CHARS:
            break
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - a page pypdf cannot read must not stop the upload
            logger.info("Could not extract text from page %d of an uploaded PDF", number + 1)
            continue
        text = " ".join(text.replace("\x00", " ").split())
        parts.append(text)
        total += len(text) + 1
    return " ".join(parts)[:MAX_TEXT_CHARS]
