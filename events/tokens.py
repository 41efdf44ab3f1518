"""Signed values in links: cancel a registration without logging in, and the confirmation page.

The salts carry the section's app label ("<app>.registration.cancel"), so the links in mails sent before
the engine was shared stay valid, and a token of one section never opens a registration of another.
"""

from django.core import signing

from events import registry

CONFIRMATION_MAX_AGE = 60 * 60  # one hour: the confirmation page is only for right after registering


def cancel_salt(event_type):
    return f"{event_type.salt_prefix}.registration.cancel"


def confirmation_salt(event_type):
    return f"{event_type.salt_prefix}.registration.confirmation"


def cancel_token(registration):
    return signing.Signer(salt=cancel_salt(registry.for_registration(registration))).sign(str(registration.public_id))


def registration_id_from_cancel_token(token, event_type):
    """The registration's public id, or None when the token was tampered with."""
    try:
        return signing.Signer(salt=cancel_salt(event_type)).unsign(token)
    except signing.BadSignature:
        return None


def confirmation_token(results, event_type):
    """Sign [(public id, outcome)] of a registration attempt for the confirmation page."""
    return signing.TimestampSigner(salt=confirmation_salt(event_type)).sign_object(
        [[str(result.registration.public_id), result.outcome] for result in results], compress=True
    )


def outcomes_from_confirmation_token(token, event_type):
    """{public id: outcome}; empty when the token is missing, tampered with or older than an hour."""
    try:
        value = signing.TimestampSigner(salt=confirmation_salt(event_type)).unsign_object(
            token, max_age=CONFIRMATION_MAX_AGE
        )
    except (signing.BadSignature, ValueError):
        return {}
    if not isinstance(value, list):
        return {}
    return {str(item[0]): str(item[1]) for item in value if isinstance(item, list) and len(item) == 2}
