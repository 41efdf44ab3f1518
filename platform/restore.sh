#!/usr/bin/env bash
# Restore a backup made by platform/backup.sh into the database in DATABASE_URL and the folder MEDIA_ROOT.
#
#   DATABASE_URL=postgres://user:pass@host:5432/name MEDIA_ROOT=/app/var/media \
#       bash platform/restore.sh /backups/kennisplatform-20261130T020000Z --yes
#
# Stop web, worker and scheduler first. The database should be empty (a fresh `createdb`); objects that exist
# already are dropped and recreated. Media files of the backup are written over MEDIA_ROOT (files that are not
# in the backup stay). Checks the backup's checksums before it touches anything. Afterwards, on the new
# database: `manage.py migrate` (when the code is newer than the backup), `configure_site`, and
# `update_index` when the search uses Elasticsearch (the index is not part of the backup).
set -euo pipefail

backup="${1:-}"
[ -n "$backup" ] && [ -f "$backup/database.dump" ] || {
    echo "usage: restore.sh BACKUP_FOLDER --yes   (a folder made by backup.sh)" >&2
    exit 2
}
[ "${2:-}" = "--yes" ] || {
    echo "restore.sh overwrites the database in DATABASE_URL and the files in MEDIA_ROOT; add --yes" >&2
    exit 2
}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the media folder to restore into}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
pg_restore --dbname="$DATABASE_URL" --clean --if-exists --no-owner --no-privileges --exit-on-error \
    --single-transaction "$backup/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$backup/media.tar.gz"
echo "restored $backup"
