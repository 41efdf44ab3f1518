#!/usr/bin/env bash
# Back up the Kennisplatform: the PostgreSQL database (pg_dump, custom format) and the media files (tar.gz),
# into BACKUP_DIR/kennisplatform-YYYYMMDDTHHMMSSZ/. Backups older than BACKUP_KEEP_DAYS days are removed
# afterwards; the newest complete backup is always kept.
#
#   DATABASE_URL=postgres://user:pass@host:5432/name MEDIA_ROOT=/app/var/media BACKUP_DIR=/backups \
#       bash platform/backup.sh
#   docker compose -f platform/compose.yaml run --rm backup        (the same, inside the stack)
#
# Needs pg_dump of the server's major version or newer (postgresql-client), tar and gzip. A backup is written
# under a temporary name and renamed when complete, so a half-written backup never looks like a real one.
# Prints the path of the new backup on its last line.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the media folder}"
: "${BACKUP_DIR:?BACKUP_DIR must name the folder that receives the backups}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"

case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL (SQLite: copy the file while no one writes)" >&2; exit 2 ;;
esac
[ -d "$MEDIA_ROOT" ] || { echo "backup.sh: MEDIA_ROOT $MEDIA_ROOT does not exist" >&2; exit 2; }

mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/kennisplatform-$stamp"
partial="$target.partial"
trap 'rm -rf "$partial"' EXIT
rm -rf "$partial"
mkdir -m 700 "$partial"

# Custom format: compressed, restorable table by table, and pg_restore can recreate objects in a fresh database.
pg_dump --dbname="$DATABASE_URL" --format=custom --no-owner --no-privileges --file="$partial/database.dump"
tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
{
    echo "created=$stamp"
    echo "pg_dump=$(pg_dump --version)"
    echo "media_files=$(find "$MEDIA_ROOT" -type f | wc -l)"
} >"$partial/MANIFEST"
(cd "$partial" && sha256sum database.dump media.tar.gz >SHA256SUMS)
mv "$partial" "$target"
trap - EXIT

# Retention: remove complete backups older than KEEP_DAYS days, never the one just made.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'kennisplatform-*' ! -name '*.partial' \
    -mtime "+$KEEP_DAYS" ! -path "$target" -print -exec rm -rf {} + | sed 's/^/removed old backup: /'
echo "$target"
