"""notifications: see community/models and HELPERS.md; filled in by its owner."""
