"""The test's aggregate figures for editors: started, per step reached (where people stop), finished, per profile."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from campaign.quiz.models import QuizCounter, StrengthTestPage


def figures_for(page):
    """The figures of one test, ready to show: no personal data exists to show."""
    counts = QuizCounter.objects.figures(page)
    total = len(page.engine_questions())
    started = counts.get("started", 0)
    finished = counts.get("finished", 0)
    steps = []
    for number in range(1, total + 1):
        reached = counts.get(f"step:{number}", 0)
        next_reached = counts.get(f"step:{number + 1}", 0) if number < total else finished
        steps.append({"number": number, "reached": reached, "stopped": max(reached - next_reached, 0)})
    profiles = [
        {"title": profile.title, "count": counts.get(f"profile:{profile.key}", 0)} for profile in page.profiles.all()
    ]
    profiles.append({"title": _("No profile (every question skipped)"), "count": counts.get("no-profile", 0)})
    return {
        "page": page,
        "started": started,
        "finished": finished,
        "finished_percentage": round(100 * finished / started) if started else 0,
        "steps": steps,
        "profiles": profiles,
    }


def report(request):
    pages = [
        page
        for page in StrengthTestPage.objects.all().order_by("title")
        if page.permissions_for_user(request.user).can_edit()
    ]
    return TemplateResponse(
        request,
        "campaign_quiz/admin/report.html",
        {"tests": [figures_for(page) for page in pages], "header_title": _("Strength test figures")},
    )
