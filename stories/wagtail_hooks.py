from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.home_sections import HomeSection, section_page
from stories.models import StoryIndexPage, StoryPage

HOME_STORY_COUNT = 3


@hooks.register("register_appreciable_model")
def appreciable_stories():
    return StoryPage


@hooks.register("register_home_section")
def newest_stories(home_page, request):
    stories = list(StoryPage.objects.live().public().for_listing()[:HOME_STORY_COUNT])
    for story in stories:
        story.date = story.first_published_at
    index = section_page(request, StoryIndexPage) or StoryIndexPage.objects.live().public().first()
    return HomeSection(
        title=_("Stories"),
        items=stories,
        more_url=index.get_url(request) if index else "",
        more_text=_("All stories"),
        order=40,
    )


@hooks.register("register_demo_content", order=40)
def seed_stories_demo(demo):
    from stories.demo import seed_stories

    seed_stories(demo)


seed_stories_demo.demo_label = _("stories (#100 verhalen)")
