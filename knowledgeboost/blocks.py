"""StreamField blocks of the knowledgeboost section."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=150)
    role = blocks.CharBlock(
        label=_("role"),
        max_length=150,
        required=False,
        help_text=_("For example: host, speaker, experience expert."),
    )
    organisation = blocks.CharBlock(label=_("organisation"), max_length=150, required=False)

    class Meta:
        icon = "user"
        label = _("Host or speaker")
        template = "components/knowledgeboost/speaker_block.html"
        description = _("A person who hosts or speaks at the session.")
        preview_value = {"name": "Fatima El Amrani", "role": "Gespreksleider", "organisation": "Vereniging NOV"}


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()


class MaterialLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=150)
    url = blocks.URLBlock(label=_("web address"))

    class Meta:
        icon = "link"
        label = _("Material link")
        template = "components/knowledgeboost/material_link_block.html"
        description = _("A link to slides, a handout or another web page shared after the session.")
        preview_value = {"title": "Presentatie (PDF)", "url": "https://example.org/presentatie.pdf"}
