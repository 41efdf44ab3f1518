from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.sites import SiteAddressError, default_site, parse_site_url, set_site_address


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at the public address in SITE_URL (e.g. https://kennisplatform.nl), so "
        "canonical, share, feed, iCalendar and e-mail links use it. Run it on every deploy, after migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The public address to use instead of the SITE_URL setting.")

    def handle(self, *args, url=None, **options):
        url = url or settings.SITE_URL
        if not url:
            raise CommandError("SITE_URL is not set: give the public address, e.g. SITE_URL=https://kennisplatform.nl")
        try:
            hostname, port = parse_site_url(url)
            site = default_site()
            previous = set_site_address(site, hostname, port)
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        if previous is None:
            self.stdout.write(f"Default site already at {site.root_url}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Default site now at {site.root_url} (was {previous})"))
