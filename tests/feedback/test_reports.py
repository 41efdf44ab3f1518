"""The organisers' reports in the Wagtail admin, the export and the average on the week page."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from core.factories import ContentPageFactory
from feedback.models import Evaluation, PageVote
from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import Registration
from tests.feedback.conftest import ENDED, make_session, make_week

URL = "/admin/feedback/evaluaties/"


def evaluate(session, marks, comments=()):
    """Invite len(marks) participants of ``session``; those with a mark (not None) answered."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Registration)
    comments = list(comments) + [""] * len(marks)
    for mark, comment in zip(marks, comments, strict=False):
        registration = RegistrationFactory(session=session)
        Evaluation.objects.create(
            registration_type=content_type,
            registration_id=registration.pk,
            event=session,
            group=session.get_parent(),
            programme="knowledgeboost.sessionpage",
            mark=mark,
            better=comment,
            answered_at=ENDED + datetime.timedelta(days=1) if mark is not None else None,
        )


@pytest.fixture
def figures(index_page, week_page, session_page):
    """Week 1: two sessions (marks 8, 6, 10 and one silent; 7 and 9); week 2: one session (5, silent)."""
    other = make_session(week_page, title="Workshop vacatures")
    evaluate(session_page, [8, 6, 10, None], ["Meer pauzes"])
    evaluate(other, [7, 9])
    second_week = make_week(index_page, title="Kennisboostweek Samenwerken", day=ENDED - datetime.timedelta(weeks=3))
    earlier = ENDED - datetime.timedelta(weeks=3)
    evaluate(make_session(second_week, title="Samen met je gemeente", end=earlier), [5, None])
    return {"week": week_page, "session": session_page, "other": other, "second_week": second_week}


def figure(content, name):
    return content.split(f'data-figure="{name}">')[1].split("<")[0]


def test_the_programme_figures(client, organiser, figures):
    client.force_login(organiser)
    content = client.get(URL + "?programme=knowledgeboost.sessionpage").content.decode()
    assert figure(content, "invited") == "8"
    assert figure(content, "answered") == "6"
    assert figure(content, "rate") == "75%"
    assert figure(content, "average") == "7,5"  # (8 + 6 + 10 + 7 + 9 + 5) / 6
    assert "Kennisboostweek Inclusief welkom" in content and "Kennisboostweek Samenwerken" in content
    assert 'data-mark="10"><th scope="row">10</th><td>1</td>' in content
    assert 'data-mark="1"><th scope="row">1</th><td>0</td>' in content


def test_the_week_figures_per_session(client, organiser, figures):
    client.force_login(organiser)
    content = client.get(f"{URL}?programme=knowledgeboost.sessionpage&group={figures['week'].pk}").content.decode()
    assert figure(content, "invited") == "6"
    assert figure(content, "average") == "8,0"
    assert "Webinar: wie mis je nog?" in content and "Workshop vacatures" in content
    assert "Samen met je gemeente" not in content


def test_the_session_figures_and_comments(client, organiser, figures):
    client.force_login(organiser)
    content = client.get(f"{URL}?event={figures['session'].pk}").content.decode()
    assert figure(content, "invited") == "4"
    assert figure(content, "rate") == "75%"
    assert figure(content, "average") == "8,0"
    assert "Meer pauzes" in content


def test_all_programmes(client, organiser, figures):
    client.force_login(organiser)
    content = client.get(URL).content.decode()
    assert "Kennisboostweken" in content
    assert figure(content, "invited") == "8"


def test_nonsense_scope_is_ignored_not_an_error(client, organiser, figures):
    client.force_login(organiser)
    for query in ("?event=abc", "?group=-1", "?programme=%00", "?event=99999999999999999999999", "?export=pdf"):
        assert client.get(URL + query).status_code == 200


def test_csv_export(client, organiser, figures):
    Evaluation.objects.filter(better="Meer pauzes").update(useful='=HYPERLINK("https://evil.example")')
    client.force_login(organiser)
    response = client.get(f"{URL}?group={figures['week'].pk}&export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="evaluaties.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Programma",
        "Week of netwerk",
        "Bijeenkomst",
        "Beantwoord op (Europe/Amsterdam)",
        "Cijfer",
        "Wat was nuttig",
        "Wat kan beter",
    ]
    assert len(rows) == 6
    assert {row[4] for row in rows[1:]} == {"8", "6", "10", "7", "9"}
    assert rows[1][0] == "Kennisboostweken" and rows[1][1] == "Kennisboostweek Inclusief welkom"
    assert any(row[5] == '\'=HYPERLINK("https://evil.example")' for row in rows)


