"""Building blocks for `manage.py seed_demo`.

Every section adds its demo content with the ``register_demo_content`` Wagtail hook::

    @hooks.register("register_demo_content", order=20)
    def seed_expeditions(demo):
        index = demo.ensure_page(demo.home, ExpeditionIndexPage, slug="expedities", title=...)

``demo`` is a :class:`DemoBuilder`. All helpers are idempotent: a second run finds what the
first one made and changes nothing.

`make run` runs seed_demo on requirements.txt alone: demo modules build their objects with plain model
construction and ``add_child``, never with the test factories (factory_boy is a dev requirement). Factories may
reuse helpers from the demo, not the other way round (tests/core/test_newcomer.py checks this).
"""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify

from core.illustrations import illustration_for
from core.models import Audience, CustomImage, Theme

ILLUSTRATION_PREFIX = "illustratie-"


class DemoBuilder:
    def __init__(self, stdout=None, style=None):
        self.stdout = stdout
        self.style = style
        self.created = 0
        self.home = None

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def ensure_page(self, parent, model, *, slug, title, publish=True, **fields):
        """Return the child of `parent` with this slug, creating and publishing it when missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, title=title, **fields)
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        self.created += 1
        self.log(f"  + {model._meta.verbose_name}: {title}")
        return page

    def ensure_terms(self, model, names):
        terms = {}
        for name in names:
            slug = slugify(name)
            term, created = model.objects.get_or_create(slug=slug, defaults={"name": name})
            if created:
                self.created += 1
            terms[name] = term
        return terms

    def themes(self, *names):
        return [Theme.objects.get(slug=slugify(name)) for name in names]

    def audiences(self, *names):
        return [Audience.objects.get(slug=slugify(name)) for name in names]

    def image(self, title, alt_text=""):
        """An illustration drawn for the demo (core/illustrations) that suits the title, made once per title.

        An image of an earlier demo that still holds a generated placeholder gets the illustration instead."""
        key, path, illustration_alt = illustration_for(title)
        alt_text = alt_text or illustration_alt
        existing = CustomImage.objects.filter(title=title).first()
        if existing is not None:
            if ILLUSTRATION_PREFIX not in existing.file.name:
                self._set_illustration(existing, key, path, alt_text)
            return existing
        image = CustomImage(title=title)
        self._set_illustration(image, key, path, alt_text)
        self.created += 1
        return image

    def _set_illustration(self, image, key, path, alt_text):
        if image.pk:
            image.renditions.all().delete()
        image.alt_text = alt_text
        with path.open("rb") as handle:
            image.file = ImageFile(io.BytesIO(handle.read()), name=f"{ILLUSTRATION_PREFIX}{key}.png")
        image.save()
