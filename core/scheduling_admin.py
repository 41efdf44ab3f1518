"""Wagtail admin report of the periodic jobs (Reports → Scheduled jobs): schedule, next run and last run.

Registered from core/wagtail_hooks.py; shown to users with the permission to view scheduled jobs
(administrators).
"""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from core.scheduling import load_schedule, states

PERMISSION = "core.view_scheduledjob"


@permission_required(PERMISSION, raise_exception=True)
def scheduled_jobs_report(request):
    jobs = load_schedule()
    current = states(jobs)
    now = timezone.now()
    rows = [
        {
            "job": job,
            "state": current.get(job.name),
            "enabled": job.is_enabled(),
            "next_run": job.next_run(current.get(job.name), now) if job.is_enabled() else None,
        }
        for job in jobs
    ]
    return TemplateResponse(request, "core/admin/scheduled_jobs.html", {"title": _("Scheduled jobs"), "rows": rows})


class ScheduledJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def admin_urls():
    return [path("reports/scheduled-jobs/", scheduled_jobs_report, name="scheduled_jobs_report")]


def menu_item():
    return ScheduledJobsMenuItem(
        gettext_lazy("Scheduled jobs"),
        reverse("scheduled_jobs_report"),
        name="scheduled-jobs",
        icon_name="time",
        order=950,
    )
