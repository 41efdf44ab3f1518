"""Tip collections, individual tips and the generic appreciation counter."""

from .appreciation import Appreciation
from .pages import Tip, TipCollectionIndexPage, TipCollectionPage, TipTag

__all__ = ["Appreciation", "Tip", "TipCollectionIndexPage", "TipCollectionPage", "TipTag"]
