#!/usr/bin/env bash
# Lighthouse's SEO category on one page of every page type and on the public views that are not pages,
# against a running demo server (`make run`, or the server the CI starts). Fails unless every score is 100.
#
#   bench/seo.sh                      # URLs from the database in DATABASE_URL / VAR_DIR (bench/_seo_urls.py)
#   LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium bench/seo.sh
#
# Lighthouse: `npm install --prefix var/lighthouse lighthouse@12` (outside requirements: it is a Node tool).
# Reports (JSON) go to $OUT (var/seo).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
LIGHTHOUSE=${LIGHTHOUSE:-var/lighthouse/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=${OUT:-var/seo}
mkdir -p "$OUT"

if [ ! -x "$LIGHTHOUSE" ]; then
    echo "Lighthouse not found at $LIGHTHOUSE (npm install --prefix var/lighthouse lighthouse@12)" >&2
    exit 2
fi

mapfile -t urls < <("$PYTHON" manage.py shell < bench/_seo_urls.py 2>/dev/null | grep '^http')
if [ "${#urls[@]}" -eq 0 ]; then
    echo "No URLs: is the demo seeded (manage.py seed_demo)?" >&2
    exit 2
fi

failed=0
for url in "${urls[@]}"; do
    name=$(echo "$url" | sed -E 's#^https?://[^/]+/##; s#[^A-Za-z0-9]+#-#g; s#^-|-$##g')
    report="$OUT/${name:-home}.json"
    "$LIGHTHOUSE" "$url" --only-categories=seo --output=json --output-path="$report" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" || { failed=1; continue; }
    "$PYTHON" - "$report" "$url" <<'PY' || failed=1
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
done
exit $failed
