"""Which objects are searchable, and how one becomes a SearchDocument row.

Discovery is generic, so sections plug in without touching this app:

* every concrete Wagtail page type that Wagtail indexes (``get_indexed_models()``); a page is searchable
  while it is live, public (no view restriction on it or an ancestor) and below the root;
* every other indexed model with a classmethod ``public_search_queryset()`` (tips, later forum topics);
  such objects expose ``title``, ``url``, ``summary``, ``search_result_date`` and the attributes the facets
  read (``themes``, ``audiences``, ``search_province``, ``search_municipalities``; see ``search.facets``) like
  pages do.

Within ``bulk_changes()`` (an import of a hundred tips) the index work of every saved object is collected
and done by one background task after the commit, instead of one task or update per object.
"""

import logging
import re
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Manager
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.index import RelatedFields, SearchField, get_indexed_models

from search import dutch, facets
from search.facets import facet_token  # noqa: F401 - part of this module's interface
from search.models import SearchDocument

logger = logging.getLogger(__name__)

BODY_LIMIT = 20_000
_SPACE_RE = re.compile(r"\s+")


def searchable_page_models():
    return [m for m in get_indexed_models() if issubclass(m, Page) and m is not Page]


def searchable_other_models():
    return [
        m
        for m in get_indexed_models()
        if not issubclass(m, Page) and callable(getattr(m, "public_search_queryset", None))
    ]


def is_searchable_model(model):
    return model in searchable_page_models() or model in searchable_other_models()


def public_pages():
    return Page.objects.live().public().filter(depth__gt=1)


def is_public(obj):
    """Whether `obj` may appear in search results right now."""
    if isinstance(obj, Page):
        return public_pages().filter(pk=obj.pk).exists()
    queryset = type(obj).public_search_queryset()
    return queryset.filter(pk=obj.pk).exists()


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    text = force_str(value)
    if "<" in text:
        text = strip_tags(text)
    return _SPACE_RE.sub(" ", text).strip()


