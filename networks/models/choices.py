from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    """How a municipality takes part in a network (Iedereen doet mee!: 25 front-runners, 58 signatories)."""

    FRONT_RUNNER = "front_runner", _("front-runner")
    SIGNATORY = "signatory", _("signatory")
    PARTICIPANT = "participant", _("participant")


class AgendaStatus(models.TextChoices):
    """Where a Lokale Inclusie Agenda stands, in the order a municipality goes through them."""

    IN_PREPARATION = "in_preparation", _("in preparation")
    ADOPTED = "adopted", _("adopted by the council")
    PRESENTED = "presented", _("presented")
    EVALUATING = "evaluating", _("being evaluated")


class LifeDomainCode(models.TextChoices):
    """The nine life domains of the UN Convention an agenda can cover; rows of ``LifeDomain`` use these codes."""

    WORK_AND_INCOME = "work_income", _("work and income")
    EDUCATION = "education", _("education")
    HOUSING = "housing", _("housing")
    MOBILITY = "mobility", _("mobility")
    LEISURE_AND_SPORT = "leisure_sport", _("leisure and sport")
    INFORMATION = "information", _("information and communication")
    CARE_AND_SUPPORT = "care_support", _("care and support")
    ACCESSIBILITY = "accessibility", _("accessibility of buildings and public space")
    PARTICIPATION = "participation", _("participation in policy")
