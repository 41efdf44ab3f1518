"""Wagtail admin hooks of the community app (moderation queue, log, menu): owned by the moderation area."""
