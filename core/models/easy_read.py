"""Easy-read versions (Makkelijk lezen, language level B1) of content pages, lessons, stories and agendas.

Editors write the easy-read version on its own tab; visitors switch with two links (``?leesversie=…``), which
set a functional cookie and send them back to the page. Whoever chose easy-read gets it by default on every page
that has one. The page cache keeps both versions apart (``core.caching.reading_variant``).
"""

import math

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from core.caching import READING_COOKIE, READING_EASY, READING_STANDARD, reading_variant
from core.readability import page_text
from core.rich_text import LIMITED_FEATURES

# What the switch links ask for, as the query parameter ``leesversie``.
SWITCH_PARAMETER = "leesversie"
SWITCH_VALUES = {READING_EASY, READING_STANDARD}
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
WORDS_PER_MINUTE = 200


def reading_minutes(text):
    """Minutes to read ``text`` at about 200 words a minute: at least one."""
    words = len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class EasyReadMixin(models.Model):
    """An optional easy-read version of a page, on its own editor tab, with the readability of both versions."""

    easy_read_introduction = models.TextField(
        _("easy-read introduction"),
        blank=True,
        max_length=600,
        help_text=_("Optional: one or two short sentences at the top of the easy-read version."),
    )
    easy_read_body = RichTextField(
        _("easy-read text"),
        blank=True,
        features=[*LIMITED_FEATURES, "h2", "h3"],
        help_text=_(
            "The whole page in easy Dutch (language level B1): short sentences, common words, one idea per "
            "sentence. Empty: the page has no easy-read version."
        ),
    )

    easy_read_panels = [FieldPanel("easy_read_introduction"), FieldPanel("easy_read_body")]

    # Fields of the standard version that are not read for its readability or reading time.
    readability_exclude = ()

    search_fields = [index.SearchField("easy_read_body")]

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs (content, promote, settings) with an easy-read tab after the content, each text tab
        with a readability panel."""
        from core.readability_panels import ReadabilityPanel

        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        tabs = [
            ObjectList(
                [*cls.content_panels, ReadabilityPanel(version=READING_STANDARD)],
                heading=_("Content"),
            ),
            ObjectList(
                [*cls.easy_read_panels, ReadabilityPanel(version=READING_EASY)],
                heading=_("Easy read (B1)"),
            ),
        ]
        if cls.promote_panels:
            tabs.append(ObjectList(cls.promote_panels, heading=_("Promote")))
        if cls.settings_panels:
            tabs.append(ObjectList(cls.settings_panels, heading=_("Settings")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    # --- Which version ---------------------------------------------------------------------------------

    @property
    def has_easy_read(self):
        return bool(self.easy_read_body and self.easy_read_body.strip())

    def easy_read_active(self, request):
        return self.has_easy_read and reading_variant(request) == READING_EASY

    def serve(self, request, *args, **kwargs):
        choice = request.GET.get(SWITCH_PARAMETER)
        if choice is not None and request.method in ("GET", "HEAD"):
            return self.switch_reading_version(request, choice)
        return super().serve(request, *args, **kwargs)

    def switch_reading_version(self, request, choice):
        """Remember the visitor's choice in a functional cookie and show the page again, at the switch, with the
        rest of the query string (filters, ?page=) kept."""
        query = request.GET.copy()
        query.pop(SWITCH_PARAMETER, None)
        target = f"{request.path}?{query.urlencode()}" if query else request.path
        response = HttpResponseRedirect(f"{target}#leesversie")
        if choice in SWITCH_VALUES:
            response.set_cookie(
                READING_COOKIE,
                choice,
                max_age=COOKIE_MAX_AGE,
                samesite="Lax",
                httponly=True,
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False) or request.is_secure(),
            )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        active = self.easy_read_active(request)
        context["easy_read"] = {"available": self.has_easy_read, "active": active}
        context["reading_minutes"] = reading_minutes(self.easy_read_text() if active else self.standard_text())
        return context

    # --- Text, for readability and reading time --------------------------------------------------------------

    def standard_text(self):
        """The text of the standard version: the rich text, stream and text fields on the content tab."""
        return page_text(self, self.standard_text_fields())

    def easy_read_text(self):
        return page_text(self, ["easy_read_introduction", "easy_read_body"])

    @classmethod
    def standard_text_fields(cls):
        from django.db.models import TextField
        from wagtail.fields import StreamField

        names = []
        for panel in cls.content_panels:
            for name in _panel_field_names(panel):
                try:
                    field = cls._meta.get_field(name)
                except Exception:  # noqa: S112 - a panel of a relation or a non-field
                    continue
                if isinstance(field, TextField | StreamField) and name not in cls.readability_exclude:
                    names.append(name)
        return names


def _panel_field_names(panel):
    field_name = getattr(panel, "field_name", None)
    if field_name:
        yield field_name
    for child in getattr(panel, "children", ()):
        yield from _panel_field_names(child)
