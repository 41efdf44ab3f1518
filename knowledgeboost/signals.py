from django.db import transaction


def session_published(sender, instance, **kwargs):
    """A published session that is cancelled tells its participants; one with more places fills them."""
    from knowledgeboost.models import SessionPage
    from knowledgeboost.registrations import fill_from_waitlist, lock_session, notify_session_cancelled

    if not isinstance(instance, SessionPage):
        return
    if instance.is_cancelled:
        notify_session_cancelled(instance.pk)
        return
    with transaction.atomic():
        fill_from_waitlist(lock_session(instance.pk))
