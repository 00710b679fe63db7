"""Backup and restore (docs/cadangan.md), end to end on PostgreSQL: the demo database and its media are backed up with
``pg_dump`` + ``tar``, restored into a new database and folder, and the copy passes the smoke checks of
``tests/smoke.py`` (health, static files, a pegawai logging in through the form) with every evidence file present and
matching its SHA-256. Uses its own two databases on the machine's PostgreSQL and drops them afterwards."""

import os
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests import smoke

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = os.environ.get("KINERJA_CADANGAN_PG", "postgres://postgres@127.0.0.1:5432")
TABLES = ["kepegawaian_pegawai", "indikator_skp", "indikator_realisasi", "indikator_buktidukung", "auditlog_logentry"]


def _postgres_ready() -> bool:
    if not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")):
        return False
    result = subprocess.run(["psql", f"{PG}/postgres", "-Atc", "SELECT 1"], capture_output=True, text=True, timeout=20)
    return result.returncode == 0


pytestmark = pytest.mark.skipif(not _postgres_ready(), reason="PostgreSQL client tools or server not available")


def _env(var_dir: Path, database: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CELERY_", "PYTEST_"))}
    env.update(
        KINERJA_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        DATABASE_URL=f"{PG}/{database}",
        DJANGO_DEBUG="1",  # seed_demo runs only in DEBUG; the smoke checks log in with the demo password
        CELERY_TASK_ALWAYS_EAGER="1",
        LOG_LEVEL="WARNING",
    )
    return env


def _sh(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=600, **kwargs)


def _counts(database: str) -> dict[str, int]:
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)  # noqa: S608 — constants
    out = _sh(["psql", f"{PG}/{database}", "-At", "-F", " ", "-c", sql]).stdout
    return {name: int(n) for name, n in (line.split() for line in out.splitlines())}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MEDIA_CHECK = """
import hashlib
from indikator.models import BuktiDukung
rows = BuktiDukung.objects.exclude(berkas="")
bad = [b.pk for b in rows if not b.berkas.storage.exists(b.berkas.name)
       or hashlib.sha256(b.berkas.open("rb").read()).hexdigest() != b.sha256]
print(rows.count(), len(bad))
"""


def test_backup_restores_into_a_new_database_that_passes_the_smoke_test(tmp_path):
    run_id = uuid.uuid4().hex[:8]
    source, copy = f"kinerja_cadangan_{run_id}", f"kinerja_pulih_{run_id}"
    source_dir, copy_dir = tmp_path / "asal", tmp_path / "pulih"
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    server = None
    try:
        # The demo database, as `make run` builds it.
        _sh(["createdb", "--maintenance-db", f"{PG}/postgres", source])
        _sh([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=_env(source_dir, source))
        _sh([*manage, "seed_demo"], cwd=ROOT, env=_env(source_dir, source))

        # Backup, word for word as docs/cadangan.md.
        dump, media = tmp_path / "kinerja.dump", tmp_path / "media.tar.gz"
        _sh(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", f"{PG}/{source}"])
        _sh(["tar", "-C", str(source_dir / "media"), "-czf", str(media), "."])
        _sh(["pg_restore", "--list", str(dump)])

        # Restore into a new database and a new media folder.
        _sh(["createdb", "--maintenance-db", f"{PG}/postgres", copy])
        _sh(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={PG}/{copy}", str(dump)])
        (copy_dir / "media").mkdir(parents=True)
        _sh(["tar", "-C", str(copy_dir / "media"), "-xzf", str(media)])
        copy_env = _env(copy_dir, copy)
        migrate = _sh([*manage, "migrate", "--noinput"], cwd=ROOT, env=copy_env).stdout
        assert "No migrations to apply" in migrate

        # The copy holds the same rows, and every evidence file with its recorded hash.
        before = _counts(source)
        assert before["indikator_buktidukung"] > 0 and before["kepegawaian_pegawai"] > 0
        assert _counts(copy) == before
        files, bad = _sh([*manage, "shell", "-c", MEDIA_CHECK], cwd=ROOT, env=copy_env).stdout.split()[-2:]
        assert int(files) > 0 and bad == "0"

        # The smoke test of `make run` against the copy (its worker check aside: no worker runs here).
        port = _free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "kinerja.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=ROOT,
            env=copy_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        health = smoke.wait_for_health(base, 90, server.pid)
        assert health["checks"]["database"] == "ok"
        smoke.login_and_check_home(base)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        for name in (source, copy):
            subprocess.run(
                ["dropdb", "--if-exists", "--force", "--maintenance-db", f"{PG}/postgres", name],
                capture_output=True,
                timeout=60,
            )
