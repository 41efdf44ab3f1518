"""Shared models: users, media, vocabularies, base pages and site settings."""

from .base import BasePage, PageTag
from .hubs import TopicIndexPage
from .jobs import ScheduledJob
from .media import CustomDocument, CustomImage, CustomRendition
from .pages import ContentPage, HomePage
from .related import RelatedPin
from .settings import SiteSettings
from .taxonomy import Audience, Municipality, Province, Theme
from .users import User

__all__ = [
    "Audience",
    "BasePage",
    "ContentPage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "Municipality",
    "PageTag",
    "Province",
    "RelatedPin",
    "ScheduledJob",
    "SiteSettings",
    "Theme",
    "TopicIndexPage",
    "User",
]
