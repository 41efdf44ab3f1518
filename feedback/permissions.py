"""After every migrate: who reads the evaluations and the page votes (the groups are made by other apps and
Wagtail; they are named here, not imported)."""

from core.permissions import grant_to_groups

EVALUATION_READERS = ("Programmateam", "Organisatoren Kennisboostweken")
PAGE_VOTE_READERS = ("Programmateam", "Editors", "Moderators")


def grant_readers(sender=None, **kwargs):
    grant_to_groups(EVALUATION_READERS, [("feedback", "evaluation", "view_evaluation")])
    grant_to_groups(PAGE_VOTE_READERS, [("feedback", "pagevote", "view_pagevote")])
