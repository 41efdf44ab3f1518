from django.db import DEFAULT_DB_ALIAS, connections


def session_published(sender, instance, **kwargs):
    """A published session that is cancelled tells its participants; one with more places fills them."""
    from events.registrations import event_published
    from knowledgeboost.models import SessionPage

    if isinstance(instance, SessionPage):
        event_published(instance)


def set_up_organisers_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """The organisers' group after every migrate (also after a test flush); skipped without the tables."""
    from knowledgeboost.models import KnowledgeBoostIndexPage
    from knowledgeboost.permissions import ensure_organisers

    if KnowledgeBoostIndexPage._meta.db_table not in connections[using].introspection.table_names():
        return
    ensure_organisers()


def index_page_created(sender, instance, created=False, raw=False, **kwargs):
    """A new Kennisboostweken index page (also a copy) is open to the organisers at once."""
    from knowledgeboost.permissions import ensure_organisers

    if created and not raw:
        ensure_organisers(instance)
