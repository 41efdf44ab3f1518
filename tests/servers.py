"""Real servers for tests that need them: gunicorn with the production configuration (platform/gunicorn.conf.py).

The server runs in its own process group and is always stopped (SIGTERM: a graceful shutdown) when the block ends.
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


@dataclass
class Server:
    host: str
    port: int
    log: Path

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


@contextmanager
def gunicorn(env, log_dir, *, config=GUNICORN_CONFIG):
    """Run `gunicorn --config platform/gunicorn.conf.py config.wsgi` on a free port until the block ends."""
    port = free_port()
    log = Path(log_dir) / f"gunicorn-{port}.log"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    if config is not None:
        command += ["--config", str(config)]
    command.append("config.wsgi")
    with open(log, "w") as output:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_listening(process, port, log)
        yield Server("127.0.0.1", port, log)
    finally:
        _stop(process)


def _wait_until_listening(process, port, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout} s:\n{log.read_text()}")


def _stop(process):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the process group this helper started
        process.wait(timeout=10)
