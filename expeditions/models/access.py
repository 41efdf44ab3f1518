from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpeditionAccess(models.Model):
    """The group whose members (the expedition's leaders) may write lessons under one expedition.

    Managed by ``expeditions.permissions``; editors never edit these rows by hand.
    """

    expedition = models.OneToOneField(
        "expeditions.ExpeditionPage", on_delete=models.CASCADE, related_name="access", verbose_name=_("expedition")
    )
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="+", verbose_name=_("group"))

    class Meta:
        verbose_name = _("expedition access")
        verbose_name_plural = _("expedition access")

    def __str__(self):
        return self.group.name
