"""How members appear (owned by the accounts area).

Contract used by the other apps:
    profile_for(user) -> Profile        # made on first use
    display_name(user) -> str           # "verwijderd account" for None
"""

from accounts.models import DELETED_ACCOUNT_NAME, Profile


def profile_for(user):
    profile, _created = Profile.objects.get_or_create(user=user, defaults={"display_name": user.get_username()})
    return profile


def display_name(user):
    if user is None:
        return str(DELETED_ACCOUNT_NAME)
    return profile_for(user).display_name
