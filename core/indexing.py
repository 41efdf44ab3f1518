"""A hook for code that saves many objects at once: ``with bulk_changes(): ...``.

Sections (the tips import, later others) wrap bulk saves in ``core.indexing.bulk_changes()`` and so never import
the apps that keep indexes up to date. Those apps register what they do at startup (``register_bulk_changes`` in
their ``AppConfig.ready``): the search app collects the index work of the saved objects and queues it as one task
after the commit (``search.indexing.bulk_changes``). Without registered handlers the block does nothing.
"""

from contextlib import ExitStack, contextmanager

_handlers = {}


def register_bulk_changes(name, context_manager):
    """Enter `context_manager()` around every ``bulk_changes()`` block; registering a name again replaces it."""
    _handlers[name] = context_manager


@contextmanager
def _within_each(handlers):
    """Enter every context manager registered in `handlers` (name: factory) around the block."""
    with ExitStack() as stack:
        for context_manager in list(handlers.values()):
            stack.enter_context(context_manager())
        yield


@contextmanager
def bulk_changes():
    """Let every registered handler collect the work of the objects saved in this block (see the module)."""
    with _within_each(_handlers):
        yield


_full_update_handlers = {}


def register_left_to_update_index(name, context_manager):
    """Enter `context_manager()` around every ``left_to_update_index()`` block; registering a name again replaces it."""
    _full_update_handlers[name] = context_manager


@contextmanager
def left_to_update_index():
    """For a command that runs ``update_index`` after the block (seed_demo): the indexes skip the objects saved in
    it one by one (``search.indexing.left_to_update_index``). Without registered handlers the block does nothing."""
    with _within_each(_full_update_handlers):
        yield


_change_handlers = {}


def register_object_changed(name, handler):
    """Call ``handler(obj)`` for every ``object_changed(obj)``; registering a name again replaces it."""
    _change_handlers[name] = handler


def object_changed(obj):
    """Tell the indexes that `obj` changed without being saved itself (a reply in a forum topic, its author
    blocked): they refresh or drop its entry as after a save of it (inside ``bulk_changes()``: collected)."""
    for handler in list(_change_handlers.values()):
        handler(obj)
