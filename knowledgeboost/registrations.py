"""Registering for Kennisboostweken sessions: the shared engine (``events.registrations``) applied to sessions."""

from events import registrations as engine
from events.registrations import RegistrationClosed, RegistrationResult, fill_from_waitlist
from knowledgeboost.models import Registration, SessionPage

__all__ = [
    "RegistrationClosed",
    "RegistrationResult",
    "cancel",
    "fill_from_waitlist",
    "lock_session",
    "notify_session_cancelled",
    "register",
]


def lock_session(session_id):
    return engine.lock_event(SessionPage, session_id)


def register(session_ids, person, now=None):
    """Register one person for one or more sessions, all or nothing (see ``events.registrations.register``)."""
    return engine.register(SessionPage, session_ids, person, now=now)


def cancel(public_id, now=None):
    return engine.cancel(Registration, public_id, now=now)


def notify_session_cancelled(session_id, now=None):
    return engine.notify_event_cancelled(SessionPage, session_id, now=now)
