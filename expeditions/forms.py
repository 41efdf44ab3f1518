from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm


class LessonPageForm(WagtailAdminPageForm):
    """Offer only the leaders of the lesson's own expedition as author; a leader writing a lesson is the default.

    A lesson's current author stays on offer even when they no longer lead the expedition, so saving the lesson
    does not silently drop them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from expeditions.models import ExpeditionLeader, ExpeditionLeadership

        author_field = self.fields.get("author")
        if author_field is None or self.parent_page is None:
            return
        # One filter with a subquery, no join: no duplicates, so no DISTINCT to combine (or fail to combine).
        of_expedition = Q(
            pk__in=ExpeditionLeadership.objects.filter(expedition_id=self.parent_page.pk).values("leader_id")
        )
        offered = of_expedition | Q(pk=self.instance.author_id) if self.instance.author_id else of_expedition
        author_field.queryset = ExpeditionLeader.objects.filter(offered)
        user = getattr(self, "for_user", None)
        if not self.instance.pk and not self.is_bound and user is not None:
            own = ExpeditionLeader.objects.filter(of_expedition, user=user).first()
            if own is not None:
                self.initial["author"] = own.pk
