"""A real Celery worker process SIGKILLed in the middle of a long import: the message comes back
(``acks_late`` + ``reject_on_worker_lost``), the redelivered run takes the job over (the dead runner's advisory
lock is gone, its transaction rolled back) and the job ends exactly once, with every row once.

Own servers only: a throwaway PostgreSQL cluster and a redis-server as the broker (tests/layanan_uji.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.layanan_uji import PG_BIN, PostgresSendiri, RedisSendiri

pytestmark = pytest.mark.gangguan

BARIS = 2500


@pytest.fixture
def pg():
    server = PostgresSendiri()
    server.start()
    yield server
    server.hancurkan()


@pytest.fixture
def redis_broker(tmp_path):
    server = RedisSendiri(tmp_path)
    server.start()
    yield server
    server.stop()


def _query(pg, sql: str, params=()):
    import psycopg2

    conn = psycopg2.connect(pg.url("kinerja"))
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


def _anak(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _tunggu(kondisi, batas: float, pesan: str):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = kondisi()
        if hasil:
            return hasil
        time.sleep(0.1)
    raise AssertionError(pesan)


def _siapkan_dunia(pg, redis_broker, tmp_path, *perintah: str, timeout: float) -> tuple[dict, dict]:
    """The worker's own world: a database ``kinerja`` on the test's PostgreSQL, the environment a worker runs in
    (its Redis as broker, ``tests.settings_gangguan``), and ``tests/gangguan_siapkan.py <perintah>`` run in it;
    returns the environment and the JSON the script printed last."""
    subprocess.run(
        [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "kinerja"], check=True
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "CELERY_", "DATABASE_"))}
    env.update(
        DATABASE_URL=pg.url("kinerja"),
        REDIS_URL=redis_broker.url,
        DJANGO_SETTINGS_MODULE="tests.settings_gangguan",
        KINERJA_VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONUNBUFFERED="1",
    )
    siap = subprocess.run(
        [sys.executable, "tests/gangguan_siapkan.py", *perintah],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return env, json.loads(siap.stdout.strip().splitlines()[-1])


def test_worker_killed_mid_import_the_job_ends_once_with_every_row(pg, redis_broker, tmp_path):
    env, dunia = _siapkan_dunia(pg, redis_broker, tmp_path, "impor", str(BARIS), timeout=60)
    job = dunia["job"]
    assert _query(pg, "SELECT status FROM kepegawaian_imporjob WHERE id = %s", [job]) == [("menunggu",)]

    # Hold the pegawai table against writes (reads go on): the import validates, then its writing transaction waits
    # on this lock, and the worker is killed there, inside that transaction, however fast the machine is (a sleep
    # "well inside the import" let a quiet machine finish the import before the kill).
    import psycopg2

    penahan = psycopg2.connect(pg.url("kinerja"))
    with penahan.cursor() as cur:
        cur.execute("LOCK TABLE kepegawaian_pegawai IN SHARE ROW EXCLUSIVE MODE")

    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "kinerja", "worker", "--concurrency", "1", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    try:
        _tunggu(
            lambda: _query(pg, "SELECT status FROM kepegawaian_imporjob WHERE id = %s", [job]) == [("berjalan",)],
            40,
            "the worker never started the import",
        )
        _tunggu(
            lambda: _query(
                pg,
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> %s",
                [penahan.get_backend_pid()],
            )[0][0],
            60,
            "the import never reached its writing transaction",
        )
        (anak,) = _tunggu(lambda: _anak(worker.pid), 5, "no pool process")
        assert _query(pg, "SELECT status FROM kepegawaian_imporjob WHERE id = %s", [job]) == [("berjalan",)]
        os.kill(anak, signal.SIGKILL)
        penahan.commit()  # the killed run's transaction dies with its connection; the redelivered run may write
        penahan.close()

        status = _tunggu(
            lambda: [
                r for r in _query(pg, "SELECT status, pesan FROM kepegawaian_imporjob WHERE id = %s", [job])
                if r[0] in ("selesai", "gagal")
            ],
            50,
            "the job did not end after the worker process was killed",
        )  # fmt: skip
    finally:
        penahan.close()  # a failed step above must not leave the lock to block the redelivered run or the cleanup
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)

    log = log_path.read_text(errors="replace")
    assert status == [("selesai", "Impor selesai.")], log[-3000:]
    assert "WorkerLostError" in log or "SIGKILL" in log, log[-3000:]  # the first run really died
    assert _query(pg, "SELECT count(*), count(DISTINCT nip) FROM kepegawaian_pegawai") == [(BARIS, BARIS)]
    (ringkasan,) = _query(pg, "SELECT ringkasan FROM kepegawaian_imporjob WHERE id = %s", [job])[0]
    assert ringkasan["pegawai_baru"] == BARIS and ringkasan["unit_baru"] == 1
    # The killed run's audit entries were rolled back with it: one creation entry per pegawai.
    (entri,) = _query(
        pg,
        "SELECT count(*) FROM auditlog_logentry l JOIN django_content_type t ON t.id = l.content_type_id "
        "WHERE t.app_label = 'kepegawaian' AND t.model = 'pegawai' AND l.action = 0",
    )[0]
    assert entri == BARIS
