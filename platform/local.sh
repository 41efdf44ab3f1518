#!/usr/bin/env bash
# The production configuration without containers (`make production`): config.settings.production with
# gunicorn (platform/gunicorn.conf.py), the task worker (db_worker) and the scheduler (run_scheduler), against
# the local PostgreSQL and Redis. For trying production behaviour on this machine only: it makes up a secret key
# (kept in PRODUCTION_DIR) and turns off what needs TLS in front (the HTTPS redirect and HSTS).
#
#   bash platform/local.sh serve            create the database if needed, migrate, seed the demo, collect
#                                           static files, then run the three processes until Ctrl-C / SIGTERM
#   bash platform/local.sh manage ARGS...   manage.py with the same environment (e.g. `manage createsuperuser`)
#
# Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kennisplatform_prod), REDIS_URL
# (redis://127.0.0.1:6379/0), HOST/PORT (127.0.0.1:8000), PRODUCTION_DIR (var/production: secret key, static
# files, media), PYTHON (.venv/bin/python); any other setting of README's Configuration table.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
PRODUCTION_DIR="${PRODUCTION_DIR:-var/production}"
mkdir -p "$PRODUCTION_DIR"
PRODUCTION_DIR="$(cd "$PRODUCTION_DIR" && pwd)"

export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kennisplatform_prod}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="http://${HOST}:${PORT}"
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-$SITE_URL}"
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export STATIC_ROOT="${STATIC_ROOT:-$PRODUCTION_DIR/static}"
export MEDIA_ROOT="${MEDIA_ROOT:-$PRODUCTION_DIR/media}"
# Plain HTTP on this machine: no redirect to HTTPS and no HSTS (browsers accept the secure cookies on
# 127.0.0.1 and localhost). Mail is printed by the worker instead of sent.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
if [ -z "${SECRET_KEY:-}" ]; then
    if [ ! -s "$PRODUCTION_DIR/secret_key" ]; then
        (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$PRODUCTION_DIR/secret_key")
    fi
    SECRET_KEY="$(cat "$PRODUCTION_DIR/secret_key")"
fi
export SECRET_KEY

manage() { "$PYTHON" manage.py "$@"; }

create_database() {
    case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) return 0 ;; esac
    local name="${DATABASE_URL##*/}"
    name="${name%%\?*}"
    if ! psql -q -d "$DATABASE_URL" -c "SELECT 1" >/dev/null 2>&1; then
        echo "== Creating database $name"
        psql -q -d "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE \"$name\";"
    fi
}

serve() {
    create_database
    echo "== Migrate, seed the demo, collect static files (settings: $DJANGO_SETTINGS_MODULE)"
    manage migrate --noinput
    manage seed_demo --admin --host "$HOST" --port "$PORT"
    manage collectstatic --noinput -v0

    local pids=()
    stop_all() {
        trap - INT TERM EXIT
        [ "${#pids[@]}" -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null || true  # graceful: each finishes its work
        wait || true
        echo "== Stopped gunicorn, worker and scheduler"
    }
    trap 'stop_all; exit 0' INT TERM
    trap stop_all EXIT

    echo "== Serving on $SITE_URL (gunicorn), with the task worker and the scheduler; Ctrl-C stops all three"
    "$PYTHON" -m gunicorn --config platform/gunicorn.conf.py --bind "$HOST:$PORT" config.wsgi &
    pids+=($!)
    manage db_worker &
    pids+=($!)
    manage run_scheduler &
    pids+=($!)
    # One of them ends on its own: something is wrong, stop the others too.
    local status=0
    wait -n || status=$?
    echo "== A process ended (status $status); stopping the others" >&2
    exit 1
}

case "${1:-serve}" in
    serve) serve ;;
    manage) shift; manage "$@" ;;
    *) echo "usage: $0 [serve | manage ARGS...]" >&2; exit 2 ;;
esac