def _block_texts(block, value):
    """The text a visitor reads in a StreamField value: never a choice's label (a heading's "Kop 2", an
    expedition lens) nor a block's own label, which Wagtail's searchable content includes."""
    if value is None or not getattr(block, "search_index", True) or isinstance(block, BaseChoiceBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_texts(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, item)
    else:
        yield from block.get_searchable_content(value)


def _search_field_value(field, obj):
    meta = getattr(type(obj), "_meta", None)  # None for plain objects (the benchmark's synthetic documents)
    try:
        model_field = meta.get_field(field.field_name) if meta else None
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        return list(_block_texts(model_field.stream_block, getattr(obj, field.field_name)))
    return field.get_value(obj)


def _field_texts(obj, fields, include_related=True):
    for field in fields:
        if isinstance(field, SearchField):
            if field.field_name == "title":
                continue
            try:
                yield _plain(_search_field_value(field, obj))
            except Exception:  # noqa: BLE001 - a broken field must not stop indexing
                logger.warning("Search: could not read %s of %r", field.field_name, obj, exc_info=True)
        elif isinstance(field, RelatedFields) and include_related:
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            items = related.all() if isinstance(related, Manager) else [related() if callable(related) else related]
            for item in items:
                yield from _field_texts(item, field.fields)


def snippet_text(summary, texts):
    """The text result snippets are cut from: the object's own texts without the summary, which is shown with
    the result already. A text that the summary or an earlier text contains is left out (an introduction that
    is also the summary), and a text the summary shortens ("…") keeps only what the summary does not show."""
    shown = summary.removesuffix("…").strip()
    seen = [summary] if summary else []
    kept = []
    for text in texts:
        if shown and summary.endswith("…") and text.startswith(shown):
            text = text[len(shown) :].strip()
        if not text or any(text in earlier for earlier in seen):
            continue
        seen.append(text)
        kept.append(text)
    return " ".join(kept)


def _section_titles(pages):
    """Title of the top-level section (child of the site root) for each page, in one query."""
    prefixes = {p.path[: Page.steplen * 3] for p in pages if p.depth >= 3}
    sections = dict(Page.objects.filter(path__in=prefixes).values_list("path", "title"))
    return {p.pk: sections.get(p.path[: Page.steplen * 3], "") for p in pages}


def document_values(obj, section="", type_key=None):
    """The column values of the SearchDocument for `obj` (no database writes)."""
    title = force_str(getattr(obj, "title", "") or "")[:255]
    summary = _plain(getattr(obj, "summary", "") or "")
    search_fields = obj.get_search_fields() if hasattr(obj, "get_search_fields") else []
    all_text = " ".join(t for t in _field_texts(obj, search_fields) if t)
    body = snippet_text(summary, _field_texts(obj, search_fields, include_related=False))[:BODY_LIMIT]
    date = getattr(obj, "search_result_date", None)
    if date is not None and not hasattr(date, "hour"):  # a date: keep it sortable beside datetimes
        from datetime import datetime, time

        from django.utils import timezone

        date = timezone.make_aware(datetime.combine(date, time(12)))
    if type_key is None:
        model = type(obj)
        type_key = f"{model._meta.app_label}.{model._meta.model_name}"
    values = facet_values(obj, type_key, date)
    # The same analysed terms on every database (see search.dutch), so both find the same documents.
    title_terms = " ".join(dutch.index_terms(title))
    body_terms = " ".join(dutch.index_terms(f"{summary} {all_text}"))
    return {
        "type_key": type_key,
        "title": title,
        "url": force_str(getattr(obj, "url", "") or "")[:1000],
        "summary": summary[:1000],
        "body": body,
        "date": date,
        "section": section[:255],
        "facet_values": values,
        "title_terms": title_terms,
        "body_terms": body_terms,
        "facet_terms": facet_tokens(values),
    }


def facet_values(obj, type_key, date):
    """{facet name: [values]} of `obj` for every facet of search/facets.py that it has values for."""
    context = {"type_key": type_key, "date": date}
    found = {}
    for facet in facets.FACETS:
        values = facet.values(obj, context)
        if values:
            found[facet.name] = values
    return found


def facet_tokens(values):
    """The index tokens of a document's facet values ({name: [values]}), plus the token every document has."""
    tokens = []
    for facet in facets.FACETS:
        tokens += [facet.index_token(value) for value in values.get(facet.name, ())]
    tokens.insert(1 if tokens else 0, facets.EVERYTHING)
    return " ".join(tokens)


def _prefetch(queryset):
    model = queryset.model
    names = [name for facet in facets.FACETS for name in facet.prefetch if hasattr(model, name)]
    return queryset.prefetch_related(*names) if names else queryset


def iter_public_objects(batch_size=500):
    """(object, section title) for everything public, model by model, in batches."""
    for model in searchable_page_models():
        base = public_pages().type(model).filter(content_type=ContentType.objects.get_for_model(model))
        ids = list(base.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), batch_size):
            pages = list(_prefetch(model.objects.filter(pk__in=ids[start : start + batch_size])))
            sections = _section_titles(pages)
            for page in pages:
                yield page, sections[page.pk]
    for model in searchable_other_models():
        queryset = _prefetch(model.public_search_queryset().order_by("pk"))
        for obj in queryset.iterator(chunk_size=batch_size):
            yield obj, ""


def write_documents(pairs, batch_size=500):
    """Insert documents for (object, section) pairs in bulk. Returns how many were written."""
    written = 0
    batch = []
    for obj, section in pairs:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        batch.append(SearchDocument(content_type=ct, object_id=str(obj.pk), **document_values(obj, section)))
        if len(batch) >= batch_size:
            SearchDocument.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        SearchDocument.objects.bulk_create(batch)
        written += len(batch)
    return written


