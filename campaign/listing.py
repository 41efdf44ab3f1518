"""What the campaign pages show: the calendar, a week with its actions and materials, the materials library."""


def index_context(page, request):
    return {}


def week_context(page, request):
    return {}


def materials_context(page, request):
    return {}
