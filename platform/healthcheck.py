"""Container health check: GET a path of the local web process; exit 0 on 200, 1 otherwise.

    python platform/healthcheck.py /healthz     liveness (the image's HEALTHCHECK)
    python platform/healthcheck.py /readyz      readiness (compose's web health check)

Standard library only. The request carries the site's first ALLOWED_HOSTS name as Host and, like every request
through the proxy, X-Forwarded-Proto: https, so the production settings neither refuse the host nor redirect.
"""

import http.client
import os
import sys


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    host = (os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip() or "localhost").lstrip(".")
    connection = http.client.HTTPConnection("127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read(2000).decode(errors="replace")
    except OSError as error:
        sys.stderr.write(f"{path}: no answer ({error.__class__.__name__})\n")
        return 1
    finally:
        connection.close()
    if response.status != 200:
        sys.stderr.write(f"{path}: {response.status} {body}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
