from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import LifeDomainCode


class LifeDomain(models.Model):
    """One of the nine life domains (``LifeDomainCode``); the rows are made by a data migration.

    A table rather than a choices list on the agenda, so agendas can be filtered by domain and two agendas'
    shared domains counted with one join on an indexed many-to-many table, on SQLite and PostgreSQL alike.
    """

    code = models.CharField(_("code"), max_length=20, unique=True, choices=LifeDomainCode.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")

    def __str__(self):
        return str(self.label)

    @classmethod
    def ensure_all(cls, using=None):
        """The nine rows, as the data migration makes them; again after a test flush emptied the table."""
        manager = cls.objects.db_manager(using) if using else cls.objects
        for order, code in enumerate(LifeDomainCode.values):
            manager.update_or_create(code=code, defaults={"sort_order": order})

    @property
    def label(self):
        return LifeDomainCode(self.code).label
