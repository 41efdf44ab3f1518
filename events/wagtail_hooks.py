from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.permissions import ReadOnlyPermissionPolicy
from events.admin_views import OutboxEmailViewSet
from events.models import OutboxEmail

# Outgoing emails are written by the application only; editors read them.
register_permission_policy(OutboxEmail, ReadOnlyPermissionPolicy(OutboxEmail))
register_snippet(OutboxEmailViewSet)
