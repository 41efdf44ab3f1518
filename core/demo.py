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

import hashlib
import io
import random

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw

from core.models import Audience, CustomImage, Theme

PALETTE = ["#0b5394", "#1e6b34", "#8e3b8e", "#b45309", "#0f766e", "#9f1239", "#3f3f8f"]


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
        """A locally generated placeholder image (no downloads), made once per title."""
        existing = CustomImage.objects.filter(title=title).first()
        if existing is not None:
            return existing
        image = CustomImage(title=title, alt_text=alt_text)
        image.file = ImageFile(placeholder_png(title), name=f"{slugify(title)[:60] or 'afbeelding'}.png")
        image.save()
        self.created += 1
        return image


def placeholder_png(seed_text, size=(1200, 675)):
    """Abstract, friendly shapes in the house colours; deterministic per seed text."""
    digest = hashlib.sha256(seed_text.encode()).digest()
    rng = random.Random(digest)  # noqa: S311 - decorative, not security related
    background, *others = rng.sample(PALETTE, 4)
    width, height = size
    img = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(img)
    for colour in others * 2:
        radius = rng.randint(height // 8, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    draw.rectangle((0, height - height // 10, width, height), fill="#ffd966")
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    return buffer
