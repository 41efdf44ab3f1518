"""The steps of the test: each answer is a POST to this view, which renders the next question or the result.

Why POST, and why without a CSRF token: the test page itself is an anonymous page from the shared cache, which
carries no token. Answering changes nothing that belongs to anyone (there is no session and no account; the state
travels in hidden fields) except the aggregate counters, which any visitor may raise by simply taking the test;
a forged request can do no more than that. The view is rate-limited per client. Counting happens here, on the
submissions, never while a cached page renders.
"""

from contextlib import suppress

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from campaign.quiz import engine
from campaign.quiz.models import QuizCounter, StrengthTestPage
from core.crossorigin import cross_site_refused
from core.ratelimit import hit
from core.text import is_plain_number

STEP_LIMIT = 120  # submissions per client per minute: a few visitors behind one address fit well within it
STEP_WINDOW = 60
ACTIONS = {"start", "next", "skip", "back"}
MAX_ID = 2**63 - 1  # a larger number in the URL is no page (and overflows SQLite's integers)
SHARE_IMAGE_LIMIT = 60  # fresh drawings per client per minute; cached images are not counted
SHARE_IMAGE_WINDOW = 60
SHARE_IMAGE_CACHE_TIMEOUT = 60 * 60 * 24 * 30


def _live_page(page_id):
    if page_id > MAX_ID:
        raise Http404
    page = StrengthTestPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


def _render(request, page, context, status=200):
    base = page.get_context(request)
    base.update(context)
    response = TemplateResponse(request, "campaign_quiz/step_page.html", base, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _problem(request, page, message, status=400):
    return _render(request, page, {"problem": message}, status=status)


@csrf_exempt
@cross_site_refused  # browsers' posts from other sites (core.crossorigin)
def step(request, page_id):
    page = _live_page(page_id)
    if request.method != "POST":
        return redirect(page.url)
    if hit(request, "quiz-step", STEP_LIMIT, STEP_WINDOW):
        return _problem(request, page, _("You are going too fast. Wait a minute and try again."), status=429)

    questions = page.engine_questions()
    total = len(questions)
    if not total:
        return _problem(request, page, _("This test has no questions yet."), status=404)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return _problem(request, page, _("We did not understand this request. Please start the test again."))

    if action == "start":
        QuizCounter.objects.increment(page, "started", "step:1")
        return _render_question(request, page, questions, engine.empty_state(questions), 0, furthest=1)

    try:
        answers = engine.decode_state(request.POST.get("answers", ""), questions)
        current = engine.parse_step(request.POST.get("step", ""), questions)
        furthest = _parse_furthest(request.POST.get("furthest", ""), total)
    except engine.StateError as error:
        return _problem(request, page, error.message)

    if action == "back":
        if current < total and request.POST.get("choice"):
            with suppress(engine.StateError):  # keep a choice made before going back
                answers[current] = engine.parse_option_index(request.POST["choice"], questions[current])
        return _render_question(request, page, questions, answers, max(current - 1, 0), furthest)
    if current >= total:  # "next" or "skip" from the result: nothing further
        return _render_result(request, page, questions, answers, furthest, count=False)

    if action == "next":
        choice = request.POST.get("choice", "")
        if choice == "":
            return _render_question(
                request,
                page,
                questions,
                answers,
                current,
                furthest,
                error=_("Choose an answer, or skip this question."),
            )
        try:
            answers[current] = engine.parse_option_index(choice, questions[current])
        except engine.StateError as error:
            return _render_question(
                request, page, questions, answers, current, furthest, error=error.message, status=400
            )
    else:  # skip
        answers[current] = None

    reached = current + 1  # 0-based index of what comes next; == total for the result
    first_time = reached + 1 > furthest
    if reached >= total:
        return _render_result(request, page, questions, answers, max(furthest, reached + 1), count=first_time)
    if first_time:
        QuizCounter.objects.increment(page, f"step:{reached + 1}")
    return _render_question(request, page, questions, answers, reached, max(furthest, reached + 1))


def _parse_furthest(value, total):
    """How far this visitor got (1-based step; total + 1 is the result): counts each step once per visitor."""
    value = (value or "").strip()
    if not is_plain_number(value, max_digits=4) or not 1 <= int(value) <= total + 1:
        raise engine.StateError(_("This step of the test does not exist. Please start again."))
    return int(value)


def _state_fields(answers, current, furthest):
    return {"answers_state": engine.encode_state(answers), "current_step": current, "furthest": furthest}


def _render_question(request, page, questions, answers, index, furthest, error="", status=None):
    question = questions[index]
    context = {
        "question": question,
        "question_number": index + 1,
        "question_total": len(questions),
        "selected": answers[index],
        "error": error,
        **_state_fields(answers, index, furthest),
    }
    return _render(request, page, context, status=status or 200)


def _render_result(request, page, questions, answers, furthest, count):
    profiles = list(page.profiles.all().select_related("image").prefetch_related("themes"))
    outcome = engine.score([profile.key for profile in profiles], questions, answers)
    profile = next((profile for profile in profiles if profile.key == outcome.winner), None)
    if count:
        QuizCounter.objects.increment(page, "finished", f"profile:{profile.key}" if profile else "no-profile")
    context = {
        "outcome": outcome,
        "question_total": len(questions),
        "result_shown": True,
        **_state_fields(answers, len(questions), furthest),
    }
    if profile is not None:
        context.update(page.result_context(profile))
    return _render(request, page, context)


def share_image(request, page_id, key):
    """The result as a picture to share (1200 x 630), made by the poster maker's engine."""
    from campaign.posters.engine import render_text_card

    page = _live_page(page_id)
    profile = page.find_profile(key)
    stamp = page.last_published_at or page.latest_revision_created_at or page.first_published_at
    version = round(stamp.timestamp() * 1_000_000) if stamp else 0
    cache_key = f"quiz:share-image:{page.pk}:{profile.key}:{version}"
    png = cache.get(cache_key)
    if png is None:
        if hit(request, "quiz-share-image", SHARE_IMAGE_LIMIT, SHARE_IMAGE_WINDOW):
            response = HttpResponse(
                _("You are going too fast. Wait a minute and try again."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "60"
            return response
        png = render_text_card(
            title=_("I am %(profile)s") % {"profile": profile.title.lower()},
            subtitle=page.title,
            format_key="link",
        )
        cache.set(cache_key, png, SHARE_IMAGE_CACHE_TIMEOUT)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=3600)
    return response
