"""templates/components/error_summary.html: one error summary for the forms that wrote it out themselves (local
actions, match requests, forum posts, the account and profile forms, feedback, the newsletter).

It must render what the local action form (campaign) and the match request form (networks) rendered before: the
same role, tabindex, focus hook, heading (level and id), links to the fields in the order the form shows them, and
the form's own errors last.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from campaign.forms import LocalActionForm
from networks.forms_matching import MatchRequestForm

WEEK = SimpleNamespace(start_date=datetime.date(2026, 3, 9), end_date=datetime.date(2026, 3, 15))
# The markup both templates had before the component (their headings differed: h2 and h4).
BEFORE = """{% load i18n %}{% if form.errors %}
<div class="error-summary" role="alert" tabindex="-1" data-error-summary aria-labelledby="ID">
    <hLEVEL id="ID">{% translate "There is a problem" %}</hLEVEL>
    <ul>
        {% for field in form.visible_fields_in_order %}{% for error in field.errors %}
        <li><a href="#{{ field.id_for_label }}">{{ error }}</a></li>
        {% endfor %}{% endfor %}
        {% for error in form.non_field_errors %}<li>{{ error }}</li>{% endfor %}
    </ul>
</div>
{% endif %}"""


def squeeze(html):
    return re.sub(r">\s+<", "><", " ".join(html.split())).strip()


def component(form, **extra):
    return render_to_string("components/error_summary.html", {"form": form, **extra})


def before(form, title_id, level):
    source = BEFORE.replace("ID", title_id).replace("LEVEL", str(level))
    return Template(source).render(Context({"form": form}))


@pytest.mark.parametrize(
    ("make_form", "title_id", "level"),
    [
        (lambda data: LocalActionForm(data, week=WEEK), "action-error-summary-title", 2),
        (lambda data: MatchRequestForm(data), "match-error-summary-title", 4),
    ],
)
def test_the_component_renders_what_each_form_rendered_before(db, make_form, title_id, level):
    form = make_form({"email": "geen adres"})
    assert not form.is_valid()
    form.add_error(None, "Probeer het later nog eens.")
    extra = {"fields": form.visible_fields_in_order(), "title_id": title_id}
    if level != 2:
        extra["level"] = level
    with translation.override("nl"):
        rendered = component(form, **extra)
        assert squeeze(rendered) == squeeze(before(form, title_id, level))
    # every field's error links to that field, in the form's order; the form's own error comes last
    links = re.findall(r'<li><a href="#([^"]+)">', rendered)
    shown = [field.id_for_label for field in form.visible_fields_in_order() if field.errors]
    assert links == shown and len(links) > 1
    assert squeeze(rendered).endswith("<li>Probeer het later nog eens.</li></ul></div>")


class Example(forms.Form):
    name = forms.CharField()
    themes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def test_defaults_visible_fields_a_level_two_heading_and_nothing_without_errors():
    assert component(Example()).strip() == ""
    assert component(Example({"name": "Sam", "themes": ["a"]})).strip() == ""
    html = component(Example({}))
    assert 'aria-labelledby="error-summary-title"' in html and '<h2 id="error-summary-title">' in html
    # a group of checkboxes has no single label target: the link goes to its first option, which takes focus
    assert re.findall(r'<a href="#([^"]+)">', html) == ["id_name", "id_themes_0"]
    assert 'id="id_themes_0"' in str(Example({})["themes"])
