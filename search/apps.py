from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.health import register_check
        from core.indexing import register_bulk_changes, register_left_to_update_index, register_object_changed
        from search import health, indexing, signals

        signals.connect()
        # Sections wrap bulk saves in core.indexing.bulk_changes(), which enters search's bulk block.
        register_bulk_changes("search", indexing.bulk_changes)
        # seed_demo runs update_index after seeding: nothing is indexed one object at a time meanwhile.
        register_left_to_update_index("search", indexing.left_to_update_index)
        # Objects whose search text changed without a save of their own (a forum topic's posts) report it there.
        register_object_changed("search", signals.on_object_changed)
        # /readyz reports the search backend too.
        register_check("search", health.check_search)
