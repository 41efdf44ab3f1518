#!/bin/sh
# The release step of every deploy (compose service `release`), before web, worker and scheduler start:
# migrate, point the default site at SITE_URL, hand the image's static files to the proxy, and build the search
# indexes once when Elasticsearch has none yet (a rebuild of an existing index is a separate, deliberate step:
# see platform/README.md).
set -eu
cd /app
python manage.py migrate --noinput
python manage.py configure_site
# The proxy serves /static/ from the `static` volume. Older hashed files stay, so pages cached with the
# previous release keep working.
if [ -n "${STATIC_VOLUME:-}" ]; then
    cp -R "$STATIC_ROOT"/. "$STATIC_VOLUME"/
fi
if ! python manage.py shell -c "
import sys
from search.engines import elasticsearch as es
sys.exit(0 if not es.is_configured() or es.get_client().indices.exists(index=es.index_name()) else 1)
"; then
    echo "Elasticsearch has no search index yet: building it"
    python manage.py update_index
fi
