"""The Wagtail admin: logged in through allauth (with its second factor), and staff required to use one."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def is_staff_user(user):
    """Django staff, or anyone who may open the Wagtail admin."""
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class StaffTwoFactorMiddleware:
    """Two things for every request to /admin/:

    - Wagtail's own login page (which knows nothing of a second factor) sends visitors on to allauth's
      login, which asks for the authenticator code of those who have one.
    - With ``STAFF_REQUIRE_2FA``, a logged-in staff member without an activated authenticator app is sent
      to the page that activates one, with a message, before any admin page opens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After the CSRF middleware's process_view: a forged POST to the admin login is still a 403.
        match = getattr(request, "resolver_match", None)
        if match is None:
            return None
        if match.url_name == "wagtailcore_login":
            # Wagtail's login for restricted pages (/_util/login/) is a plain Django login: no second factor, no
            # rate limit, no check for blocked or unverified members. Everyone logs in through allauth.
            query = {"next": request.GET.get("next") or "/"}
            return redirect(f"{reverse('account_login')}?{urlencode(query)}")
        if not request.path.startswith(admin_prefix()):
            return None
        if match.url_name == "wagtailadmin_login":
            query = {"next": request.GET.get("next") or reverse("wagtailadmin_home")}
            return redirect(f"{reverse('account_login')}?{urlencode(query)}")
        if not getattr(settings, "STAFF_REQUIRE_2FA", False) or match.url_name == "wagtailadmin_logout":
            return None
        user = request.user
        if not is_staff_user(user):
            return None
        if not has_authenticator_app(user):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Activate an authenticator app "
                    "to open the admin."
                ),
            )
            return redirect("mfa_activate_totp")
        if not used_second_factor(request, user):
            # Having an authenticator is not enough: this session must have given its code (a session from
            # before the authenticator was activated, or from any login that skipped allauth, has not).
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        return None


def admin_prefix():
    return reverse("wagtailadmin_home")


def used_second_factor(request, user):
    """Whether this session's login (or a later re-authentication) included the authenticator code."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def has_authenticator_app(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
