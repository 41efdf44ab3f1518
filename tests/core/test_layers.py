"""The apps depend on each other in layers only (CONVENTIONS.md: an app depends on core or a shared app, never on a
sibling section):

* ``core`` imports no other app of the project;
* ``events`` (the shared event engine and outbox) imports only core;
* ``accounts`` (members, django-allauth) imports core and events (its mails go through the outbox);
* ``community`` (forum, reactions, following, moderation) imports core, events (the outbox) and accounts;
* ``feedback`` (evaluations, page usefulness) and ``newsletter`` import core and events (the outbox);
* ``search`` imports only core: it reads content through attributes (``search_province``, ``search_municipalities``)
  and Wagtail's registry of indexed models, never by importing a section;
* the sections import only core, events and community (reactions), never a sibling section or search (bulk saves use
  ``core.indexing.bulk_changes()``, which search hooks into).

Every .py file of each app is parsed, migrations included: imports anywhere in a module (also inside functions)
and the app labels a migration depends on.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("expeditions", "knowledgeboost", "networks", "tips", "stories", "campaign")
ALLOWED = {
    "core": set(),
    "events": {"core"},
    "accounts": {"core", "events"},
    "community": {"core", "events", "accounts"},
    "search": {"core"},
    # Shared engagement apps: evaluations and page feedback, the newsletter (content through core's registry).
    "feedback": {"core", "events"},
    "newsletter": {"core", "events"},
    **{section: {"core", "events", "community"} for section in SECTIONS},
}
PROJECT_APPS = set(ALLOWED)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return parts


def imported_modules(path, tree):
    """(line, module) for every import in the file, relative imports resolved."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module


def migration_dependencies(tree):
    """(line, app label) of each ``dependencies = [("app", "0001_…"), …]`` entry of a migration."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "dependencies" for t in node.targets):
            for element in getattr(node.value, "elts", []):
                if isinstance(element, ast.Tuple) and element.elts and isinstance(element.elts[0], ast.Constant):
                    yield element.lineno, element.elts[0].value


def dependencies_of(app):
    """(file:line, other app) for every reference from `app` to another project app."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(ROOT)
        for line, module in imported_modules(path, tree):
            top = module.split(".")[0]
            if top in PROJECT_APPS and top != app:
                found.append((f"{where}:{line} imports {module}", top))
        if "migrations" in path.parts:
            for line, label in migration_dependencies(tree):
                if label in PROJECT_APPS and label != app:
                    found.append((f"{where}:{line} depends on migrations of {label}", label))
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_depends_only_on_the_layers_below_it(app):
    assert (ROOT / app / "__init__.py").exists(), f"{app} is not an app of the project any more"
    forbidden = [where for where, other in dependencies_of(app) if other not in ALLOWED[app]]
    allowed = " and ".join(sorted(ALLOWED[app])) or "no other app of the project"
    assert not forbidden, f"{app} may depend on {allowed}, but:\n" + "\n".join(forbidden)


def test_the_checks_see_relative_imports_and_migration_dependencies(tmp_path):
    """The parser itself: a relative import resolves to its package, and a migration's dependencies are found."""
    source = "from ..search import facets\nfrom . import models\ndependencies = [('tips', '0001_initial')]\n"
    tree = ast.parse(source)
    path = ROOT / "core" / "models" / "example.py"
    assert [module for _line, module in imported_modules(path, tree)] == ["core.search", "core.models"]
    assert list(migration_dependencies(tree)) == [(3, "tips")]


def test_platform_is_not_a_python_package():
    """The standard library owns the name: a platform package breaks uuid, and with it Django."""
    assert (ROOT / "platform").is_dir()
    assert not (ROOT / "platform" / "__init__.py").exists()