def rebuild():
    """Replace every SearchDocument with fresh ones for all public content. Returns the count."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        count = write_documents(iter_public_objects())
    from search import tasks
    from search.engines import elasticsearch

    elasticsearch.rebuild_quietly()
    tasks.warm_facet_index_quietly()  # so the first search after a rebuild need not build it
    return count


def index_object(obj):
    """Create, refresh or remove the document of one object, depending on whether it is public."""
    obj = obj.specific if isinstance(obj, Page) else obj
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    if not is_public(obj):
        remove_object(obj)
        return None
    section = _section_titles([obj])[obj.pk] if isinstance(obj, Page) else ""
    values = document_values(obj, section)
    document, _created = SearchDocument.objects.update_or_create(
        content_type=ct, object_id=str(obj.pk), defaults=values
    )
    from search.engines import elasticsearch

    elasticsearch.index_document_quietly(document)
    return document


def remove_object(obj):
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    ids = list(SearchDocument.objects.filter(content_type=ct, object_id=str(obj.pk)).values_list("pk", flat=True))
    if ids:
        SearchDocument.objects.filter(pk__in=ids).delete()
        from search.engines import elasticsearch

        elasticsearch.delete_documents_quietly(ids)


def index_subtree(page):
    """Re-index a page and its descendants (after a move or a change of view restrictions)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator(chunk_size=200):
        safely(index_object, descendant)


def reconcile_other_models():
    """Add or remove documents of non-page models whose visibility follows a page (tips of a collection)."""
    for model in searchable_other_models():
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        public_ids = {str(pk) for pk in model.public_search_queryset().values_list("pk", flat=True)}
        documents = dict(SearchDocument.objects.filter(content_type=ct).values_list("object_id", "pk"))
        stale = [pk for object_id, pk in documents.items() if object_id not in public_ids]
        if stale:
            SearchDocument.objects.filter(pk__in=stale).delete()
            from search.engines import elasticsearch

            elasticsearch.delete_documents_quietly(stale)
        missing = public_ids - set(documents)
        for obj in model.objects.filter(pk__in=missing):
            index_object(obj)


def safely(function, *args):
    """Run an index update; log and swallow errors so saving content never fails because of search."""
    try:
        return function(*args)
    except Exception:  # noqa: BLE001
        logger.exception("Search index update failed for %r", args)
        return None


# Bulk changes --------------------------------------------------------------------------------------------


class Changes:
    """The index work a bulk block collected: primary keys (as strings) by model label, for Wagtail's own index
    (``wagtail``) and for SearchDocument (``documents``); whether the visibility of non-page objects may have
    changed with a page (``reconcile``), and whether anything else changed what the facets count (``facets``)."""

    def __init__(self):
        self.wagtail = defaultdict(set)
        self.documents = defaultdict(set)
        self.reconcile = False
        self.facets = False

    def __bool__(self):
        return bool(self.wagtail or self.documents or self.reconcile or self.facets)

    def task_arguments(self):
        """JSON-serialisable arguments of ``search.tasks.index_changes``."""
        return (
            {label: sorted(pks) for label, pks in self.wagtail.items()},
            {label: sorted(pks) for label, pks in self.documents.items()},
            self.reconcile,
        )


# Per thread and per asyncio task; never shared, so a bulk block in one request leaves the others alone.
_bulk = ContextVar("search_bulk_changes", default=None)


@contextmanager
def bulk_changes():
    """Collect the search index work of the objects saved in this block and queue it as one task.

    Without it every saved indexed object queues its own update of Wagtail's index and updates its
    SearchDocument after the commit: an import of a hundred tips queued a hundred tasks. Within it, that work is
    collected (see ``collect_*``); when the block ends, once its changes are committed (``on_commit``), one
    ``search.tasks.index_changes`` task indexes everything collected, in batches, and then builds the facet
    index. Deleted objects still leave the indexes at once. A block nested in another joins the outer one.
    When the block ends with an error, what was collected is still queued: changes committed before the error
    get indexed, objects that were rolled back are skipped by the task.
    """
    if _bulk.get() is not None:
        yield
        return
    changes = Changes()
    token = _bulk.set(changes)
    try:
        yield
    finally:
        _bulk.reset(token)
        if changes:
            from search import tasks

            transaction.on_commit(partial(tasks.index_changes_quietly, *changes.task_arguments()))


