"""Keep SearchDocument rows in step with content. Errors are logged, never raised to the editor."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing, tasks


def _after_commit(*calls):
    """After the commit: each (function, *args) index update, failures logged, then one facet index build."""

    def run():
        for function, *args in calls:
            indexing.safely(function, *args)
        tasks.warm_facet_index_quietly()

    transaction.on_commit(run)


def on_page_published(sender, instance, **kwargs):
    _after_commit((indexing.index_object, instance), (indexing.reconcile_other_models,))


def on_page_unpublished(sender, instance, **kwargs):
    _after_commit((indexing.index_object, instance), (indexing.reconcile_other_models,))


def on_page_moved(sender, instance, **kwargs):
    _after_commit((indexing.index_subtree, instance))


def on_page_deleted(sender, instance, **kwargs):
    indexing.safely(indexing.remove_object, instance)
    transaction.on_commit(tasks.warm_facet_index_quietly)


def on_restriction_changed(sender, instance, **kwargs):
    page_id = instance.page_id

    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            indexing.index_subtree(page)
        indexing.reconcile_other_models()

    _after_commit((reindex,))


def on_other_saved(sender, instance, **kwargs):
    _after_commit((indexing.index_object, instance))


def on_other_deleted(sender, instance, **kwargs):
    indexing.safely(indexing.remove_object, instance)
    transaction.on_commit(tasks.warm_facet_index_quietly)


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
