"""Forum, reactions, following, notifications and moderation: everything members write on the public site."""

from .follow import Follow, FollowFrequency, Notification, NotificationKind, NotificationSettings
from .forum import ForumCategory, ForumPage, ReadMarker
from .moderation import ModerationAction, Report, ReportReason
from .posts import HiddenReason, Post, PostStatus, Thread, ThreadKind
from .reactions import CommunitySettings, ReactionsMixin, ViewCount

__all__ = [
    "CommunitySettings",
    "Follow",
    "FollowFrequency",
    "ForumCategory",
    "ForumPage",
    "HiddenReason",
    "ModerationAction",
    "Notification",
    "NotificationKind",
    "NotificationSettings",
    "Post",
    "PostStatus",
    "ReactionsMixin",
    "ReadMarker",
    "Report",
    "ReportReason",
    "Thread",
    "ThreadKind",
    "ViewCount",
]
