"""The state of the periodic jobs (core/schedule.py): a lock per job and its last run."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Short labels take the context "scheduled job": they mean something else elsewhere ("Running" of an expedition).


class ScheduledJob(models.Model):
    """One job of the schedule: who holds it now (a lock with a lease) and how its last run went.

    The row is the lock. A process claims a job with one conditional UPDATE (free, or its lease expired),
    so two schedulers, or a scheduler and `manage.py jobs --run`, never run the same job at once; a process
    that dies holds it at most until `locked_until`. `last_slot` is the scheduled time of the last run the
    scheduler started: every slot runs once, even when two schedulers run (during a deploy).
    """

    class Outcome(models.TextChoices):
        RUNNING = "running", pgettext_lazy("scheduled job", "Running")
        SUCCEEDED = "succeeded", pgettext_lazy("scheduled job", "Succeeded")
        FAILED = "failed", pgettext_lazy("scheduled job", "Failed")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", pgettext_lazy("scheduled job", "Schedule")
        MANUAL = "manual", pgettext_lazy("scheduled job", "By hand")

    name = models.CharField(_("name"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    locked_by = models.CharField(_("locked by"), max_length=255, blank=True)
    last_slot = models.DateTimeField(_("last scheduled time"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_outcome = models.CharField(_("last outcome"), max_length=20, choices=Outcome.choices, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_output = models.TextField(_("last output"), blank=True)
    last_run_by = models.CharField(_("last run by"), max_length=255, blank=True)
    last_trigger = models.CharField(_("last started by"), max_length=20, choices=Trigger.choices, blank=True)
    last_success_at = models.DateTimeField(_("last succeeded at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name

    @property
    def duration(self):
        """How long the last run took (a timedelta), or None while it runs or before the first run."""
        if self.last_started_at and self.last_finished_at and self.last_finished_at >= self.last_started_at:
            return self.last_finished_at - self.last_started_at
        return None

    @property
    def is_running(self):
        return bool(self.locked_until and self.locked_until > timezone.now())

    @property
    def interrupted(self):
        """The last run started and never finished: its process died (its lease has expired)."""
        return self.last_outcome == self.Outcome.RUNNING and not self.is_running

    def get_outcome_label(self):
        if self.interrupted:
            return pgettext_lazy("scheduled job", "Interrupted")
        return self.get_last_outcome_display() or pgettext_lazy("scheduled job", "Never run")
