"""Deleting an account: other apps register what happens to what the member wrote (owned by the accounts area).

register_handler(handler)   # handler(user, keep_posts: bool), called in the deleting transaction
"""

_handlers = []


def register_handler(handler):
    if handler not in _handlers:
        _handlers.append(handler)


def handlers():
    return list(_handlers)
