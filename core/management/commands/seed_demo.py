import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks
from wagtail.models import Site

from core.demo import DemoBuilder
from core.indexing import left_to_update_index
from core.sites import SiteAddressError, set_site_address


class Command(BaseCommand):
    help = "Build the Dutch demo site. Safe to run again: existing content is left as it is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also create a local superuser 'admin' (once) and print its generated password.",
        )
        parser.add_argument(
            "--reindex",
            action="store_true",
            help="Update the search index even when no demo content was added (it is updated whenever some is).",
        )
        parser.add_argument(
            "--host",
            help="Host name the demo is served on (make run: HOST); absolute links use it. Also updates an "
            "existing demo site.",
        )
        parser.add_argument(
            "--port", type=int, help="Port the demo is served on (make run: PORT); absolute links use it."
        )

    def handle(self, *args, admin=False, host=None, port=None, **options):
        if port is not None and not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port.")
        demo = DemoBuilder(stdout=self.stdout, style=self.style)
        # update_index below indexes everything the seeds made: nothing is indexed object by object meanwhile.
        with transaction.atomic(), left_to_update_index():
            for seed in hooks.get_hooks("register_demo_content"):
                label = getattr(seed, "demo_label", seed.__name__)
                self.stdout.write(f"Demo content: {label}")
                seed(demo)
            site = Site.objects.get(root_page=demo.home)
            if host or port:
                try:
                    previous = set_site_address(site, host, port)
                except SiteAddressError as error:
                    raise CommandError(str(error)) from error
                if previous is not None:
                    self.stdout.write(f"Demo site now at {site.root_url} (was {previous})")

        if demo.created:
            self.stdout.write(self.style.SUCCESS(f"Created {demo.created} demo objects."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already complete: nothing changed."))

        if admin:
            self.create_admin(site)

        if demo.created or options.get("reindex"):
            self.stdout.write("Updating the search index…")
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Done."))

    def create_admin(self, site):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Superuser 'admin' exists already; reset it with: python manage.py changepassword admin")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@kennisplatform.localhost", password)
        self.stdout.write(self.style.WARNING(f"Created superuser 'admin' with password: {password}"))
        self.stdout.write(f"Log in at {site.root_url}/admin/ (this password is shown only once).")
