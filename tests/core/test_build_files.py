"""The build files name only what exists in the tree."""

import shutil
import subprocess
import tomllib

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def make_variable(name):
    """The value make computes for a Makefile variable."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(  # noqa: S603 - make, our own Makefile
        ["make", "--no-print-directory", "-s", "--eval", "print-%: ; @echo $($*)", f"print-{name}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_every_app_the_makefile_names_exists_with_its_catalogue():
    app_dirs = make_variable("APP_DIRS")
    assert app_dirs, "the Makefile finds the apps"
    missing = [app for app in app_dirs if not (ROOT / app / "apps.py").is_file()]
    assert not missing, f"the Makefile names apps that do not exist: {missing}"
    assert all((ROOT / app / "locale").is_dir() for app in app_dirs)
    with_catalogue = {path.parent.name for path in ROOT.glob("*/locale") if (path.parent / "apps.py").is_file()}
    assert set(app_dirs) == with_catalogue, "make messages updates every app catalogue"


def test_every_first_party_package_pyproject_names_exists():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    first_party = pyproject["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
    missing = [name for name in first_party if not (ROOT / name / "__init__.py").is_file()]
    assert not missing, f"pyproject.toml names packages that do not exist: {missing}"
    for testpath in pyproject["tool"]["pytest"]["ini_options"]["testpaths"]:
        assert (ROOT / testpath).is_dir()
