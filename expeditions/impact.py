"""The impact overview on the expedition index: figures from aggregate queries, drawn as SVG bar charts."""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .models import ExpeditionPage, ExpeditionStatus, ExpeditionTargetGroup, TargetGroup
from .models.querysets import status_expression

BAR_HEIGHT = 28
BAR_GAP = 12
LABEL_WIDTH = 230
BAR_AREA = 300
VALUE_GAP = 8
CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 70


@dataclass
class Bar:
    label: str
    value: int
    width: int = 0
    y: int = 0

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT // 2

    @property
    def bar_x(self):
        return LABEL_WIDTH

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + VALUE_GAP

    @property
    def value_display(self):
        return number_format(self.value, force_grouping=True)


@dataclass
class BarChart:
    """A horizontal bar chart; the template draws it as SVG with a title, a description and a table."""

    slug: str
    title: str
    description: str
    value_heading: str
    label_heading: str
    bars: list = field(default_factory=list)

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=0)
        for position, bar in enumerate(self.bars):
            bar.y = position * (BAR_HEIGHT + BAR_GAP)
            bar.width = round(BAR_AREA * bar.value / largest) if largest else 0

    @property
    def width(self):
        return CHART_WIDTH

    @property
    def height(self):
        return max(len(self.bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)

    @property
    def bar_height(self):
        return BAR_HEIGHT

    @property
    def label_x(self):
        return LABEL_WIDTH - VALUE_GAP

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)

    @property
    def summary(self):
        """The figures in one sentence, for the SVG description."""
        return "; ".join(f"{bar.label}: {bar.value_display}" for bar in self.bars)


def volunteers_per_target_group(expeditions):
    """New volunteers per target group over the completed expeditions: one aggregate query."""
    completed = expeditions.completed().values("pk")
    rows = (
        ExpeditionTargetGroup.objects.filter(expedition__in=completed)
        .values("target_group")
        .annotate(total=Coalesce(Sum("new_volunteers"), 0))
        .order_by()
    )
    return {row["target_group"]: row["total"] for row in rows}


def expeditions_per_status(expeditions):
    """Number of expeditions per (derived) status: one aggregate query."""
    rows = (
        expeditions.annotate(status_key=status_expression()).values("status_key").annotate(count=Count("pk")).order_by()
    )
    return {row["status_key"]: row["count"] for row in rows}


def impact_overview(index_page):
    expeditions = ExpeditionPage.objects.child_of(index_page).live().public()
    volunteers = volunteers_per_target_group(expeditions)
    statuses = expeditions_per_status(expeditions)
    volunteer_chart = BarChart(
        slug="volunteers",
        title=_("New volunteers per target group"),
        description=_("Bar chart of the new volunteers in completed expeditions, per target group"),
        label_heading=_("Target group"),
        value_heading=_("New volunteers"),
        bars=[Bar(label=str(choice.label), value=volunteers.get(choice.value, 0)) for choice in TargetGroup],
    )
    status_chart = BarChart(
        slug="status",
        title=_("Expeditions per status"),
        description=_("Bar chart of the number of expeditions per status"),
        label_heading=_("Status"),
        value_heading=_("Expeditions"),
        bars=[Bar(label=str(choice.label), value=statuses.get(choice.value, 0)) for choice in ExpeditionStatus],
    )
    return {"volunteers": volunteer_chart, "statuses": status_chart}
