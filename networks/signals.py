"""Set up the project team's workflow and each municipality's editor group when their pages are created."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import permissions
from .models import LifeDomain, MunicipalityPage, NetworkIndexPage


def set_up_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """The life domains and the workflow after every migrate (also after a test flush, which empties the rows the
    data migration made); skipped when migrated back to zero."""
    if NetworkIndexPage._meta.db_table not in connections[using].introspection.table_names():
        return
    LifeDomain.ensure_all(using)
    permissions.ensure_workflow()


def meeting_published(sender, instance, **kwargs):
    """A published meeting that is cancelled tells its participants; one with more places fills them."""
    from events.registrations import event_published

    from .models import NetworkMeetingPage

    if isinstance(instance, NetworkMeetingPage):
        event_published(instance)


@receiver(post_save, sender=NetworkIndexPage)
def network_index_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        permissions.ensure_workflow(instance)


@receiver(post_save, sender=MunicipalityPage)
def municipality_page_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and instance.editor_group_id is None and instance.municipality_id:
        permissions.ensure_municipality_editors(instance)
