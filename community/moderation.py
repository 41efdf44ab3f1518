"""Reports and moderation (owned by the moderation area).

Contract used by the other areas:
    is_moderator(user, forum=None) -> bool   # forum: a ForumPage, or None for reactions (site-wide moderators)
"""


def is_moderator(user, forum=None):
    return bool(user and user.is_authenticated and user.is_superuser)