@contextmanager
def left_to_update_index():
    """Within this block, saving an object indexes nothing and queues nothing: neither Wagtail's update per saved
    object nor the SearchDocument updates. Only for a command that runs ``update_index`` afterwards, which indexes
    everything anyway (seed_demo: it indexed each demo page three times, on save, revision and publish, before
    indexing all of it again). Wagtail's handlers are disconnected for the whole process while the block runs, so it
    is not for a request in a threaded server. Deleted objects still leave the indexes at once."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    token = _bulk.set(Changes())  # what the SearchDocument handlers collect here is never queued
    try:
        yield
    finally:
        _bulk.reset(token)
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def collect_for_wagtail_index(instance):
    """Inside a bulk block: remember `instance` for Wagtail's index and return True; outside one: False."""
    changes = _bulk.get()
    if changes is None:
        return False
    changes.wagtail[instance._meta.label_lower].add(str(instance.pk))
    return True


def collect_document(instance, reconcile=False):
    """Inside a bulk block: remember `instance` for its SearchDocument and return True; outside one: False."""
    changes = _bulk.get()
    if changes is None:
        return False
    model = type(instance)
    if isinstance(instance, Page):
        model = instance.specific_class or model
    changes.documents[model._meta.label_lower].add(str(instance.pk))
    changes.reconcile = changes.reconcile or reconcile
    return True


def collect_facets():
    """Inside a bulk block: note that the facet index needs a build and return True; outside one: False."""
    changes = _bulk.get()
    if changes is None:
        return False
    changes.facets = True
    return True


def _chunks(items, size):
    items = sorted(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_wagtail_index(model, pks, batch_size=500):
    """Add these objects of `model` to Wagtail's search backends in batches, as Wagtail's own per-object task
    would one by one (``insert_or_update_object``): objects that no longer exist or are not indexed are skipped."""
    for chunk in _chunks(pks, batch_size):
        by_model = defaultdict(list)
        for obj in model.get_indexed_objects().filter(pk__in=chunk):
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_model[type(indexed)].append(indexed)
        for backend_name, backend in get_search_backends_with_name(with_auto_update=True):
            for indexed_model, objects in by_model.items():
                try:
                    backend.add_bulk(indexed_model, objects)
                except Exception:
                    logger.exception("Could not add %s objects to the '%s' search backend", indexed_model, backend_name)
                    if not backend.catch_indexing_errors:
                        raise


def index_objects(model, pks, batch_size=500):
    """Bring the SearchDocuments of these objects of `model` up to date in batches, as ``index_object`` does
    one by one: written or refreshed while public, removed when not public (or gone)."""
    from search.engines import elasticsearch

    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    for chunk in _chunks(pks, batch_size):
        if issubclass(model, Page):
            objects = model.objects.filter(pk__in=public_pages().filter(pk__in=chunk).values("pk"))
            objects = list(_prefetch(objects.specific() if model is Page else objects))
            sections = _section_titles(objects)
        else:
            objects = list(_prefetch(model.public_search_queryset().filter(pk__in=chunk)))
            sections = {}
        existing = {d.object_id: d for d in SearchDocument.objects.filter(content_type=ct, object_id__in=chunk)}
        written, created, fields = [], [], []
        for obj in objects:
            values = document_values(obj, sections.get(obj.pk, ""))
            fields = list(values)
            document = existing.pop(str(obj.pk), None)
            if document is None:
                created.append(SearchDocument(content_type=ct, object_id=str(obj.pk), **values))
            else:
                for name, value in values.items():
                    setattr(document, name, value)
                written.append(document)
        if written:
            SearchDocument.objects.bulk_update(written, fields)
        written += SearchDocument.objects.bulk_create(created)
        stale = [document.pk for document in existing.values()]  # not public (any more), or gone
        if stale:
            SearchDocument.objects.filter(pk__in=stale).delete()
            elasticsearch.delete_documents_quietly(stale)
        for document in written:
            elasticsearch.index_document_quietly(document)


def apply_changes(wagtail, documents, reconcile=False):
    """Do the index work a bulk block collected (``Changes.task_arguments()``); failures are logged per model."""
    for label, pks in wagtail.items():
        safely(update_wagtail_index, apps.get_model(label), pks)
    for label, pks in documents.items():
        safely(index_objects, apps.get_model(label), pks)
    if reconcile:
        safely(reconcile_other_models)
