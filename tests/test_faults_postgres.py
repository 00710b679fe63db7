"""PostgreSQL restarted while clients save realisations through gunicorn: during the outage the answers are fast,
clean 503s in the one error shape; afterwards the app serves again without a restart (CONN_HEALTH_CHECKS); every
save answered with success is in the database, none twice (optimistic locking: each success is one version).

The database is a throwaway cluster of the test (initdb + pg_ctl in a temporary directory, on a free port); the
machine's PostgreSQL is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.layanan_uji import PG_BIN, PostgresSendiri, port_bebas

pytestmark = pytest.mark.gangguan

KLIEN = 3
DETIK_KLIEN = 16
PADAM_SETELAH = 4  # seconds of normal traffic before the restart
PADAM_SELAMA = 3


def _env(pg: PostgresSendiri, var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "CELERY_", "DATABASE_"))}
    env.update(
        DATABASE_URL=pg.url("kinerja"),
        DATABASE_CONN_MAX_AGE="60",  # persistent connections: they all die with the server
        DJANGO_SETTINGS_MODULE="kinerja.settings",
        PYTHONUNBUFFERED="1",
        KINERJA_VAR_DIR=str(var),
    )
    return env


def _tunggu_http(url: str, batas: float = 30) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def pg(tmp_path):
    server = PostgresSendiri()
    server.start()
    yield server
    server.hancurkan()


def test_postgres_restart_gives_clean_503s_then_serves_again_and_loses_no_saved_write(pg, tmp_path):
    subprocess.run(
        [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "kinerja"], check=True
    )
    env = _env(pg, tmp_path / "var")
    siap = subprocess.run(
        [sys.executable, "tests/gangguan_siapkan.py", "realisasi", str(KLIEN)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    dunia = json.loads(siap.stdout.strip().splitlines()[-1])

    port = port_bebas()
    log = (tmp_path / "gunicorn.log").open("wb")
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kinerja.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "30"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    klien = []
    try:
        base = f"http://127.0.0.1:{port}"
        _tunggu_http(base + "/api/v1/")
        for i, iki in enumerate(dunia["iki"]):
            keluar = tmp_path / f"klien-{i}.json"
            proses = subprocess.Popen(
                [sys.executable, "tests/gangguan_klien.py", base, dunia["token"], str(iki), str(dunia["periode_ke"]),
                 str(DETIK_KLIEN), str(keluar)],
                cwd=settings.BASE_DIR,
            )  # fmt: skip
            klien.append((iki, proses, keluar))
        time.sleep(PADAM_SETELAH)
        pg.stop()
        padam_mulai = time.monotonic()
        time.sleep(PADAM_SELAMA)
        pg.start()
        pulih = time.monotonic()
        for _iki, proses, _keluar in klien:
            assert proses.wait(timeout=DETIK_KLIEN + 30) == 0
    finally:
        for _iki, proses, _keluar in klien:
            if proses.poll() is None:
                proses.kill()
        os.killpg(web.pid, 15)
        web.wait(timeout=20)
        log.close()

    import psycopg2

    conn = psycopg2.connect(pg.url("kinerja"))
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT iki_id, nilai, versi FROM indikator_realisasi WHERE periode_ke = %s", [dunia["periode_ke"]]
            )
            baris = cur.fetchall()
    finally:
        conn.close()
    di_db = {iki: (nilai, versi) for iki, nilai, versi in baris}
    assert len(baris) == len(di_db) == KLIEN  # one row per IKI: no save created a second one

    gagal_bentuk = []
    jumlah_503 = jumlah_sukses = 0
    for iki, _proses, keluar in klien:
        catatan = json.loads(keluar.read_text())
        sukses = [c for c in catatan if c["status"] in (200, 201)]
        simpan = [c for c in catatan if "nilai" in c]
        assert sukses, f"IKI {iki}: no save succeeded"
        jumlah_sukses += len(sukses)
        for c in simpan:
            if c["status"] == 503:
                jumlah_503 += 1
                error = c["isi"].get("error", {}) if isinstance(c["isi"], dict) else {}
                if not (c["jenis"].startswith("application/json") and error.get("code") == "service_unavailable"):
                    gagal_bentuk.append(c)
                assert c["detik"] < 6, c  # fast: no hanging on the dead server
            else:
                assert c["status"] in (200, 201, 409), c
        # Served again after the restart, by the same gunicorn workers.
        assert sukses[-1] is simpan[-1] or any(c["status"] in (200, 201) for c in simpan[-5:]), simpan[-5:]
        # Every success is one version: the last success is in the row, or a later save whose answer was lost.
        nilai, versi = di_db[iki]
        sesudah = [c["nilai"] for c in simpan[simpan.index(sukses[-1]) :] if c["status"] not in (200, 201, 409)]
        assert str(int(nilai)) in {sukses[-1]["nilai"], *sesudah}
        assert len(sukses) <= versi <= len(sukses) + sum(1 for c in simpan if c["status"] not in (200, 201, 409))
    print(f"PostgreSQL dimulai ulang: {jumlah_sukses} simpan sukses, {jumlah_503} jawaban 503, {KLIEN} klien")
    assert not gagal_bentuk, gagal_bentuk[:3]
    assert jumlah_503 > 0, "the outage was not seen by any client"
    assert pulih - padam_mulai < PADAM_SELAMA + 30
