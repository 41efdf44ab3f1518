"""The content kinds that sections register for the theme hubs, related content, feeds and the newsletter."""

import datetime

import pytest
from django.utils import timezone

from core import content_registry

pytestmark = pytest.mark.django_db

EXPECTED_KINDS = {"tips", "lessons", "stories", "sessions", "meetings", "agendas", "expeditions"}


def test_every_section_registers_its_kinds_in_order():
    keys = [kind.key for kind in content_registry.kinds()]
    assert set(keys) >= EXPECTED_KINDS
    # Forum topics are written by members: the hubs, their feeds and related content ask for them, the lists of
    # what the programme published (home page figures, newsletter, newest feed) do not.
    assert "topics" not in keys
    assert "topics" in [kind.key for kind in content_registry.kinds(include_community=True)]
    orders = [kind.order for kind in content_registry.kinds()]
    assert orders == sorted(orders)
    # Dutch labels, singular and plural.
    from django.utils import translation

    with translation.override("nl"):
        assert str(content_registry.get("lessons").label) == "Lessen"
        assert str(content_registry.get("lessons").singular) == "Les"
        assert str(content_registry.get("stories").label) == "Verhalen"


def test_every_kind_lists_public_items_with_themes_and_a_url(demo):
    for kind in content_registry.kinds():
        items = list(kind.listing(kind.public())[:5])
        if kind.key in EXPECTED_KINDS - {"meetings"}:
            assert items, f"the demo has no public {kind.key}"
        for item in items:
            assert item.get_url() and item.get_url().startswith("/"), item
            assert kind.date_of(item) is not None, (kind.key, item)
            assert hasattr(item, "themes") and hasattr(item, "audiences")
            assert content_registry.kind_for(item) is kind


def test_upcoming_kinds_leave_out_what_has_ended(demo):
    sessions = content_registry.get("sessions")
    items = list(sessions.public())
    now = timezone.now()
    assert all(item.end > now for item in items)
    assert [item.start for item in items] == sorted(item.start for item in items)


def test_tipped_kinds_are_newest_first_and_tagged_narrows_them(demo):
    from core.models import Theme

    for kind in content_registry.kinds():
        if kind.upcoming:
            continue
        values = [v for v in kind.public().values_list(kind.date_field, flat=True) if v is not None]
        normalised = [v if isinstance(v, datetime.datetime) else v for v in values]
        assert normalised == sorted(normalised, reverse=True), kind.key
    theme = Theme.objects.filter(tips__isnull=False).first()
    tips = content_registry.get("tips")
    tagged = list(tips.tagged(themes=[theme.pk]))
    assert tagged and all(theme in tip.themes.all() for tip in tagged)
    assert len({tip.pk for tip in tagged}) == len(tagged)
    assert not tips.tagged().exists()