def test_xlsx_export(client, organiser, figures):
    client.force_login(organiser)
    response = client.get(f"{URL}?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][4] == "Cijfer"
    assert sorted(row[4] for row in rows[1:]) == [5, 6, 7, 8, 9, 10]
    assert isinstance(rows[1][3], datetime.datetime)


def test_reports_need_the_permission(client, editor, organiser, figures):
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL + "?export=csv").status_code in (302, 403)
    assert client.get("/admin/feedback/nuttig/").status_code in (302, 403)
    assert "Evaluaties" not in client.get("/admin/").content.decode()
    client.force_login(organiser)
    assert client.get(URL).status_code == 200
    assert client.get("/admin/feedback/nuttig/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client, figures):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_report_runs_the_same_number_of_queries_for_few_and_many(
    client, organiser, index_page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(organiser)
    week = make_week(index_page, title="Week A")
    evaluate(make_session(week, title="Sessie A"), [8], ["Goed"])
    client.get(URL)  # warm what the admin caches per process
    counts = []
    for round_number in range(2):
        for query in ("", "?programme=knowledgeboost.sessionpage", f"?group={week.pk}"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(URL + query).status_code == 200
            counts.append(len(queries))
        if round_number:
            break
        for number in range(6):  # more weeks, sessions, answers and comments
            other_week = make_week(index_page, title=f"Week {number}")
            for session_number in range(3):
                evaluate(make_session(other_week, title=f"Sessie {number}.{session_number}"), [7, 9, None], ["x", "y"])
            evaluate(make_session(week, title=f"Extra {number}"), [6, 10], ["z"])
        client.get(URL)  # new pages start a new content generation: the site's per-generation memos fill once
    assert counts[:3] == counts[3:], counts


def test_the_week_page_shows_the_average_from_the_minimum_on(client, figures, settings):
    settings.FEEDBACK_PUBLIC_MINIMUM_RESPONSES = 6
    week = figures["week"]
    # The average shows once the week is over. The fixture's week runs Monday to Friday around its sessions, which
    # ended two days ago: from Wednesday to Friday that week is still on. It ends on its sessions' day here.
    week.end_date = ENDED.date()
    week.save()
    assert "gemiddeld een" not in client.get(week.url).content.decode()  # five answers
    evaluate(figures["other"], [7])
    content = client.get(week.url).content.decode()
    assert "Deelnemers gaven deze week gemiddeld een 7,8 (6 beoordelingen)." in content  # 47 / 6


def test_an_answer_refreshes_the_cached_week_page(client, figures, settings):
    """The average depends on the week's evaluations, not the site's content generation."""
    from core import caching

    evaluation = Evaluation.objects.filter(event=figures["session"], answered_at__isnull=True).get()
    generation = caching.current_generation()
    from feedback import evaluations

    evaluations.answer(evaluation, mark=4, useful="", better="")
    assert caching.current_generation() == generation
    assert evaluation.page_cache_dependencies() == [f"evaluations:{figures['week'].pk}"]


def test_the_least_useful_pages(client, organiser, home_page):
    useful = ContentPageFactory(parent=home_page, title="Nuttige pagina")
    useless = ContentPageFactory(parent=home_page, title="Vage pagina")
    few = ContentPageFactory(parent=home_page, title="Weinig stemmen")
    for answer in [True] * 4 + [False]:
        PageVote.objects.create(page=useful, path=useful.url, useful=answer)
    for answer, comment in [(False, "Te vaag"), (False, ""), (True, ""), (False, "Geen voorbeelden")]:
        PageVote.objects.create(page=useless, path=useless.url, useful=answer, comment=comment)
    PageVote.objects.create(page=few, path=few.url, useful=False)
    client.force_login(organiser)
    content = client.get("/admin/feedback/nuttig/").content.decode()
    assert content.index("Vage pagina") < content.index("Nuttige pagina")
    assert "75% (3)" in content and "20% (1)" in content
    assert "Te vaag" in content and "Geen voorbeelden" in content
    assert "Weinig stemmen" not in content  # below the minimum of three votes


def test_xlsx_export_of_an_answer_with_control_characters(client, organiser, figures):
    """Answers stored before the form cleaned control characters still export (openpyxl refuses them)."""
    Evaluation.objects.filter(better="Meer pauzes").update(useful="Goed\x01 verhaal\x0b", better="Meer\x1b pauzes")
    client.force_login(organiser)
    response = client.get(f"{URL}?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("Goed verhaal", "Meer pauzes") in {(row[5], row[6]) for row in rows}
