"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS or REDIS_URL; HTTPS-only cookies and HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
if not REDIS_URL:  # noqa: F405
    # Every gunicorn worker and the task worker must share one cache: otherwise each worker counts its own
    # rate limits (4 workers let 40 of 60 through a limit of 10) and web workers never see the spelling
    # vocabulary the task worker builds.
    raise ImproperlyConfigured(
        "REDIS_URL must be set in the environment for production (for example redis://127.0.0.1:6379/0): "
        "rate limits and the search vocabulary need a cache shared by all processes."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Accounts: staff open the Wagtail admin only with an authenticator app (accounts.middleware).
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", True)  # noqa: F405
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
