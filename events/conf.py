"""Settings of the event engine and the outbox, each with a safe default.

Override them in the Django settings; the README lists them.
"""

from django.conf import settings


def reminder_hour():
    """Local hour (Europe/Amsterdam) at which reminders with the meeting link go out."""
    return int(getattr(settings, "EVENTS_REMINDER_HOUR", 9))


def anonymise_after_days():
    return int(getattr(settings, "EVENTS_ANONYMISE_AFTER_DAYS", 90))


def rate_limit():
    """(number of registration attempts, window in seconds) allowed per client IP."""
    return (
        int(getattr(settings, "EVENTS_RATE_LIMIT", 10)),
        int(getattr(settings, "EVENTS_RATE_LIMIT_WINDOW", 60)),
    )


def outbox_max_attempts():
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def outbox_backoff_seconds():
    """First retry delay; it doubles with every failed attempt (capped at six hours)."""
    return int(getattr(settings, "OUTBOX_BACKOFF_SECONDS", 60))


def holiday_country():
    return getattr(settings, "EVENTS_HOLIDAY_COUNTRY", "NL")
