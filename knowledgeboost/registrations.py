"""Registering for Kennisboostweken sessions: the shared engine (``events.registrations``) applied to sessions."""

from events import registrations as engine
from events.registrations import RegistrationClosed, RegistrationResult
from knowledgeboost.models import Registration, SessionPage

__all__ = ["RegistrationClosed", "RegistrationResult", "cancel", "register"]


def register(session_ids, person, now=None):
    """Register one person for one or more sessions, all or nothing (see ``events.registrations.register``)."""
    return engine.register(SessionPage, session_ids, person, now=now)


def cancel(public_id, now=None):
    return engine.cancel(Registration, public_id, now=now)
