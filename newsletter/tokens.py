"""Signed values in the newsletter's links: nobody needs an account, the signature is the authorisation.

- confirm: ``TimestampSigner``, valid for ``CONFIRM_MAX_AGE`` (the double opt-in link in the confirmation mail);
- manage and unsubscribe: ``Signer`` without expiry (in every issue; RFC 8058 links must keep working).

Each has its own salt, so a link of one kind never opens another. Signing, the mails' absolute addresses and the
one-click headers are shared with the community's mails (``events.mail_links``).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.mail_links import absolute_url, read, sign

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_max_age():
    """Seconds a confirmation link stays valid (default 7 days)."""
    return int(getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 60 * 60))


class Expired(Exception):
    pass


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscriber.public_id))


def manage_token(subscriber):
    return sign(MANAGE_SALT, str(subscriber.public_id))


def unsubscribe_token(subscriber):
    return sign(UNSUBSCRIBE_SALT, str(subscriber.public_id))


def read_confirm_token(token):
    """The subscriber's public id; None when tampered with; raises ``Expired`` when older than allowed."""
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=confirm_max_age())
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature:
        return None


def read_manage_token(token):
    """The subscriber's public id, or None when tampered with."""
    return read(MANAGE_SALT, token)


def read_unsubscribe_token(token):
    return read(UNSUBSCRIBE_SALT, token)


def manage_path(subscriber):
    """For links on the site's own pages (the mails use ``manage_url``)."""
    return reverse("newsletter:manage", args=[manage_token(subscriber)])


def unsubscribe_path(subscriber):
    return reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])


def confirm_url(subscriber):
    return absolute_url(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))


def manage_url(subscriber):
    return absolute_url(reverse("newsletter:manage", args=[manage_token(subscriber)]))


def unsubscribe_url(subscriber):
    return absolute_url(reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))
