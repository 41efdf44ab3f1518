"""Real servers for tests that need them: gunicorn, with the production configuration (platform/gunicorn.conf.py)
or with options of the test's own, and management commands in processes of their own.

Each server runs in its own process group and is always stopped when the block ends.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
GUNICORN_CONFIG = BASE_DIR / "platform" / "gunicorn.conf.py"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def live_redis_cache(cache_class, prefix):
    """A cache backend of ``cache_class`` on the test Redis with keys starting ``prefix``; skips the test when no
    Redis is running."""
    import pytest
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running")
    return cache_class(TEST_REDIS_URL, {"KEY_PREFIX": prefix})


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra):
    """The environment production needs, without what the test process itself carries (settings, Redis)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x7#" + "k2" * 30,
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=TEST_REDIS_URL,
        # Two small processes are enough for a test and leave the CPUs to the rest of the suite.
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=600):
    """Run `manage.py *args` in its own process with `env`; returns its output, fails the test if it fails."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def start(command, env, output):
    """Start `command` in BASE_DIR in a process group of its own, writing to the open file `output`."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process, sig=signal.SIGTERM, timeout=40):
    """Send `sig` (SIGTERM: a graceful shutdown) and wait; kill the process group if it does not stop in time."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the process group start() made
        process.wait(timeout=10)


@dataclass
class Server:
    host: str
    port: int
    log: Path
    process: subprocess.Popen

    @property
    def address(self):
        return f"{self.host}:{self.port}"

    def request(self, method, target, headers=None, timeout=60):
        """(status, headers, body) of one request; `target` is sent as it is, like a browser sends its URL."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            # Behind the reverse proxy every request arrives as HTTPS (production redirects plain HTTP).
            connection.request(method, target, headers={"X-Forwarded-Proto": "https", **(headers or {})})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def log_text(self):
        return self.log.read_text(errors="replace")


def listening(server):
    try:
        with socket.create_connection((server.host, server.port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def gunicorn(
    env,
    log_dir,
    *,
    config=GUNICORN_CONFIG,
    options=(),
    app="config.wsgi",
    ready=listening,
    boot_timeout=60,
    stop_signal=signal.SIGTERM,
):
    """Serve `app` with gunicorn on a free port until the block ends; yields a Server once `ready(server)`.

    `config` is the configuration file (None: none, every option is in `options`); the server stops with
    `stop_signal` (SIGTERM: graceful; SIGQUIT: quick).
    """
    port = free_port()
    log_dir = Path(log_dir)
    if config is None:
        config = log_dir / "gunicorn-empty.conf.py"  # else gunicorn reads ./gunicorn.conf.py if there is one
        config.write_text("# empty: every option is on the command line\n")
    log = log_dir / f"gunicorn-{port}.log"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--config", str(config), *options, app]
    with open(log, "w") as output:
        process = start(command, env, output)
    server = Server("127.0.0.1", port, log, process)
    try:
        _wait_until_ready(server, ready, boot_timeout)
        yield server
    finally:
        stop(process, stop_signal)


def _wait_until_ready(server, ready, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{server.log_text()}")
        if ready(server):
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn was not ready on port {server.port} within {timeout} s:\n{server.log_text()}")
