"""Image renditions are made once and read cheaply: core.models.media.CustomImage.

Wagtail trusts prefetched renditions as the whole truth, and its create_rendition generates the file before it
finds an existing row; images kept with their prefetched renditions per content generation (core.caching.memoize)
made every uncached view of the home page resize and encode its pictures again. Wagtail also writes every
rendition it hands out back to the cache, even one it has just read from there.
"""

import pytest
from wagtail.images.models import Filter

from core.factories import ImageFactory
from core.models import CustomImage
from expeditions.models import ExpeditionPage, LessonPage
from stories.models import StoryIndexPage

pytestmark = pytest.mark.django_db

SPEC = "fill-120x80"


@pytest.fixture
def generated(monkeypatch):
    """The filter specs of every rendition file generated from now on."""
    specs = []
    generate = CustomImage.generate_rendition_file

    def counting(self, filter, *args, **kwargs):
        specs.append(filter.spec)
        return generate(self, filter, *args, **kwargs)

    monkeypatch.setattr(CustomImage, "generate_rendition_file", counting)
    return specs


@pytest.fixture
def cache_writes(monkeypatch):
    """The keys of every rendition written to the renditions cache from now on (the same cache holds more)."""
    backend = CustomImage.get_rendition_model().cache_backend
    keys = []
    set_one, set_many = backend.set, backend.set_many

    inside_set_many = []  # Django's base set_many (the local memory cache's) calls set for each key: one write

    def note(written):
        keys.extend(key for key in written if key.startswith("wagtail-rendition-"))

    def one(key, *args, **kwargs):
        if not inside_set_many:
            note([key])
        return set_one(key, *args, **kwargs)

    def many(data, *args, **kwargs):
        note(data)
        inside_set_many.append(True)
        try:
            return set_many(data, *args, **kwargs)
        finally:
            inside_set_many.pop()

    monkeypatch.setattr(backend, "set", one)
    monkeypatch.setattr(backend, "set_many", many)
    return keys


def test_an_image_kept_with_an_older_prefetch_finds_the_rendition_made_since(generated):
    image = ImageFactory()
    kept = CustomImage.objects.prefetch_renditions(SPEC).get(pk=image.pk)  # prefetched before it existed
    made = image.get_rendition(SPEC)
    assert generated == [SPEC]
    CustomImage.get_rendition_model().cache_backend.clear()  # not in the cache either: found in the database

    found = kept.get_rendition(SPEC)
    assert found.pk == made.pk
    assert generated == [SPEC], "the file was generated again"
    assert kept.get_rendition(SPEC).pk == made.pk  # now part of the image's prefetched renditions


def test_a_rendition_read_from_the_prefetch_or_the_cache_is_not_written_back(cache_writes):
    image = ImageFactory()
    image.get_rendition(SPEC)  # made: written to the cache, as Wagtail does
    assert len(cache_writes) == 1

    prefetched = CustomImage.objects.prefetch_renditions(SPEC).get(pk=image.pk)
    prefetched.get_rendition(SPEC)
    CustomImage.objects.get(pk=image.pk).get_rendition(SPEC)  # from the cache
    assert len(cache_writes) == 1

    CustomImage.get_rendition_model().cache_backend.clear()
    from_database = CustomImage.objects.get(pk=image.pk).get_rendition(Filter(spec=SPEC))
    assert from_database.image_id == image.pk
    assert len(cache_writes) == 2  # read from the database: written, so the next view reads the cache
    assert CustomImage.objects.get(pk=image.pk).get_renditions(SPEC)[SPEC].pk == from_database.pk
    assert len(cache_writes) == 2


def test_the_demo_pages_make_their_pictures_once(demo, client, generated, cache_writes):
    urls = [
        "/",
        StoryIndexPage.objects.get().url,
        ExpeditionPage.objects.live().first().url,
        LessonPage.objects.live().exclude(listing_image=None).first().url,
    ]
    for url in urls:  # the first views make the renditions and keep the pages' invariants (core.caching)
        assert client.get(url).status_code == 200
    assert generated, "the demo pages show no pictures"
    generated.clear()
    cache_writes.clear()

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert "/media/not-found" not in response.content.decode()
    assert generated == [], "pictures were generated again"
    assert cache_writes == []
