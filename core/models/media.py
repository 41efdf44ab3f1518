from contextlib import contextmanager

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


class CustomImage(AbstractImage):
    """Image with a default alt text; templates still require alt text per use."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it. Leave empty for decoration."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def get_rendition(self, filter):
        """Wagtail's ``get_rendition``, without writing a rendition it read back to the cache.

        Wagtail's ``get_rendition`` writes the rendition to the renditions cache on every call, also when it came
        from the renditions prefetched with the image or from the cache itself: a round trip (a pickled rendition
        sent to Redis) for every image on every rendered page. Its ``get_renditions`` leaves those out (found in
        the database or made now, a rendition is still written), so one filter goes through that.
        """
        if isinstance(filter, str | Filter):
            return next(iter(self.get_renditions(filter).values()))
        return super().get_rendition(filter)  # Wagtail's error for an unusable filter

    def find_existing_renditions(self, *filters):
        """Wagtail's lookup (prefetched renditions, the cache, the database), with two changes.

        - Prefetched renditions that lack one are not taken as the whole truth: the cache and the database are
          asked too. An image kept with its prefetched renditions per content generation
          (``core.caching.memoize``: the home page's cards, for example) carries the list of when it was kept,
          without renditions made since. Wagtail would then make the rendition, and its ``create_rendition``
          generates the file before it finds the existing row: every view of such a page resized and encoded its
          images again (the home page: 6 images, 800 ms on every uncached view).
        - Renditions read from the cache are marked as Wagtail marks prefetched ones, so that
          ``get_renditions`` does not write them back.
        """
        prefetched = self._get_prefetched_renditions() is not None
        found = super().find_existing_renditions(*filters) if prefetched else {}
        missing = [filter for filter in filters if filter not in found]
        if missing:
            found.update(self._cached_renditions(missing))
            missing = [filter for filter in missing if filter not in found]
        if missing:  # the database (Wagtail asks the cache again first: only here, before a query anyway)
            with self._prefetched_renditions_set_aside():
                stored = super().find_existing_renditions(*missing)
            for rendition in stored.values():
                self._add_to_prefetched_renditions(rendition)
            found.update(stored)
        return found

    def _cached_renditions(self, filters):
        Rendition = self.get_rendition_model()
        keys = {Rendition.construct_cache_key(self, f.get_cache_key(self), f.spec): f for f in filters}
        found = {}
        for key, rendition in Rendition.cache_backend.get_many(list(keys)).items():
            rendition.image = self  # as Wagtail does: this image's own properties (contextual alt text) apply
            rendition._from_cache = True
            found[keys[key]] = rendition
        return found

    @contextmanager
    def _prefetched_renditions_set_aside(self):
        """Within the block, Wagtail sees no prefetched renditions on this image (prefetch_related or to_attr)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        kept = prefetched.pop("renditions", None)
        attribute = self.__dict__.pop("prefetched_renditions", None)
        try:
            yield
        finally:
            if kept is not None:
                prefetched["renditions"] = kept
            if attribute is not None:
                self.prefetched_renditions = attribute


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]
