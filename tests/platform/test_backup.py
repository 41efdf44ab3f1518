"""platform/backup.sh and restore.sh without a database server: the files a backup holds, retention, and that a
failed dump leaves nothing that looks like a backup. (.ci/restore-check runs both on PostgreSQL in CI.)"""

import os
import subprocess
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
BACKUP = BASE_DIR / "platform" / "backup.sh"
RESTORE = BASE_DIR / "platform" / "restore.sh"
DAY = 24 * 60 * 60


@pytest.fixture
def site(tmp_path):
    """Media files, and a pg_dump/pg_restore on PATH that stand in for PostgreSQL's (they log their arguments)."""
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "fiets.jpg").write_bytes(b"\xff\xd8 jpeg")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("pg_dump", "pg_restore"):
        stub = bin_dir / tool
        stub.write_text(
            "#!/bin/sh\n"
            f'[ "$1" = --version ] && {{ echo "{tool} (PostgreSQL) 15.20"; exit 0; }}\n'
            f'echo "$@" >> "{tmp_path}/{tool}.log"\n'
            '[ -n "$FAIL_DUMP" ] && exit 1\n'
            'for arg in "$@"; do case "$arg" in --file=*) echo dump > "${arg#--file=}";; esac; done\n'
        )
        stub.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "DATABASE_URL": "postgres://kp@db.internal:5432/kennisplatform",
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "BACKUP_KEEP_DAYS": "14",
    }
    return tmp_path, env


def run(script, env, *args):
    return subprocess.run(["bash", str(script), *args], env=env, capture_output=True, text=True, timeout=60)  # noqa: S603, S607


def test_backup_holds_the_dump_and_the_media_and_removes_old_backups(site):
    tmp_path, env = site
    backups = tmp_path / "backups"
    old, recent = backups / "kennisplatform-20260101T020000Z", backups / "kennisplatform-20261120T020000Z"
    for folder, age_days in ((old, 30), (recent, 10)):
        folder.mkdir(parents=True)
        os.utime(folder, (time.time() - age_days * DAY,) * 2)

    result = run(BACKUP, env)
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip().splitlines()[-1])
    assert made.parent == backups and made.name.startswith("kennisplatform-")
    assert {path.name for path in made.iterdir()} == {"database.dump", "media.tar.gz", "MANIFEST", "SHA256SUMS"}
    assert "--format=custom" in (tmp_path / "pg_dump.log").read_text()
    listing = subprocess.run(["tar", "-tzf", made / "media.tar.gz"], capture_output=True, text=True, check=True)  # noqa: S603, S607
    assert "./original_images/fiets.jpg" in listing.stdout.split()
    # Older than BACKUP_KEEP_DAYS: gone; younger: kept.
    assert not old.exists()
    assert recent.exists()
    assert f"removed old backup: {old}" in result.stdout


def test_failed_dump_leaves_no_backup(site):
    tmp_path, env = site
    result = run(BACKUP, {**env, "FAIL_DUMP": "1"})
    assert result.returncode != 0
    assert list((tmp_path / "backups").iterdir()) == []


def test_restore_checks_the_backup_and_asks_for_confirmation(site):
    tmp_path, env = site
    made = Path(run(BACKUP, env).stdout.strip().splitlines()[-1])
    target = {**env, "MEDIA_ROOT": str(tmp_path / "restored-media")}

    unconfirmed = run(RESTORE, target, str(made))
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert not (tmp_path / "pg_restore.log").exists()

    (made / "database.dump").write_text("damaged")
    damaged = run(RESTORE, target, str(made), "--yes")
    assert damaged.returncode != 0
    assert not (tmp_path / "pg_restore.log").exists()  # nothing touched

    (made / "database.dump").write_text("dump\n")
    restored = run(RESTORE, target, str(made), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "--single-transaction" in (tmp_path / "pg_restore.log").read_text()
    assert (tmp_path / "restored-media" / "original_images" / "fiets.jpg").read_bytes() == b"\xff\xd8 jpeg"
