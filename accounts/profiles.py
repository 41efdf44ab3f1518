"""How members appear (owned by the accounts area).

Contract used by the other apps:
    profile_for(user) -> Profile        # made on first use
    display_name(user) -> str           # "verwijderd account" for None
    is_verified(user) -> bool           # the member confirmed their email address (may post)
    is_blocked(user) -> bool            # blocked by a moderator (cannot log in, may not post)
"""

from allauth.account.models import EmailAddress

from accounts.models import DELETED_ACCOUNT_NAME, Profile


def profile_for(user):
    """The member's profile; uses a prefetched/cached ``user.profile`` when there is one."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        pass
    profile, _created = Profile.objects.get_or_create(user=user, defaults={"display_name": user.get_username()})
    user.profile = profile
    return profile


def display_name(user):
    if user is None:
        return str(DELETED_ACCOUNT_NAME)
    return profile_for(user).display_name


def is_verified(user):
    """True for a logged-in, active member whose email address is confirmed (allauth's EmailAddress)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_accounts_is_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()
        user._accounts_is_verified = cached
    return cached


def is_blocked(user):
    if user is None or not user.is_authenticated:
        return False
    return Profile.objects.filter(user_id=user.pk, blocked_at__isnull=False).exists()
