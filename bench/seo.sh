#!/usr/bin/env bash
# Lighthouse's SEO category on one page of every page type and on the public views that are not pages,
# against a running demo server (`make run`, or the server the CI starts). Fails unless every score is 100.
#
#   bench/seo.sh                      # URLs from the database in DATABASE_URL / VAR_DIR (bench/_seo_urls.py)
#   LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium bench/seo.sh
#   SEO_JOBS=3 bench/seo.sh           # three audits at once (each in its own Chromium; .ci/seo does this)
#   SEO_URLS="http://… http://…" bench/seo.sh   # these URLs instead of the database's
#
# Lighthouse: `npm install --prefix var/lighthouse lighthouse@12` (outside requirements: it is a Node tool).
# Reports (JSON) go to $OUT (var/seo). An audit spends most of its time waiting for the page to settle, not
# computing, so a few at once finish sooner even on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
LIGHTHOUSE=${LIGHTHOUSE:-var/lighthouse/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=${OUT:-var/seo}
JOBS=${SEO_JOBS:-1}
mkdir -p "$OUT"

if [ ! -x "$LIGHTHOUSE" ]; then
    echo "Lighthouse not found at $LIGHTHOUSE (npm install --prefix var/lighthouse lighthouse@12)" >&2
    exit 2
fi

if [ -n "${SEO_URLS:-}" ]; then
    read -r -a urls <<<"$SEO_URLS"
else
    mapfile -t urls < <("$PYTHON" manage.py shell < bench/_seo_urls.py 2>/dev/null | grep '^http')
fi
if [ "${#urls[@]}" -eq 0 ]; then
    echo "No URLs: is the demo seeded (manage.py seed_demo)?" >&2
    exit 2
fi

# One URL: run Lighthouse, print the score and every SEO audit below 1; the exit status says whether it scored 100.
audit() {
    local url=$1 report=$2
    if ! "$LIGHTHOUSE" "$url" --only-categories=seo --output=json --output-path="$report" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"; then
        echo "   Lighthouse failed on $url"
        return 1
    fi
    "$PYTHON" - "$report" "$url" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
score = round((report["categories"]["seo"]["score"] or 0) * 100)
print(f"{score:4d}  {sys.argv[2]}")
for ref in report["categories"]["seo"]["auditRefs"]:
    audit = report["audits"][ref["id"]]
    if audit["score"] is not None and audit["score"] < 1:
        items = audit.get("details", {}).get("items", [])[:3]
        print(f"      {ref['id']}: {audit['title']} {json.dumps(items)[:300]}")
sys.exit(0 if score == 100 else 1)
PY
}

failed=0
pids=()
logs=()
finish_oldest() {
    wait "${pids[0]}" || failed=1
    cat "${logs[0]}"
    pids=("${pids[@]:1}")
    logs=("${logs[@]:1}")
}
for index in "${!urls[@]}"; do
    url=${urls[$index]}
    name=$(echo "$url" | sed -E 's#^https?://[^/]+/##; s#[^A-Za-z0-9]+#-#g; s#^-|-$##g')
    name=$(printf '%02d-%s' "$index" "${name:-home}")
    audit "$url" "$OUT/$name.json" >"$OUT/$name.log" 2>&1 &
    pids+=("$!")
    logs+=("$OUT/$name.log")
    if [ "${#pids[@]}" -ge "$JOBS" ]; then
        finish_oldest
    fi
done
while [ "${#pids[@]}" -gt 0 ]; do
    finish_oldest
done
echo "${#urls[@]} URLs audited"
exit $failed
