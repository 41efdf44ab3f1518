"""Where a thread or post lives on the public site (owned by the forum area)."""


def thread_url(thread):
    """The public URL of a topic, or of the page (or tip) a reactions thread belongs to (with #reacties)."""
    return ""


def post_url(post):
    """The URL of the thread page that shows this post, with its page number and #reactie-<id>."""
    return ""
