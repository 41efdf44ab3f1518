"""Automatically filled blocks on the home page that sections plug into.

A section registers a function with the ``register_home_section`` Wagtail hook, e.g.::

    @hooks.register("register_home_section")
    def latest_lessons(home_page, request):
        return HomeSection(order=10, title=_("Latest lessons"), items=[...], more_url=...)

``items`` is a list of pages (or any object with ``title``, ``url`` and optional ``summary``,
``date`` and ``listing_image``). Sections without items are not shown.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass
class HomeSection:
    title: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_text: str = ""
    order: int = 100


def get_home_sections(home_page, request):
    sections = []
    for fn in hooks.get_hooks("register_home_section"):
        section = fn(home_page, request)
        if section is not None and section.items:
            sections.append(section)
    return sorted(sections, key=lambda section: section.order)
