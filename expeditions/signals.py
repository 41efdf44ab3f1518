"""Keep leaders' permissions and the lessons' expedition in step with what editors change."""

from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from . import permissions
from .models import (
    ExpeditionAccess,
    ExpeditionIndexPage,
    ExpeditionLeader,
    ExpeditionLeadership,
    ExpeditionPage,
    LessonPage,
)


def set_up_groups_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Groups and workflow after every migrate (also after a test flush); skipped when migrated back to zero."""
    if ExpeditionIndexPage._meta.db_table not in connections[using].introspection.table_names():
        return
    permissions.ensure_groups()
    permissions.ensure_workflow()


@receiver(post_save, sender=ExpeditionLeadership)
def leader_assigned(sender, instance, raw=False, **kwargs):
    if not raw:
        permissions.sync_expedition_access(instance.expedition_id)


@receiver(post_delete, sender=ExpeditionLeadership)
def leader_unassigned(sender, instance, **kwargs):
    permissions.sync_expedition_access(instance.expedition_id, create=False)


@receiver(pre_save, sender=ExpeditionLeader)
def remember_previous_account(sender, instance, raw=False, **kwargs):
    instance._previous_user_id = (
        ExpeditionLeader.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=ExpeditionLeader)
def leader_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        permissions.sync_leader_account(instance, getattr(instance, "_previous_user_id", None))


@receiver(post_delete, sender=ExpeditionLeader)
def leader_deleted(sender, instance, **kwargs):
    if instance.user_id and not ExpeditionLeader.objects.filter(user_id=instance.user_id).exists():
        group = Group.objects.filter(name=permissions.LEADERS_GROUP).first()
        if group is not None:
            group.user_set.remove(instance.user_id)


@receiver(post_delete, sender=ExpeditionAccess)
def access_removed(sender, instance, **kwargs):
    Group.objects.filter(pk=instance.group_id).delete()


@receiver(post_save, sender=ExpeditionIndexPage)
def index_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        permissions.ensure_workflow(instance)


@receiver(page_published, sender=ExpeditionPage)
def expedition_published(sender, instance, **kwargs):
    name = permissions.access_group_name(instance)
    Group.objects.filter(pk__in=ExpeditionAccess.objects.filter(expedition=instance).values("group")).exclude(
        name=name
    ).update(name=name)


@receiver(post_page_move)
def lesson_moved(sender, instance, parent_page_after=None, **kwargs):
    if isinstance(sender, type) and issubclass(sender, LessonPage):
        expedition = ExpeditionPage.objects.filter(pk=getattr(parent_page_after, "pk", None)).first()
        LessonPage.objects.filter(pk=instance.pk).update(expedition=expedition)
