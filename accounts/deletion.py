"""Deleting an account: other apps register what happens to what the member wrote (owned by the accounts area).

register_handler(handler)   # handler(user, keep_posts: bool), called in the deleting transaction
delete_account(user, keep_posts)   # runs every handler, then deletes the user, all in one transaction
"""

from django.db import transaction

_handlers = []


def register_handler(handler):
    if handler not in _handlers:
        _handlers.append(handler)


def unregister_handler(handler):
    if handler in _handlers:
        _handlers.remove(handler)


def handlers():
    return list(_handlers)


def delete_account(user, *, keep_posts):
    """Every handler, then the user (profile, email addresses and authenticators go with it); if one handler
    fails, nothing is deleted."""
    with transaction.atomic():
        for handler in handlers():
            handler(user, keep_posts)
        user.delete()
