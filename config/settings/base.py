"""Base settings: safe for production by default; dev/test/production only adjust them.

Everything that differs between machines comes from the environment (see README).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "events",
    "expeditions",
    "knowledgeboost",
    "networks",
    "tips",
    "stories",
    "search",
    "accounts",
    "community",
    "campaign",
    "campaign.posters",
    "campaign.quiz",
    "feedback",
    "newsletter",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page views from the shared cache (core/caching.py); 304s for cached and other pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    "community.middleware.ViewCountMiddleware",  # counts views of cached and rendered pages alike (no cookies)
    "core.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file under var/ so a fresh machine needs nothing.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several web workers and the task worker write to one file: a write transaction takes the write lock
    # when it begins (not halfway, where SQLite cannot wait and fails with "database is locked"), others
    # wait for it up to `timeout` seconds, and readers never block writers (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, and our queries are short. When the planner
    # overestimates a small join (stale statistics after bulk changes), JIT spent 70 ms compiling a query that
    # runs in 0.1 ms: the site lookup every page makes.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Public members and editors are the same users; both log in through django-allauth (accounts/).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# --- accounts (django-allauth): owned by accounts/; see accounts/README section in the project README ---
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Members log in with their email address or their username (the @mention handle).
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"  # adds the display name
ACCOUNT_FORMS = {"login": "accounts.login.LoginForm"}
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.USERNAME_VALIDATORS"
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_BLACKLIST = ["admin", "beheer", "beheerder", "moderator", "redactie", "kennisplatform"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account; a new one is verified before it replaces the old one
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password/email was changed" mails
ACCOUNT_LOGOUT_ON_GET = False  # logging out is a POST (a link cannot log anyone out)
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = None  # the login form asks "Remember me"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kennisplatform] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/180s/key",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kennisplatform"
# Staff (Django staff or Wagtail admin access) must activate an authenticator before they reach /admin/
# (accounts.middleware.StaffTwoFactorMiddleware). On in production.py.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", False)
# The Wagtail admin logs in through allauth, so the second factor is asked there too
# (Wagtail's /admin/login/ forwards to allauth's login: accounts.middleware.StaffTwoFactorMiddleware.)
MIDDLEWARE = [*MIDDLEWARE, "accounts.middleware.StaffTwoFactorMiddleware"]
# Sessions: two weeks for "Remember me", otherwise until the browser closes; never readable by scripts.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A rejected form explained in Dutch, in the site's layout (Django's own page is English and technical).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Restricted pages send visitors to the same login (Wagtail's own would skip allauth's checks and second factor).
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
# --- end accounts ---

# Internationalisation: the public site and the admin speak Dutch.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# Static files and uploads
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: per-process memory in development and tests. Production refuses to start without REDIS_URL
# (production.py): per-client rate limits and the spelling vocabulary the task worker builds only hold
# when every web worker and the worker share one cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, with one redis-py client per connection pool (core/redis_cache.py).
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hang every request with it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous page cache (core/caching.py): how long a page is kept in the shared cache (every content change
# starts a new generation anyway; the timeout bounds how late time-dependent pages, such as a session that
# has begun, and appreciation counts can be), and how long browsers and proxies may reuse a copy.
PAGE_CACHE_ENABLED = True
PAGE_CACHE_TIMEOUT = 300
PAGE_CACHE_MAX_AGE = 60
PAGE_CACHE_STALE_WHILE_REVALIDATE = 60

# Reverse proxies of our own in front of the app: how many X-Forwarded-For entries to believe for
# per-client rate limits (0: use REMOTE_ADDR). Production behind one proxy: 1.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Email
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kennisplatform <noreply@kennisplatform.localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: Wagtail's task framework (django-tasks). Production uses the database
# backend with `manage.py db_worker`; dev and tests run tasks immediately.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# /readyz reports the process unready when more tasks than this wait for the worker (down or falling behind).
READINESS_MAX_PENDING_TASKS = int(os.environ.get("READINESS_MAX_PENDING_TASKS", "500"))

# Wagtail
WAGTAIL_SITE_NAME = "Kennisplatform"
# The public address (e.g. https://kennisplatform.nl): `manage.py configure_site` gives the default Wagtail Site
# its hostname and port, from which all absolute links are built (canonical, share, feeds, iCalendar, e-mails).
SITE_URL = os.environ.get("SITE_URL", "")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.CustomDocument"
# Documents are always served through Wagtail's serve view (privacy checks apply), never from /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Campaign materials (campaign/) add posters and logos (images, SVG), radio spots (audio) and packages (zip); every
# document is served as an attachment, so an SVG is never shown inline on our domain.
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "txt", "xlsx"),
    *("png", "jpg", "jpeg", "svg", "wav", "mp3", "ogg", "zip"),
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Shared-password privacy is off: Wagtail stores those passwords in plain text.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests: the admin shows its default avatar, not Gravatar
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Search: Wagtail's database backend, unless ELASTICSEARCH_URL is set (search app, issue 6). With
# Elasticsearch, the database backend stays configured and up to date beside it as the fallback.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
_DATABASE_SEARCH_BACKEND = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
if ELASTICSEARCH_URL:
    from search.dutch import elasticsearch_analysis

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kennisplatform_"),
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {"settings": elasticsearch_analysis()},
        },
        "database": _DATABASE_SEARCH_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": _DATABASE_SEARCH_BACKEND}
# The search page's own Elasticsearch index (one document per public object) and its time budget.
SEARCH_ELASTICSEARCH_INDEX = os.environ.get("SEARCH_ELASTICSEARCH_INDEX", "kennisplatform_search")
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "2"))
# Anonymous query counts are kept this many days, then `manage.py prune_search_logs` removes them.
SEARCH_QUERY_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_QUERY_LOG_RETENTION_DAYS", "180"))

# Security: sane for production already; production.py tightens transport settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy for the public site: no inline scripts or styles, nothing third-party.
# The Wagtail admin is excluded because it still relies on inline scripts.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ("/admin/",),
    "DIRECTIVES": {
        "default-src": ("'self'",),
        "script-src": ("'self'",),
        "style-src": ("'self'",),
        "img-src": ("'self'", "data:"),
        "font-src": ("'self'",),
        "connect-src": ("'self'",),
        "form-action": ("'self'",),
        "frame-ancestors": ("'none'",),
        "base-uri": ("'self'",),
        "object-src": ("'none'",),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"), "propagate": False},
    },
}

SITE_NAME = _("Kennisplatform")
