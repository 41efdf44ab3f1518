#!/usr/bin/env bash
# Stock bakerydemo under the same load as bench/pages.py's cold phase: gunicorn with 2 workers x 2 threads
# (gthread), keep-alive off, access log on, DEBUG off (bakerydemo's production settings), wrk with 4
# connections for 5 s per URL after 10 requests each. See README.md beside this file for the set-up.
#
#   BAKERYDEMO=/path/to/bakerydemo VENV=/path/to/venv bench/bakerydemo/run.sh sqlite|postgres
#
# Environment: BAKERYDEMO (the checkout), VENV (its virtual environment), SQLITE_FILE (default
# $BAKERYDEMO/bench.sqlite3), POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/bakery_bench), PORT (8100),
# DURATION (5s), CONNECTIONS (4).
set -euo pipefail
script=$(dirname "$(dirname "$(readlink -f "$0")")")/wrk_report.lua
database=${1:-sqlite}
: "${BAKERYDEMO:?the bakerydemo checkout}" "${VENV:?its virtual environment}"
port=${PORT:-8100}
duration=${DURATION:-5s}
connections=${CONNECTIONS:-4}
base=http://127.0.0.1:$port

export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
export DJANGO_SECRET_KEY=bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz
export SECURE_SSL_REDIRECT=false
case "$database" in
  sqlite) unset DATABASE_URL; export DATABASE_NAME=${SQLITE_FILE:-$BAKERYDEMO/bench.sqlite3} ;;
  postgres) export DATABASE_URL=${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/bakery_bench} ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac

log=$(mktemp)
cd "$BAKERYDEMO"
"$VENV/bin/gunicorn" bakerydemo.wsgi:application --bind "127.0.0.1:$port" --workers 2 --threads 2 \
  --worker-class gthread --keep-alive 0 --access-logfile - >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/" || true)" = 200 ] && break
  sleep 0.5
done

# A blog post (the detail page of the comparison), the blog index and the home page.
urls=(/blog/wild-yeast/ /blog/ /)
for url in "${urls[@]}"; do
  for _ in $(seq 10); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$url")
    [ "$status" = 200 ] || { echo "$url answered $status" >&2; tail -20 "$log" >&2; exit 1; }
  done
done
# Every blog post in turn (as bench/pages.py's "in turn" rows): read from the database before the clock starts.
paths=$(mktemp)
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log" "$paths"' EXIT
"$VENV/bin/python" manage.py shell -c \
  "from bakerydemo.blog.models import BlogPage; print('\n'.join(p.url for p in BlogPage.objects.live().order_by('pk')))" \
  | grep '^/' >"$paths"  # the paths only, not what the shell says when it starts
echo "bakerydemo, $database, gunicorn 2 workers x 2 threads, keep-alive 0, wrk -c$connections -d$duration ($(date -u +%H:%M) UTC,$(uptime | sed 's/.*load/ load/'))"
printf '%-26s %8s %8s %8s\n' URL req/s p50_ms p95_ms
turn="blog posts in turn ($(wc -l <"$paths"))"
for url in "${urls[@]}" "$turn"; do
  target=$base$url list=''
  if [ "$url" = "$turn" ]; then target=$base/ list=$paths; fi
  line=$(WRK_PATHS=$list wrk -t1 -c"$connections" -d"$duration" --timeout 10s -s "$script" "$target" | grep '^{')
  python3 - "$line" "$url" <<'PYTHON'
import json
import sys

data, url = json.loads(sys.argv[1]), sys.argv[2]
rate = data["requests"] / (data["duration_us"] / 1e6)
errors = data["errors"] + data["status_errors"]
note = f"  {errors} errors" if errors else ""
print(f"{url:26} {rate:8.0f} {data['p50_us'] / 1000:8.1f} {data['p95_us'] / 1000:8.1f}{note}")
PYTHON
done
