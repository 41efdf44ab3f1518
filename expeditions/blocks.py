"""StreamField blocks of the expeditions: the three lenses and the timeline of phases."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from core.rich_text import LIMITED_FEATURES

from .models.choices import Lens


class LensBlock(blocks.StructBlock):
    lens = blocks.ChoiceBlock(
        label=_("lens"),
        choices=Lens.choices,
        help_text=_("Each lens may appear once per expedition."),
    )
    starting_situation = blocks.RichTextBlock(
        label=_("starting situation"),
        features=LIMITED_FEATURES,
        help_text=_("How did the organisation score on this lens when the expedition began? Be concrete."),
    )
    actions = blocks.RichTextBlock(
        label=_("actions"),
        features=LIMITED_FEATURES,
        required=False,
        help_text=_("What did the organisation do to improve? A short list works well."),
    )

    class Meta:
        icon = "view"
        label = _("Lens")
        template = "components/expeditions/lens_block.html"
        description = _("The starting situation and the actions for one of the three lenses.")
        preview_value = {
            "lens": Lens.ACCESSIBILITY,
            "starting_situation": "<p>Vrijwilligers moesten zich aanmelden met een formulier van vier pagina's.</p>",
            "actions": "<ul><li>Aanmelden kan nu met een kort gesprek bij de koffie.</li></ul>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lens_label"] = Lens(value["lens"]).label if value.get("lens") in Lens.values else ""
        return context


class LensStreamBlock(blocks.StreamBlock):
    lens = LensBlock()

    class Meta:
        block_counts = {"lens": {"max_num": 3}}

    def clean(self, value):
        cleaned = super().clean(value)
        seen = set()
        errors = {}
        for position, child in enumerate(cleaned):
            lens = child.value.get("lens")
            if lens in seen:
                errors[position] = StructBlockValidationError(
                    block_errors={"lens": [_("This lens is already described above.")]}
                )
            seen.add(lens)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return cleaned


class PhaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"), max_length=120, help_text=_("A short name for the phase, e.g. 'Kick-off' or 'Action week'.")
    )
    start_date = blocks.DateBlock(label=_("start date"))
    end_date = blocks.DateBlock(
        label=_("end date"), required=False, help_text=_("Leave empty for a phase of a single day.")
    )
    description = blocks.TextBlock(
        label=_("description"),
        required=False,
        max_length=600,
        help_text=_("What happened in this phase, in one to three sentences."),
    )

    class Meta:
        icon = "date"
        label = _("Phase")
        template = "components/expeditions/phase_block.html"
        description = _("One phase of the expedition with its dates.")
        preview_value = {
            "title": "Startbijeenkomst",
            "start_date": "2021-03-02",
            "description": "Bestuur en vrijwilligers bekijken samen hoe aantrekkelijk de club is.",
        }

    def clean(self, value):
        result = super().clean(value)
        start, end = result.get("start_date"), result.get("end_date")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={"end_date": [_("The end date cannot be before the start date.")]}
            )
        return result


class TimelineBlock(blocks.StreamBlock):
    phase = PhaseBlock()
