"""The production stack in platform/, checked without a container runtime (none can pull images here):
the compose file's services and their commands, the settings documented in platform/.env.example (both ways),
the Dockerfile's rules, and that platform/ stays a plain folder that shadows no Python module.

`docker-compose config` validates the compose file itself in CI (.ci/run) where it can be installed.
"""

import ast
import importlib.util
import re
import shlex
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from search import dutch

BASE_DIR = Path(__file__).resolve().parents[2]
PLATFORM = BASE_DIR / "platform"
APP_SERVICES = {"release", "web", "worker", "scheduler"}
# Variables read by tools rather than by our code: compose itself.
TOOL_VARIABLES = {"COMPOSE_PROJECT_NAME"}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((PLATFORM / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def dockerfile():
    """The Dockerfile's instructions, without comments."""
    lines = (PLATFORM / "Dockerfile").read_text().splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def documented_variables():
    """NAME of every `NAME=value` line of .env.example, also the optional ones written as `# NAME=value`."""
    text = (PLATFORM / ".env.example").read_text()
    return set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def variables_read_by(path):
    """Environment variables a Python file reads: os.environ.get/[]/os.getenv and the settings' env_* helpers."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = ast.unparse(node.func)
            if function in {"os.environ.get", "os.getenv", "environ.get"} or function.startswith("env_"):
                names.add(node.args[0].value)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "dj_database_url.config":
            env = [keyword.value.value for keyword in node.keywords if keyword.arg == "env"]
            names.add(env[0] if env else "DATABASE_URL")  # dj-database-url's default variable
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def settings_variables():
    names = set()
    for path in sorted((BASE_DIR / "config" / "settings").glob("*.py")):
        names |= variables_read_by(path)
    return names


def interpolated_variables():
    """${NAME} in compose.yaml, {$NAME} in the Caddyfile and ${NAME} in the shell scripts."""
    names = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (PLATFORM / "compose.yaml").read_text()))
    names |= set(re.findall(r"\{\$([A-Z][A-Z0-9_]*)\}", (PLATFORM / "Caddyfile").read_text()))
    for script in PLATFORM.glob("*.sh"):
        names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", script.read_text()))
    return names


# --- Settings documented both ways ------------------------------------------------------------------------------


def test_every_variable_the_settings_read_is_documented():
    read = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= read  # the scan finds them at all
    missing = read - documented_variables()
    assert not missing, f"read by config/settings/ but not documented in platform/.env.example: {sorted(missing)}"


def test_every_gunicorn_variable_is_documented():
    read = variables_read_by(PLATFORM / "gunicorn.conf.py")
    assert "WEB_CONCURRENCY" in read
    assert not read - documented_variables(), sorted(read - documented_variables())


def test_every_documented_variable_is_read_by_something():
    used = (
        settings_variables() | variables_read_by(PLATFORM / "gunicorn.conf.py") | interpolated_variables()
    ) | TOOL_VARIABLES
    unused = documented_variables() - used
    assert not unused, f"documented in platform/.env.example but read by nothing: {sorted(unused)}"


def test_env_example_holds_no_real_secret():
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", (PLATFORM / ".env.example").read_text(), re.MULTILINE))
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"):
        assert values[name].startswith("change-me"), name
    assert values["POSTGRES_PASSWORD"] in values["DATABASE_URL"]
    assert values["TRUSTED_PROXY_COUNT"] == "1"  # one proxy (caddy) in front of gunicorn
    assert values["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"  # the worker service has work


# --- Compose: services and their commands -----------------------------------------------------------------------


def test_compose_runs_the_whole_stack(compose):
    services = compose["services"]
    assert set(services) == APP_SERVICES | {"caddy", "postgres", "redis", "elasticsearch", "backup"}
    image = services["web"]["image"]
    for name in APP_SERVICES:
        assert services[name]["image"] == image, name
        assert services[name]["build"]["dockerfile"] == "platform/Dockerfile"
        assert (PLATFORM / services[name]["build"]["context"] / "platform" / "Dockerfile").is_file()
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert re.search(r"elasticsearch:9\.\d+\.\d+$", services["elasticsearch"]["image"])
    assert services["elasticsearch"]["environment"]["discovery.type"] == "single-node"
    assert services["caddy"]["image"].startswith("caddy:2")


def command_of(service):
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else command


def manage_commands_in(text):
    return re.findall(r"manage\.py\s+([a-z_]+)", text)


def test_every_command_the_services_run_exists(compose):
    registered = get_commands()
    services = compose["services"]
    for name in ("worker", "scheduler"):
        python, manage, command, *_ = command_of(services[name])
        assert (python, manage) == ("python", "manage.py"), name
        assert command in registered, f"{name} runs manage.py {command}, which is not a command"
    assert command_of(services["worker"])[2] == "db_worker"
    assert command_of(services["scheduler"])[2] == "run_scheduler"

    web = command_of(services["web"])
    assert web[0] == "gunicorn" and web[-1] == "config.wsgi"
    assert (BASE_DIR / web[web.index("--config") + 1]).is_file()
    assert web[web.index("--bind") + 1] == "0.0.0.0:8000"
    assert importlib.util.find_spec("config.wsgi") is not None

    release = command_of(services["release"])
    assert release[:2] == ["sh", "platform/release.sh"]
    script = (BASE_DIR / release[1]).read_text()
    assert manage_commands_in(script)[:2] == ["migrate", "configure_site"]
    for command in manage_commands_in(script):
        assert command in registered, f"platform/release.sh runs manage.py {command}, which is not a command"
    for name in APP_SERVICES - {"release"}:
        assert services[name]["depends_on"]["release"]["condition"] == "service_completed_successfully"


def test_files_the_services_mount_exist(compose):
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (PLATFORM / source).exists(), f"{name} mounts {source}, which does not exist"
    assert "./backup.sh:/usr/local/bin/kennisplatform-backup:ro" in compose["services"]["backup"]["volumes"]
    assert compose["services"]["backup"]["profiles"] == ["backup"]  # only on `docker compose run --rm backup`


def test_health_checks_use_readiness_for_web_and_the_services_own_checks(compose, dockerfile):
    services = compose["services"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "platform/healthcheck.py", "/readyz"]
    assert services["caddy"]["depends_on"]["web"]["condition"] == "service_healthy"
    for name in ("postgres", "redis", "elasticsearch"):
        assert services[name]["healthcheck"]["test"], name
        assert services["release"]["depends_on"][name]["condition"] == "service_healthy"
    # Worker and scheduler serve no HTTP: the image's /healthz check does not apply to them.
    for name in ("worker", "scheduler"):
        assert services[name]["healthcheck"] == {"disable": True}


def test_caddy_proxies_to_gunicorn_and_serves_static_and_images():
    caddyfile = (PLATFORM / "Caddyfile").read_text()
    assert re.search(r"dynamic a web 8000", caddyfile)  # every web container, on gunicorn's port
    assert "encode zstd gzip" in caddyfile
    assert 'Cache-Control "public, max-age=31536000, immutable"' in caddyfile
    assert "/media/images/*" in caddyfile
    assert re.search(r"handle /media/\* \{\s*error 404", caddyfile)  # documents only through Wagtail's view
    # A connection per request to gunicorn: kept-alive upstream connections stay with one worker (bench/README.md)
    assert re.search(r"transport http \{\s*keepalive off\s*\}", caddyfile)


# --- Dockerfile ---------------------------------------------------------------------------------------------------


def final_stage(dockerfile):
    return dockerfile[dockerfile.rindex("\nFROM ") :]


def test_dockerfile_builds_a_slim_non_root_image_without_dev_requirements(dockerfile):
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", dockerfile, re.MULTILINE).group(1)
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base)
    stages = re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert len(stages) >= 2 and set(stages) == {"${PYTHON_IMAGE}"}  # multi-stage, both on the slim base
    users = re.findall(r"^USER (\S+)$", final_stage(dockerfile), re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "requirements-dev" not in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "compilemessages" in dockerfile and "collectstatic --noinput" in dockerfile
    assert re.search(r'^HEALTHCHECK .*\n?.*"platform/healthcheck.py", "/healthz"', dockerfile, re.MULTILINE)
    assert 'CMD ["gunicorn", "--config", "platform/gunicorn.conf.py"' in dockerfile


def test_docker_build_context_leaves_out_local_and_development_files():
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    for entry in (".git", ".venv", "var", "tests", "requirements-dev.txt", "platform/.env*"):
        assert entry in ignored, entry


# --- platform/ is a folder, not a package -----------------------------------------------------------------------


def test_platform_is_not_a_package_and_shadows_no_module():
    assert not (PLATFORM / "__init__.py").exists()
    scripts = list(PLATFORM.glob("*.py"))
    assert {path.name for path in scripts} >= {"gunicorn.conf.py", "healthcheck.py"}
    imported = set()
    for path in scripts:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    for path in scripts:
        name = path.name.removesuffix(".py")
        if not name.isidentifier():
            continue  # e.g. gunicorn.conf.py: no import statement can name it
        assert name not in imported, f"platform/{path.name} shadows the module {name} that platform/ imports"
        assert name not in sys.stdlib_module_names, f"platform/{path.name} shadows the standard library"
        assert importlib.util.find_spec(name) is None, f"platform/{path.name} shadows an installed module"


# --- Elasticsearch --------------------------------------------------------------------------------------------------

# Analysis components of Elasticsearch's bundled analysis-common module and core (no plugin to install).
BUILT_IN_FILTERS = {"lowercase", "asciifolding", "stop", "dictionary_decompounder", "stemmer", "pattern_replace"}


def test_the_dutch_analysis_needs_no_elasticsearch_plugin():
    analysis = dutch.elasticsearch_analysis()["analysis"]
    custom = {name: definition["type"] for name, definition in analysis["filter"].items()}
    assert set(custom.values()) <= BUILT_IN_FILTERS
    for analyzer in analysis["analyzer"].values():
        assert analyzer["tokenizer"] == "standard"
        for name in analyzer["filter"]:
            assert name in custom or name in BUILT_IN_FILTERS, f"{name} needs an Elasticsearch plugin"
