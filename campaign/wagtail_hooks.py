from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from campaign import admin_views  # noqa: F401 - registers the snippets of the campaign


@hooks.register("register_demo_content", order=70)
def seed_campaign_demo(demo):
    from campaign.demo import seed_campaign

    seed_campaign(demo)


seed_campaign_demo.demo_label = _("campaign Mensen maken Nederland: weeks, local actions and materials")
