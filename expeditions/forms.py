from wagtail.admin.forms import WagtailAdminPageForm


class LessonPageForm(WagtailAdminPageForm):
    """Offer only the leaders of the lesson's own expedition as author; a leader writing a lesson is the default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from expeditions.models import ExpeditionLeader

        author_field = self.fields.get("author")
        if author_field is None or self.parent_page is None:
            return
        leaders = ExpeditionLeader.objects.filter(leaderships__expedition_id=self.parent_page.pk).distinct()
        if self.instance.author_id:
            leaders = leaders | ExpeditionLeader.objects.filter(pk=self.instance.author_id)
        author_field.queryset = leaders.distinct()
        user = getattr(self, "for_user", None)
        if not self.instance.pk and not self.is_bound and user is not None:
            own = leaders.filter(user=user).first()
            if own is not None:
                self.initial["author"] = own.pk
