"""Vocabularies of the expeditions: target groups, lenses, statuses (provinces are shared, in core)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Province

__all__ = ["ContactPreference", "ExpeditionStatus", "Lens", "OrganisationKind", "Province", "TargetGroup"]


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("Young people")
    NEWCOMERS = "newcomers", _("Newcomers")
    PEOPLE_WITH_DISABILITY = "people_with_disability", _("People with a disability")
    EMPLOYEES = "employees", _("Employees of companies")
    STUDENTS = "students", _("Students")
    OVER_55 = "over_55", _("People over 55")


class Lens(models.TextChoices):
    """The three lenses through which an expedition looks at an organisation."""

    ATTRACTIVENESS = "attractiveness", _("Attractiveness")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    AWARENESS = "awareness", _("Awareness")


class ExpeditionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class OrganisationKind(models.TextChoices):
    SPORTS_CLUB = "sports_club", _("Sports club")
    CARE = "care", _("Care home or care organisation")
    NATURE = "nature", _("Nature, garden or farm")
    CULTURE = "culture", _("Culture, music or heritage")
    WELFARE = "welfare", _("Welfare or neighbourhood work")
    EDUCATION = "education", _("Education")
    FAITH = "faith", _("Faith community")
    OTHER = "other", _("Other")


class ContactPreference(models.TextChoices):
    PROGRAMME_TEAM = "programme_team", _("Through the programme team")
    EMAIL = "email", _("By email (the address is shown on the site)")
