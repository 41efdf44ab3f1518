"""Demo content of the campaign section (Mensen maken Nederland)."""

from campaign.models import CampaignIndexPage

INDEX_SLUG = "campagne"


def campaign_index(demo) -> CampaignIndexPage:
    """The campaign index below the demo's home page; made once, found on every later run."""
    existing = CampaignIndexPage.objects.child_of(demo.home).first()
    if existing is not None:
        return existing
    return demo.ensure_page(
        demo.home,
        CampaignIndexPage,
        slug=INDEX_SLUG,
        title="Campagne Mensen maken Nederland",
        introduction=(
            "<p>Mensen maken Nederland is de campagne waarmee organisaties en gemeenten laten zien hoe waardevol "
            "vrijwillige inzet is. Doe mee met een van de vier campagneweken, meld je lokale actie aan en gebruik "
            "de gratis materialen.</p>"
        ),
        listing_summary="Vier campagneweken, lokale acties en gratis campagnematerialen om zelf te gebruiken.",
    )
