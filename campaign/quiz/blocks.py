"""What editors build questionnaires from: the test's questions with scored answers, the plan's choices."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class AnswerBlock(blocks.StructBlock):
    answer = blocks.CharBlock(label=_("answer"), max_length=200)
    profiles = blocks.CharBlock(
        label=_("profiles"),
        max_length=200,
        help_text=_(
            "Key of the profile this answer counts for, for example 'verbinder'; several: separate them by commas."
        ),
    )
    points = blocks.IntegerBlock(
        label=_("points"), min_value=1, max_value=10, default=1, help_text=_("Added to each profile named.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")
        description = _("One answer a visitor can choose, and the profiles it adds points to.")
        preview_value = {"answer": "Ik breng mensen bij elkaar", "profiles": "verbinder", "points": 1}


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    help_text = blocks.CharBlock(label=_("explanation"), max_length=300, required=False)
    answers = blocks.ListBlock(AnswerBlock(), label=_("answers"), min_num=2, max_num=8)

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("One step of the test: a question with two to eight answers.")
        preview_value = {
            "question": "Wat doe je het liefst op een vrije zaterdag?",
            "answers": [
                {"answer": "Een buurtfeest organiseren", "profiles": "verbinder", "points": 1},
                {"answer": "De handen uit de mouwen", "profiles": "doener", "points": 1},
            ],
        }


def _validate_key(value):
    try:
        validate_slug(value)
    except ValidationError as error:
        raise ValidationError(
            _("Use lowercase letters, digits and hyphens only, for example 'weinig-tijd'.")
        ) from error


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("option"), max_length=150)
    key = blocks.CharBlock(
        label=_("key"),
        max_length=50,
        validators=[_validate_key],
        help_text=_("Short name the steps' rules use, for example 'weinig-tijd'. Unique within the plan."),
    )

    class Meta:
        icon = "tick"
        label = _("Option")
        preview_value = {"label": "Een paar uur per maand", "key": "weinig-tijd"}


class ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    key = blocks.CharBlock(
        label=_("key"),
        max_length=30,
        validators=[_validate_key],
        help_text=_("Short name in the web address, for example 'tijd'."),
    )
    help_text = blocks.CharBlock(label=_("explanation"), max_length=300, required=False)
    multiple = blocks.BooleanBlock(
        label=_("several answers allowed"), required=False, help_text=_("Checkboxes instead of one choice.")
    )
    options = blocks.ListBlock(OptionBlock(), label=_("options"), min_num=2, max_num=12)

    def clean(self, value):
        value = super().clean(value)
        keys = [option["key"] for option in value["options"]]
        if len(keys) != len(set(keys)):
            raise StructBlockValidationError({"options": ValidationError(_("Give every option its own key."))})
        return value

    class Meta:
        icon = "list-ul"
        label = _("Choice")
        description = _("A choice the municipality makes, with its options.")
        preview_value = {
            "question": "Hoeveel tijd heeft u?",
            "key": "tijd",
            "options": [{"label": "Weinig", "key": "weinig-tijd"}, {"label": "Veel", "key": "veel-tijd"}],
        }
