"""Tasks queued before the outbox moved to ``events`` are stored under this path; they still run."""

from events.tasks import send_outbox_email

__all__ = ["send_outbox_email"]
