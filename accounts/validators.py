"""Usernames are the @mention handles: short, plain and unique regardless of case."""

from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 30
USERNAME_PATTERN = r"^[A-Za-z0-9_-]+\Z"

USERNAME_VALIDATORS = [
    RegexValidator(
        USERNAME_PATTERN,
        _("A username may only contain letters, digits, - and _ (no spaces)."),
        code="invalid_username",
    ),
    MaxLengthValidator(
        USERNAME_MAX_LENGTH,
        _("A username has at most %(limit_value)d characters."),
    ),
]

# Django 5.2's MinimumLengthValidator says this with "%d", but Django's own Dutch catalogue still has the older
# "%(min_length)d" wording, so the message would be English. Named here so makemessages keeps our Dutch for it.
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
