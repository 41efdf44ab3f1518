"""The campaign section of Mensen maken Nederland: the campaign index, the campaign weeks, local actions and
the materials library. The poster maker (campaign.posters) and the test and plan (campaign.quiz) are pages
below the same index."""

from .actions import LocalAction, LocalActionQuerySet
from .materials import CampaignMaterial, MaterialType
from .pages import CampaignIndexPage, CampaignWeekPage, MaterialsPage

__all__ = [
    "CampaignIndexPage",
    "CampaignMaterial",
    "CampaignWeekPage",
    "LocalAction",
    "LocalActionQuerySet",
    "MaterialType",
    "MaterialsPage",
]
