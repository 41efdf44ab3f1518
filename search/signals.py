"""Keep SearchDocument rows in step with content. Errors are logged, never raised to the editor.

Also keeps Wagtail's own search index up to date for models that turn Wagtail's update off
(``search_auto_update = False``, tips): the same task Wagtail queues per saved object, but inside
``search.indexing.bulk_changes()`` collected into the block's one task. Inside such a block the SearchDocument
updates of saved tips and published pages are collected too.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index as wagtail_index
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing, tasks


def _after_commit(*calls):
    """After the commit: each (function, *args) index update, failures logged, then one facet index build."""

    def run():
        for function, *args in calls:
            indexing.safely(function, *args)
        tasks.warm_facet_index_quietly()

    transaction.on_commit(run)


def _facets_changed():
    """After a removal: a facet index build after the commit, or the bulk block's task builds it."""
    if not indexing.collect_facets():
        transaction.on_commit(tasks.warm_facet_index_quietly)


def on_page_published(sender, instance, **kwargs):
    if not indexing.collect_document(instance, reconcile=True):
        _after_commit((indexing.index_object, instance), (indexing.reconcile_other_models,))


def on_page_unpublished(sender, instance, **kwargs):
    if not indexing.collect_document(instance, reconcile=True):
        _after_commit((indexing.index_object, instance), (indexing.reconcile_other_models,))


def on_page_moved(sender, instance, **kwargs):
    _after_commit((indexing.index_subtree, instance))


def on_page_deleted(sender, instance, **kwargs):
    indexing.safely(indexing.remove_object, instance)
    _facets_changed()


def on_restriction_changed(sender, instance, **kwargs):
    page_id = instance.page_id

    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            indexing.index_subtree(page)
        indexing.reconcile_other_models()

    _after_commit((reindex,))


def on_other_saved(sender, instance, **kwargs):
    if not indexing.collect_document(instance):
        _after_commit((indexing.index_object, instance))


def on_object_changed(instance):
    """``core.indexing.object_changed``: refresh an object's document as after its save (a topic's new reply)."""
    if indexing.is_searchable_model(type(instance)):
        on_other_saved(type(instance), instance)


def on_other_deleted(sender, instance, **kwargs):
    indexing.safely(indexing.remove_object, instance)
    _facets_changed()


def on_indexed_saved(sender, instance, raw=False, **kwargs):
    """Wagtail's index update of a saved object, as Wagtail's own handler queues it, or collected in a bulk block."""
    if raw or indexing.collect_for_wagtail_index(instance):
        return
    insert_or_update_object_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def on_indexed_deleted(sender, instance, **kwargs):
    """A deleted object leaves Wagtail's index at once, as with Wagtail's own handler."""
    wagtail_index.remove_object(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    for model in indexing.searchable_page_models():
        post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"search_page_deleted_{model._meta.label}")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    for model in indexing.searchable_other_models():
        post_save.connect(on_other_saved, sender=model, dispatch_uid=f"search_saved_{model._meta.label}")
        post_delete.connect(on_other_deleted, sender=model, dispatch_uid=f"search_deleted_{model._meta.label}")
    for model in wagtail_index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            label = model._meta.label
            post_save.connect(on_indexed_saved, sender=model, dispatch_uid=f"search_wagtail_saved_{label}")
            post_delete.connect(on_indexed_deleted, sender=model, dispatch_uid=f"search_wagtail_deleted_{label}")
