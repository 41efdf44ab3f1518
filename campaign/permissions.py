"""After every migrate: the programme team (group "Programmateam", made by the expeditions and networks sections)
reviews local actions and manages the campaign materials and the poster templates. The demo gives the same."""

from core.permissions import grant_to_groups

PROGRAMME_TEAM_GROUP = "Programmateam"
ACTIONS = ("view", "add", "change", "delete")
MODELS = (
    ("campaign", "localaction"),
    ("campaign", "campaignmaterial"),
    ("campaign_posters", "postertemplate"),
)


def grant_programme_team(sender=None, **kwargs):
    grant_to_groups(
        [PROGRAMME_TEAM_GROUP],
        [(app_label, model, f"{action}_{model}") for app_label, model in MODELS for action in ACTIONS],
    )
