"""Crash safety of the report run (issue 13): a real Celery worker on the ``laporan`` queue, with its own Redis as
the broker and its own PostgreSQL, is SIGKILLed while one unit's task is in the middle of its work; the message comes
back (``acks_late`` + ``reject_on_worker_lost``), the redelivered task claims the unit again and the run ends with
exactly one report (and one version) per unit and year.

"In the middle" is made certain, not left to timing: the test holds the row lock of THE report of the middle unit,
so that unit's task is claimed (``berjalan``) and waits inside its storing transaction when the worker dies. The
servers, the fixtures and the polling helpers are those of the import worker test (``tests/test_faults_worker.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

from tests.test_faults_worker import _anak, _query, _siapkan_dunia, _tunggu, pg, redis_broker  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.gangguan, pytest.mark.worker]

UNIT = 6


def _item(server, run: int, unit: int):
    return _query(
        server, "SELECT status, percobaan FROM laporan_itemrun WHERE run_id = %s AND unit_id = %s", [run, unit]
    )


def test_worker_killed_mid_unit_the_run_ends_with_one_report_per_unit_and_year(pg, redis_broker, tmp_path):  # noqa: F811
    import psycopg2

    env, dunia = _siapkan_dunia(pg, redis_broker, tmp_path, "laporan", str(UNIT), timeout=90)
    run, tahun, kunci = dunia["run"], dunia["tahun"], dunia["kunci"]

    # Hold THE report row of the middle unit: its task will wait on the lock inside its storing transaction.
    penahan = psycopg2.connect(pg.url("kinerja"))
    with penahan.cursor() as cur:
        cur.execute("SELECT id FROM laporan_laporan WHERE unit_id = %s AND tahun = %s FOR UPDATE", [kunci, tahun])

    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "kinerja", "worker", "--queues", "laporan", "--concurrency", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    try:
        _tunggu(lambda: _item(pg, run, kunci) == [("berjalan", 1)], 60, "the worker never claimed the locked unit")
        (anak,) = _tunggu(lambda: _anak(worker.pid), 5, "no pool process")
        assert _query(pg, "SELECT status FROM laporan_runlaporan WHERE id = %s", [run]) == [("berjalan",)]
        selesai_sebelum = _query(
            pg, "SELECT count(*) FROM laporan_itemrun WHERE run_id = %s AND status = 'selesai'", [run]
        )[0][0]
        os.kill(anak, signal.SIGKILL)
        penahan.commit()  # the killed task's transaction dies with its connection; the redelivery may store now
        penahan.close()

        status = _tunggu(
            lambda: [r for r in _query(pg, "SELECT status FROM laporan_runlaporan WHERE id = %s", [run])
                     if r[0] in ("selesai", "sebagian")],
            90,
            "the run did not end after the worker process was killed",
        )  # fmt: skip
    finally:
        if not penahan.closed:
            penahan.close()
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)

    log = log_path.read_text(errors="replace")
    assert status == [("selesai",)], log[-3000:]
    assert "WorkerLostError" in log or "SIGKILL" in log, log[-3000:]  # the first attempt really died
    assert selesai_sebelum < UNIT + 1  # killed mid-run, not after it
    status_kunci, percobaan = _item(pg, run, kunci)[0]
    assert status_kunci == "selesai" and percobaan >= 2, log[-3000:]  # claimed again by the redelivered task
    # exactly one report per unit and year, each with exactly one version, every item done once
    assert _query(pg, "SELECT count(*), count(DISTINCT unit_id) FROM laporan_laporan WHERE tahun = %s", [tahun]) == [
        (UNIT + 1, UNIT + 1)
    ]
    assert _query(
        pg,
        "SELECT count(*), count(DISTINCT laporan_id) FROM laporan_versilaporan v JOIN laporan_laporan l "
        "ON l.id = v.laporan_id WHERE l.tahun = %s",
        [tahun],
    ) == [(UNIT + 1, UNIT + 1)]
    assert _query(
        pg, "SELECT jumlah_total, jumlah_selesai, jumlah_gagal FROM laporan_runlaporan WHERE id = %s", [run]
    ) == [(UNIT + 1, UNIT + 1, 0)]
