"""Settings of the feedback app, each with a safe default (override them in the Django settings)."""

from django.conf import settings


def evaluation_delay_hours():
    """Hours after an event ends before its participants get the evaluation mail (a day)."""
    return int(getattr(settings, "FEEDBACK_EVALUATION_DELAY_HOURS", 24))


def evaluation_window_days():
    """Events that ended longer ago than this get no evaluation mail (say, after a long scheduler outage)."""
    return int(getattr(settings, "FEEDBACK_EVALUATION_WINDOW_DAYS", 14))


def evaluation_link_max_age_days():
    """How long the link in the evaluation mail works."""
    return int(getattr(settings, "FEEDBACK_EVALUATION_LINK_DAYS", 30))


def public_minimum_responses():
    """A week page shows the average mark only when at least this many participants answered."""
    return int(getattr(settings, "FEEDBACK_PUBLIC_MINIMUM_RESPONSES", 10))


def report_minimum_votes():
    """A page appears in the report of the least useful pages from this many votes on."""
    return int(getattr(settings, "FEEDBACK_REPORT_MINIMUM_VOTES", 5))


def vote_rate_limit():
    """(votes, window in seconds) per client for "Was deze pagina nuttig?"."""
    return (
        int(getattr(settings, "FEEDBACK_VOTE_RATE_LIMIT", 10)),
        int(getattr(settings, "FEEDBACK_VOTE_RATE_LIMIT_WINDOW", 600)),
    )


def usefulness_page_types():
    """Page types that ask "Was deze pagina nuttig?": label -> None (the page itself) or the name of the
    routable view that must have served it (a tip's permalink, not the collection)."""
    return getattr(
        settings,
        "FEEDBACK_USEFULNESS_PAGE_TYPES",
        {
            "core.contentpage": None,
            "expeditions.lessonpage": None,
            "stories.storypage": None,
            "tips.tipcollectionpage": "tip_detail",
        },
    )
