"""Signed values in links: cancel a registration without logging in, and the confirmation page."""

from django.core import signing

CANCEL_SALT = "knowledgeboost.registration.cancel"
CONFIRMATION_SALT = "knowledgeboost.registration.confirmation"
CONFIRMATION_MAX_AGE = 60 * 60  # one hour: the confirmation page is only for right after registering


def cancel_token(registration):
    return signing.Signer(salt=CANCEL_SALT).sign(str(registration.public_id))


def registration_id_from_cancel_token(token):
    """The registration's public id, or None when the token was tampered with."""
    try:
        return signing.Signer(salt=CANCEL_SALT).unsign(token)
    except signing.BadSignature:
        return None


def confirmation_token(results):
    """Sign [(public id, outcome)] of a registration attempt for the confirmation page."""
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object(
        [[str(result.registration.public_id), result.outcome] for result in results], compress=True
    )


def outcomes_from_confirmation_token(token):
    """{public id: outcome}; empty when the token is missing, tampered with or older than an hour."""
    try:
        value = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign_object(token, max_age=CONFIRMATION_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return {}
    if not isinstance(value, list):
        return {}
    return {str(item[0]): str(item[1]) for item in value if isinstance(item, list) and len(item) == 2}
