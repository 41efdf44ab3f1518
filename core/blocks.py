"""StreamField blocks shared by every section."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.rich_text import PARAGRAPH_FEATURES


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Use heading 2 for main sections; never skip a level."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/streamfield/heading_block.html"
        description = _("A section heading that also appears in the outline for screen readers.")
        preview_value = {"text": "Nieuwe gezichten werven", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/streamfield/paragraph_block.html"
        description = _("Running text with limited formatting.")
        preview_value = "<p>Vrijwilligers maken het verschil in elke gemeente.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/image_block.html"
        description = _("An image with a required alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("attribution"), max_length=150, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/streamfield/quote_block.html"
        description = _("A quotation with the name of the person who said it.")
        preview_value = {
            "quote": "Door de expeditie kijken we anders naar onze eigen club.",
            "attribution": "Coördinator van een sportvereniging",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    link_text = blocks.CharBlock(label=_("link text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external link"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "components/streamfield/call_to_action_block.html"
        description = _("A highlighted invitation with one link to a page or a web address.")
        preview_value = {
            "title": "Doe mee met een expeditie",
            "text": "Ontdek hoe jouw organisatie nieuwe vrijwilligers bereikt.",
            "link_text": "Meer over de expedities",
            "url": "https://example.org/",
        }

    def clean(self, value):
        result = super().clean(value)
        if bool(result.get("page")) == bool(result.get("url")):
            message = _("Choose either a page or an external link.")
            raise StructBlockValidationError(block_errors={"page": [message], "url": [message]})
        return result


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), max_length=150, required=False, help_text=_("Empty: the document title is used.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/streamfield/document_link_block.html"
        description = _("A download link that shows the file type and size.")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=PARAGRAPH_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion (FAQ)")
        template = "components/streamfield/accordion_block.html"
        description = _("Questions that open to show their answer; works without JavaScript.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [
                {"question": "Wat kost deelname?", "answer": "<p>Deelname is gratis voor organisaties.</p>"},
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document_link = DocumentLinkBlock()
    accordion = AccordionBlock()
