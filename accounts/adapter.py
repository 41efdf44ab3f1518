"""allauth adapter: Dutch mails through the shared outbox, profiles at sign-up, blocked members kept out."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from events.outbox import queue_email

EMAIL_KIND = "account"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": _("This username is already taken. Choose another one."),
        "username_blacklisted": _("This username is reserved. Choose another one."),
    }

    def send_mail(self, template_prefix, email, context):
        """Render the mail now (in the member's language, with the request's links) and store it in the
        outbox: it leaves after the commit, and a mail server that is down only delays it."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        queue_email(kind=EMAIL_KIND, to=email, subject=message.subject, body_text=message.body, body_html=html)

    def format_email_subject(self, subject):
        prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", None) or ""
        return f"{prefix}{subject}"

    def save_user(self, request, user, form, commit=True):
        # Tells accounts.signals that this address still has to be verified (users made elsewhere, by
        # createsuperuser, the Wagtail admin or the demo, are trusted and get a verified address).
        user._accounts_signing_up = True
        return super().save_user(request, user, form, commit=commit)

    def pre_login(self, request, user, **kwargs):
        profile = getattr(user, "profile", None) if user.pk else None
        if user.is_active and profile is not None and profile.is_blocked:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(request, "account/account_blocked.html", status=403)
        return super().pre_login(request, user, **kwargs)
