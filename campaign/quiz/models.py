from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import F
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from campaign.quiz import engine
from campaign.quiz.blocks import ChoiceQuestionBlock, QuestionBlock
from core.models import BasePage

SCORING_RULE = _(
    "How the result is chosen: every chosen answer adds its points to each profile it names. The profile with the "
    "highest total wins; when two or more profiles share the highest total, the one listed first below wins. "
    "Skipped questions add nothing. A visitor who skips every question gets no profile but a friendly request to "
    "answer at least one question."
)

MATCHES_PER_KIND = 3


def related_by_themes(theme_ids, limit=MATCHES_PER_KIND):
    """``[(kind, [items])]``: the newest public items of each registered content kind on these themes (upcoming
    sessions soonest first). One query per kind."""
    from core import content_registry

    if not theme_ids:
        return []
    groups = []
    for kind in content_registry.kinds():
        items = list(kind.public().filter(themes__in=theme_ids).distinct()[:limit])
        if items:
            groups.append((kind, items))
    return groups


# --- The test ---------------------------------------------------------------------------------------------


class StrengthProfile(Orderable, ClusterableModel):
    """One result of the test (de verbinder, de doener, ...)."""

    page = ParentalKey("campaign_quiz.StrengthTestPage", on_delete=models.CASCADE, related_name="profiles")
    title = models.CharField(_("title"), max_length=100, help_text=_("For example 'De verbinder'."))
    key = models.CharField(
        _("key"),
        max_length=40,
        validators=[validate_slug],
        help_text=_("Short name the answers refer to, for example 'verbinder'. Lowercase, no spaces."),
    )
    explanation = RichTextField(_("explanation"), features=["bold", "italic", "link", "ul"])
    image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("picture"),
    )
    themes = ParentalManyToManyField(
        "core.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("related themes"),
        help_text=_("Tips, lessons, stories and sessions on these themes are shown with the result."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("explanation"),
        FieldPanel("image"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.title


class StrengthTestPage(RoutablePageMixin, BasePage):
    """Ontdek je vrijwilligerskracht!: one question per step, then the visitor's profile."""

    questions = StreamField([("question", QuestionBlock())], verbose_name=_("questions"), blank=True)
    result_text = models.TextField(
        _("text above every result"),
        blank=True,
        max_length=500,
        help_text=_("Optional, for example an invitation to look around among the tips below."),
    )

    content_panels = [
        *BasePage.content_panels,
        HelpPanel(content=SCORING_RULE, heading=_("Scoring rule")),
        InlinePanel("profiles", label=_("Profiles"), min_num=2),
        FieldPanel("questions"),
        FieldPanel("result_text"),
    ]

    template = "pages/strength_test_page.html"
    parent_page_types = ["campaign.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strength test")

    # The engine's view of what editors made.
    def engine_questions(self):
        questions = []
        for number, block in enumerate(self.questions, start=1):
            if block.block_type != "question":
                continue
            value = block.value
            options = tuple(
                engine.Option(
                    key=str(index),
                    label=answer["answer"],
                    points=tuple((key, answer["points"] or 0) for key in engine.split_keys(answer["profiles"])),
                )
                for index, answer in enumerate(value["answers"])
            )
            questions.append(
                engine.Question(
                    key=str(number), text=value["question"], help_text=value["help_text"] or "", options=options
                )
            )
        return questions

    def profile_list(self):
        return list(self.profiles.all())

    def clean(self):
        super().clean()
        profiles = list(self.profiles.all())
        keys = [profile.key for profile in profiles]
        errors = []
        if len(keys) != len(set(keys)):
            errors.append(_("Give every profile its own key."))
        known = set(keys)
        for number, block in enumerate(self.questions, start=1):
            for answer in block.value["answers"]:
                named = engine.split_keys(answer["profiles"])
                unknown = [key for key in named if key not in known]
                if unknown or not named:
                    errors.append(
                        _("Question %(number)s, answer '%(answer)s' names %(unknown)s; the profiles are: %(known)s.")
                        % {
                            "number": number,
                            "answer": answer["answer"],
                            "unknown": ", ".join(unknown) or _("no profile"),
                            "known": ", ".join(keys) or "-",
                        }
                    )
        if errors:
            raise ValidationError(errors)

    def step_url(self):
        from django.urls import reverse

        return reverse("campaign_quiz:step", args=[self.pk])

    def result_context(self, profile):
        return {
            "profile": profile,
            "related_groups": related_by_themes([theme.pk for theme in profile.themes.all()]),
        }

    def share_image_url(self, profile):
        from django.urls import reverse

        return reverse("campaign_quiz:share_image", args=[self.pk, profile.key])

    def find_profile(self, key):
        profile = self.profiles.filter(key=key).prefetch_related("themes").select_related("image").first()
        if profile is None:
            raise Http404
        return profile

    @path("")
    def intro(self, request):
        return self.render(request)

    @path("resultaat/<slug:key>/", name="result")
    def result(self, request, key):
        """The public, shareable page of one profile (no answers in it: anyone's link shows the same)."""
        profile = self.find_profile(key)
        context = self.get_context(request)
        context.update(self.result_context(profile), shared_result=True)
        return TemplateResponse(request, "campaign_quiz/result_page.html", context)


# --- Aggregate figures --------------------------------------------------------------------------------------


class QuizCounterQuerySet(models.QuerySet):
    def increment(self, page, *names):
        """Add one to each named counter of ``page``. No model signals (bulk_create/update), so counting never
        starts a new page-cache generation; the rows say nothing about who answered."""
        if not names:
            return
        self.bulk_create([QuizCounter(page_id=page.pk, name=name) for name in names], ignore_conflicts=True)
        self.filter(page_id=page.pk, name__in=names).update(count=F("count") + 1)

    def figures(self, page):
        return dict(self.filter(page_id=page.pk).values_list("name", "count"))


class QuizCounter(models.Model):
    """How many visitors started, reached step n, finished, and got each profile. Nothing else is kept."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)  # "started", "step:3", "finished", "profile:verbinder", "no-profile"
    count = models.PositiveIntegerField(default=0)

    objects = QuizCounterQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "name"], name="campaign_quiz_counter_unique")]
        verbose_name = _("questionnaire counter")

    def __str__(self):
        return f"{self.name}: {self.count}"


# --- The plan ---------------------------------------------------------------------------------------------------


class PlanStep(Orderable, ClusterableModel):
    page = ParentalKey("campaign_quiz.PlanPage", on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=150)
    text = RichTextField(_("what to do"), features=["bold", "italic", "link", "ul", "ol"])
    rule = models.CharField(
        _("shown"),
        max_length=10,
        choices=[
            (engine.RULE_ALWAYS, _("always")),
            (engine.RULE_ANY, _("when any of the options below is chosen")),
            (engine.RULE_ALL, _("when all of the options below are chosen")),
        ],
        default=engine.RULE_ALWAYS,
    )
    options = models.CharField(
        _("options"),
        max_length=300,
        blank=True,
        help_text=_("Keys of the plan's options, separated by commas, for example 'weinig-tijd, bibliotheek'."),
    )
    material_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("material or page to link"),
    )
    material_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document to download"),
    )
    themes = ParentalManyToManyField(
        "core.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("themes"),
        help_text=_("Tips and sessions on these themes are suggested with the step."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("rule"), FieldPanel("options")], heading=_("When is this step in the plan?")),
        FieldPanel("material_page"),
        FieldPanel("material_document"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.title

    def option_keys(self):
        return engine.split_keys(self.options)

    def applies(self, chosen_keys):
        return engine.rule_matches(self.rule, self.option_keys(), chosen_keys)


class PlanPage(RoutablePageMixin, BasePage):
    """Het stappen- en keuzeplan: a municipality's choices make a plan of steps, on screen and as a PDF."""

    choices = StreamField([("choice", ChoiceQuestionBlock())], verbose_name=_("choices"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("choices"),
        HelpPanel(
            content=_(
                "A step is in the plan always, or when any (or all) of the options it names were chosen. Name options "
                "by their key; 'choice-key:option-key' also works when two choices share an option key."
            ),
            heading=_("How steps are chosen"),
        ),
        InlinePanel("steps", label=_("Steps"), min_num=1),
    ]

    template = "pages/plan_page.html"
    parent_page_types = ["campaign.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("step-and-choice plan")

    def engine_questions(self):
        return [
            engine.Question(
                key=block.value["key"],
                text=block.value["question"],
                help_text=block.value["help_text"] or "",
                multiple=bool(block.value["multiple"]),
                options=tuple(
                    engine.Option(key=option["key"], label=option["label"]) for option in block.value["options"]
                ),
            )
            for block in self.choices
        ]

    def clean(self):
        super().clean()
        questions = self.engine_questions()
        question_keys = [question.key for question in questions]
        errors = []
        if len(question_keys) != len(set(question_keys)):
            errors.append(_("Give every choice its own key."))
        known = set()
        for question in questions:
            for option in question.options:
                known |= {option.key, f"{question.key}:{option.key}"}
        for step in self.steps.all():
            unknown = [key for key in step.option_keys() if key not in known]
            if unknown:
                errors.append(
                    _("Step '%(step)s' names options that do not exist: %(unknown)s.")
                    % {"step": step.title, "unknown": ", ".join(unknown)}
                )
            elif step.rule != engine.RULE_ALWAYS and not step.option_keys():
                errors.append(
                    _("Step '%(step)s' is shown 'when options are chosen' but names none.") % {"step": step.title}
                )
        if errors:
            raise ValidationError(errors)

    def build_plan(self, data):
        """``(questions, chosen, errors, steps)`` for the choices in ``data`` (a QueryDict)."""
        questions = self.engine_questions()
        chosen, errors = engine.parse_choices(questions, data)
        chosen_keys = engine.chosen_option_keys(chosen)
        steps = []
        if not errors:
            all_steps = list(
                self.steps.all().select_related("material_page", "material_document").prefetch_related("themes")
            )
            steps = [step for step in all_steps if step.applies(chosen_keys)]
        return questions, chosen, errors, steps

    @staticmethod
    def related_to(steps):
        """``[(kind, [items])]``: the tips, sessions and other content on the themes of the plan's steps."""
        return related_by_themes(sorted({theme.pk for step in steps for theme in step.themes.all()}))

    def plan_context(self, request):
        questions, chosen, errors, steps = self.build_plan(request.GET)
        submitted = "plan" in request.GET
        summary = [
            (question, [option for option in question.options if option.key in chosen.get(question.key, ())])
            for question in questions
        ]
        return {
            "plan_questions": questions,
            "chosen": chosen,
            "plan_errors": errors,
            "plan_submitted": submitted and not errors,
            "plan_steps": steps,
            "plan_summary": summary,
            "plan_related": self.related_to(steps) if submitted and not errors else [],
            "plan_query": request.GET.urlencode(),
        }

    @path("")
    def plan(self, request):
        context = self.plan_context(request)
        response = self.render(request, context_overrides=context)
        if request.GET:
            # Every combination of choices is its own URL: keep them out of the shared page cache.
            patch_cache_control(response, private=True, no_cache=True)
            if context["plan_errors"]:
                response.status_code = 400
        return response

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from campaign.quiz.pdf import plan_pdf

        questions, chosen, errors, steps = self.build_plan(request.GET)
        if errors:
            response = self.render(request, context_overrides=self.plan_context(request))
            response.status_code = 400
            return response
        summary = [
            (question, [option for option in question.options if option.key in chosen.get(question.key, ())])
            for question in questions
        ]
        data = plan_pdf(self, summary, steps, related=self.related_to(steps), base_url=request.build_absolute_uri("/"))
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="stappenplan.pdf"'
        patch_cache_control(response, private=True, no_cache=True)
        return response
