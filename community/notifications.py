"""Following and notifications (owned by the notifications area).

Contract used by the other areas:
    post_published(post)  # called in the transaction that makes a post visible (new visible post, or approval)
"""


def post_published(post):
    """Create the notifications (and queue the instant mails) for a post that just became visible."""
