"""Profiles and verified addresses for users, however they were made."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_trusted_user_email")
def verify_email_of_users_made_outside_signup(sender, instance, created, raw=False, **kwargs):
    """createsuperuser, the Wagtail admin's user form and the demo make users an operator vouches for:
    their address counts as verified, so they can log in through allauth (mandatory verification)
    and post. Members who sign up themselves verify their address by mail (the adapter marks them)."""
    if not created or raw or getattr(instance, "_accounts_signing_up", False) or not instance.email:
        return
    EmailAddress.objects.get_or_create(
        user=instance, email=instance.email.lower(), defaults={"verified": True, "primary": True}
    )


@receiver(email_confirmed, dispatch_uid="accounts_email_confirmed")
def forget_cached_verification(sender, request=None, email_address=None, **kwargs):
    if email_address is not None and hasattr(email_address.user, "_accounts_is_verified"):
        del email_address.user._accounts_is_verified
