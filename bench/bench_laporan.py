"""Benchmark of the annual report run (issue 13), on PostgreSQL.

    .venv/bin/python bench/bench_laporan.py                                   # own database kinerja_lap_bench
    .venv/bin/python bench/bench_laporan.py --unit 40 --anak 2 --pegawai 200 --iki 4 --ulang
    .venv/bin/python bench/bench_laporan.py --db kinerja_jakarta --baca-saja --tahun 2026
    .venv/bin/python bench/bench_laporan.py --db kinerja_lap_big --jakarta 10000 --tahun 2026   # own bangun_jakarta

Its own database (``--db``, default ``kinerja_lap_bench``) is created and migrated when missing, and the bench data
(``_bangun``: a root, ``--unit`` dinas with ``--anak`` bidang each, people with an approved SKP, realisations and a
final annual evaluation, three IKU per dinas) committed once; ``--ulang`` drops and rebuilds it. It times, in the
same run:

- the floor: the bare aggregate queries of the run executed directly in SQL — every statement that
  ``laporan.bab.agregat_per_unit`` (the run's one read of the year's rows, for every unit in scope) sends,
  captured once and replayed through the cursor without the Python around it;
- the aggregation: ``agregat_per_unit`` plus every unit's snapshot built from its slice (target: / floor <= 1.5).
  Floor and aggregation alternate ``--ulangan`` times (5); the medians are compared;
- the whole run, in a separate process (the worker: the run's task and one task per unit, eagerly, storing the
  snapshots), with that process's peak memory (targets: whole / floor <= 10, memory <= 300 MB);
- the published province report page under gunicorn (2 workers, DEBUG off) against the trivial ``/healthz`` of the
  same server, requests interleaved (target: median <= 3x), and its query count (in-process test client: <= 5,
  never the realisation table).

A database with people and no bench root (an own copy of ``bangun_jakarta``'s data, ``--db kinerja_jakarta_lap``)
is used as it is: its root unit is the province, the reports are stored. Every target is printed "met" / "NOT MET".

``--baca-saja`` (a database that is not the bench's, e.g. ``kinerja_jakarta``): nothing is written and nothing
migrated; the worker process does the run's reads only (the grouped read and every unit's snapshot from its slice
through JSON, as the units' tasks do, without storing them) and there is no published page to measure.
Exit status 1 when a target is missed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bersama import PG, Server, ada_db, env_server, get, manage, persentil  # noqa: E402

PREDIKAT = ["sangat_baik", "baik", "baik", "baik", "butuh_perbaikan"]
KODE_ROOT = "BENCH-ROOT"


def _argumen() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="kinerja_lap_bench")
    parser.add_argument("--baca-saja", action="store_true", help="someone else's database: commit nothing")
    parser.add_argument("--ulang", action="store_true", help="drop and rebuild the bench's own database")
    parser.add_argument("--tahun", type=int, default=None, help="report year (default: last year)")
    parser.add_argument("--unit", type=int, default=8)
    parser.add_argument("--anak", type=int, default=2, help="bidang under each dinas")
    parser.add_argument("--pegawai", type=int, default=30, help="people per dinas (spread over it and its bidang)")
    parser.add_argument("--iki", type=int, default=3)
    parser.add_argument("--n", type=int, default=200, help="interleaved page / trivial requests")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument(
        "--jakarta",
        type=int,
        default=0,
        metavar="N",
        help="data of manage.py bangun_jakarta --pegawai N instead of _bangun (own database only)",
    )
    parser.add_argument("--ulangan", type=int, default=5, help="alternations of floor and aggregation")
    return parser.parse_args()


def _siapkan_db(args) -> dict:
    """The environment of the database; the bench's own one created and migrated when missing (or ``--ulang``)."""
    env = env_server(args.db, tempfile.mkdtemp(prefix="bench-lap-static-"))
    if args.baca_saja:
        return env
    if args.ulang and ada_db(args.db):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"DROP DATABASE {args.db}"], check=True)
    if not ada_db(args.db):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {args.db}"], check=True)
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


ARGS = _argumen() if __name__ == "__main__" else None
if ARGS is not None:
    ENV = _siapkan_db(ARGS)
    os.environ["DATABASE_URL"] = ENV["DATABASE_URL"]
    os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from indikator.models import Iki, IndikatorUnit, Realisasi, Rhk, Skp  # noqa: E402
from kepegawaian.models import Pegawai, UnitKerja  # noqa: E402
from laporan import bab  # noqa: E402
from laporan.models import Laporan  # noqa: E402
from penilaian.models import Evaluasi  # noqa: E402
from tests.indikator.factories import PeriodeFactory  # noqa: E402
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory, UserFactory  # noqa: E402


def _bangun(n_unit: int, n_anak: int, n_pegawai: int, n_iki: int, tahun: int) -> None:
    """A root, ``n_unit`` dinas below it with ``n_anak`` bidang each, ``n_pegawai`` people per dinas (spread over
    the dinas and its bidang) each with an approved SKP of ``n_iki`` IKI, four quarters of realisation, a final
    annual evaluation; three IKU per dinas linked to the head's IKI."""
    periode = PeriodeFactory(tahun=tahun)
    root = UnitKerjaFactory(kode=KODE_ROOT, nama="Bench Pemprov", jenis="pemprov")
    now = timezone.now()
    for i in range(n_unit):
        unit = UnitKerjaFactory(kode=f"BENCH-{i}", nama=f"Dinas Bench {i}", jenis="perangkat_daerah", parent=root)
        bidang = [UnitKerjaFactory(kode=f"BENCH-{i}-{j}", nama=f"Bidang {i}.{j}", jenis="bidang", parent=unit)
                  for j in range(n_anak)]  # fmt: skip
        tempat = [unit, *bidang]
        kepala = PegawaiFactory(unit=unit, user=UserFactory())
        orang = [kepala] + [PegawaiFactory(unit=tempat[n % len(tempat)], atasan=kepala) for n in range(n_pegawai - 1)]
        skp = Skp.objects.bulk_create(
            [Skp(pegawai=p, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada=now) for p in orang]
        )
        iku = IndikatorUnit.objects.bulk_create(
            [IndikatorUnit(unit=unit, periode=periode, jenis="iku", sasaran_strategis="S", indikator=f"IKU {j}",
                           satuan="%", target=Decimal(90)) for j in range(3)]
        )  # fmt: skip
        rhk = Rhk.objects.bulk_create(
            [Rhk(skp=s, uraian="RHK", indikator_unit=iku[j % 3] if s.pegawai_id == kepala.pk else None)
             for s in skp for j in range(n_iki)]
        )  # fmt: skip
        iki = Iki.objects.bulk_create([Iki(rhk=r, uraian="IKI", satuan="%", target=Decimal(90)) for r in rhk])
        Realisasi.objects.bulk_create(
            [Realisasi(iki=i, periode_ke=k, nilai=Decimal(70 + (i.pk * 7 + k) % 40)) for i in iki for k in (1, 2, 3, 4)]
        )
        Evaluasi.objects.bulk_create(
            [Evaluasi(pegawai=p, periode=periode, jenis="tahunan", skp=s, penilai=kepala, penilai_nama="K",
                      penilai_nip=kepala.nip, penilai_jabatan="Kepala", status="final", rating_hasil_kerja="sesuai",
                      rating_perilaku="sesuai", predikat=PREDIKAT[n % 5], difinalkan_pada=now)
             for n, (p, s) in enumerate(zip(orang[1:], skp[1:], strict=True))]
        )  # fmt: skip
        print(f"  unit {i + 1}/{n_unit}", flush=True)


def _tangkap(root, tahun) -> list[str]:
    """Every statement the run's one read of the figures sends (the SQL Django generates, values inlined)."""
    connection.queries_log.clear()  # a full log (the data just built) would capture nothing
    with CaptureQueriesContext(connection) as q:
        bab.agregat_per_unit(scope=root, tahun=tahun)
    return [x["sql"] for x in q.captured_queries]


def _lantai(sqls: list[str]) -> float:
    mulai = time.perf_counter()
    with connection.cursor() as c:  # autocommit: the captured BEGIN / SET LOCAL / COMMIT replay the same transactions
        for sql in sqls:
            c.execute(sql)
            if c.description is not None:
                c.fetchall()
    return time.perf_counter() - mulai


def _agregasi(root, tahun, units) -> float:
    mulai = time.perf_counter()
    agregat = bab.agregat_per_unit(scope=root, tahun=tahun)
    for unit in units:
        bab.susun_snapshot(unit=unit, tahun=tahun, agregat=agregat[unit.pk])
    return time.perf_counter() - mulai


#: run in ``manage.py shell``: the province run as a worker runs it (eagerly here: the run's task, then every unit's
#: task in the same process), timed, with the process's peak memory
WORKER = """
import json, resource, time
from kinerja.celery import app
from laporan import tasks
from laporan.models import RunLaporan, StatusRun
from kepegawaian.models import UnitKerja
app.conf.task_always_eager = True
root = UnitKerja.objects.get(pk=ROOT_PK)
if BACA_SAJA:  # reads only: the run's grouped read and every unit's snapshot, nothing stored
    from laporan import bab
    units = list(UnitKerja.objects.filter(path__startswith=root.path, aktif=True))
    mulai = time.perf_counter()
    agregat = bab.agregat_per_unit(scope=root, tahun=TAHUN)
    for unit in units:
        bab.susun_snapshot(unit=unit, tahun=TAHUN, agregat=json.loads(json.dumps(agregat[unit.pk], default=str)))
    detik = time.perf_counter() - mulai
    hasil = {"detik": detik, "selesai": len(units), "gagal": 0, "total": len(units)}
else:
    from django.db import connection
    from laporan import services
    run = RunLaporan.objects.create(unit=root, tahun=TAHUN)
    n_sql = [0]
    siap = []
    asli_prepare = services.run_prepare

    def prepare(**kw):
        hasil_prepare = asli_prepare(**kw)
        siap.append(time.perf_counter())
        return hasil_prepare

    services.run_prepare = prepare

    def hitung(execute, sql, params, many, context):
        n_sql[0] += 1
        return execute(sql, params, many, context)

    mulai = time.perf_counter()
    with connection.execute_wrapper(hitung):
        tasks.run_jalankan.apply(args=[run.pk])
    detik = time.perf_counter() - mulai
    run.refresh_from_db()
    hasil = {"detik": detik, "selesai": run.jumlah_selesai, "gagal": run.jumlah_gagal, "total": run.jumlah_total,
             "siap": siap[0] - mulai, "sql": n_sql[0], "per_tugas": tasks.ukuran_kelompok(run.jumlah_total)}
hasil["mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("BENCH-JSON" + json.dumps(hasil))
"""


def _ok(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _worker(env, root, tahun, baca_saja) -> dict:
    kode = f"BACA_SAJA = {baca_saja!r}\nROOT_PK = {root.pk}\nTAHUN = {tahun}\n" + WORKER
    out = manage(env, "shell", input_=kode)
    return json.loads(next(b for b in out.splitlines() if b.startswith("BENCH-JSON"))[len("BENCH-JSON") :])


def _terbitkan(root, tahun) -> Laporan:
    laporan = Laporan.objects.get(unit=root, tahun=tahun)
    versi = laporan.versi.order_by("-nomor").first()
    versi.tantangan = versi.langkah = "Bench."
    versi.status, versi.ditinjau_pada, versi.terbit_pada = "terbit", timezone.now(), timezone.now()
    versi.save()
    Laporan.objects.filter(pk=laporan.pk).update(versi_publik=versi)
    return laporan


def _kueri_halaman(url: str) -> tuple[int, int, bool]:
    """Queries of the page's first request after publishing (its body rendered: the bench's process has its own
    in-memory cache unless REDIS_URL is set) and of a second one (the body from the cache), and whether either
    touched the realisation table."""
    client = Client()
    per_permintaan: list[list[str]] = []

    def _catat(execute, sql, params, many, context):
        per_permintaan[-1].append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(_catat):
        for _i in range(2):
            per_permintaan.append([])
            assert client.get(url, HTTP_HOST="localhost").status_code == 200
    sentuh = any("indikator_realisasi" in sql for sql in per_permintaan[0] + per_permintaan[1])
    return len(per_permintaan[0]), len(per_permintaan[1]), sentuh


def main(args) -> int:
    tahun = args.tahun or timezone.localdate().year - 1
    gagal = []
    if args.jakarta and not Pegawai.objects.exists():
        print(f"# bangun_jakarta --pegawai {args.jakarta} in {args.db} …", flush=True)
        manage(ENV, "bangun_jakarta", "--pegawai", str(args.jakarta), "--tahun", str(tahun))
        with connection.cursor() as c:
            c.execute("ANALYZE")
    elif (
        not args.baca_saja
        and not args.jakarta
        and not Pegawai.objects.exists()
        and not UnitKerja.objects.filter(kode=KODE_ROOT).exists()
    ):
        print(f"# building the bench data in {args.db} …", flush=True)
        with transaction.atomic():
            _bangun(args.unit, args.anak, args.pegawai, args.iki, tahun)
        with connection.cursor() as c:
            c.execute("ANALYZE")
    # someone else's data (read-only), bangun_jakarta's, or a copy of it (its pegawai, no bench root): the root unit
    lain = args.baca_saja or args.jakarta or not UnitKerja.objects.filter(kode=KODE_ROOT).exists()
    root = UnitKerja.objects.get(depth=1) if lain else UnitKerja.objects.get(kode=KODE_ROOT)
    units = list(UnitKerja.objects.filter(path__startswith=root.path, aktif=True))
    n_real = Realisasi.objects.filter(iki__rhk__skp__periode__tahun=tahun).count()
    n_peg = Pegawai.objects.filter(unit__path__startswith=root.path).count()
    print(f"data: {args.db}, {len(units)} units, {n_peg} pegawai, {n_real} realisation rows of {tahun}")
    print(f"load before: {os.getloadavg()}", flush=True)

    sqls = _tangkap(root, tahun)
    _lantai(sqls), _agregasi(root, tahun, units)  # warm the caches of both
    lantai, agregasi = [], []
    for _i in range(args.ulangan):
        lantai.append(_lantai(sqls))
        agregasi.append(_agregasi(root, tahun, units))
    lantai_m, agregasi_m = statistics.median(lantai), statistics.median(agregasi)
    print(
        f"floor (bare SQL, {len(sqls)} statements): median {lantai_m:.3f} s  ({', '.join(f'{x:.3f}' for x in lantai)})"
    )
    print(
        f"aggregation ({len(units)} snapshots):  median {agregasi_m:.3f} s  ({', '.join(f'{x:.3f}' for x in agregasi)})"
    )
    print(f"aggregation / floor:   {agregasi_m / lantai_m:.2f} (target <= 1.5) {_ok(agregasi_m / lantai_m <= 1.5)}")
    if agregasi_m / lantai_m > 1.5:
        gagal.append("aggregation / floor")

    w = _worker(ENV, root, tahun, args.baca_saja)
    print(f"whole run (worker):    {w['detik']:.3f} s, {w['selesai']}/{w['total']} units, {w['gagal']} failed")
    if "sql" in w:
        print(
            f"  of which the run's task (items, grouped read, slices): {w['siap']:.3f} s; the units' tasks"
            f" ({w['per_tugas']} units per task): {w['detik'] - w['siap']:.3f} s; {w['sql']} statements in all"
        )
    print(f"whole run / floor:     {w['detik'] / lantai_m:.2f} (target <= 10) {_ok(w['detik'] / lantai_m <= 10)}")
    # the machine is shared: the same ratio against the fastest floor, the conservative reading
    print(f"whole run / fastest floor ({min(lantai):.3f} s): {w['detik'] / min(lantai):.2f}")
    print(f"worker peak memory:    {w['mb']:.0f} MB (target <= 300) {_ok(w['mb'] <= 300)}")
    if w["detik"] / lantai_m > 10:
        gagal.append("whole run / floor")
    if w["mb"] > 300:
        gagal.append("memory")
    if w["gagal"] or w["selesai"] != w["total"]:
        gagal.append("units failed")

    if args.baca_saja:
        print("report page: NOT MEASURED (read-only database: no published report)")
    else:
        url = _terbitkan(root, tahun).get_absolute_url()
        n_kueri, n_cache, sentuh = _kueri_halaman(url)
        print(f"report page:           {n_kueri} queries rendered, {n_cache} from the cache (target <= 5),"
              f" realisation table touched: {sentuh} (target: never) {_ok(n_kueri <= 5 and not sentuh)}")  # fmt: skip
        if n_kueri > 5 or sentuh:
            gagal.append("report page queries")
        server = Server(ENV, args.port)
        try:
            for _i in range(10):  # both workers: their caches and connections
                get(args.port, url, None), get(args.port, "/healthz", None)
            contoh = [(get(args.port, url, None), get(args.port, "/healthz", None)) for _i in range(args.n)]
        finally:
            server.stop()
        halaman = [c[0] for c in contoh]
        trivial = [c[1] for c in contoh]
        rasio = statistics.median(halaman) / statistics.median(trivial)
        print(f"page under gunicorn:   median {statistics.median(halaman):.1f} ms (p95 {persentil(halaman, 0.95):.1f})"
              f" vs /healthz {statistics.median(trivial):.1f} ms (p95 {persentil(trivial, 0.95):.1f}),"
              f" ratio {rasio:.2f} (target <= 3) {_ok(rasio <= 3)}, {args.n} interleaved pairs")  # fmt: skip
        if rasio > 3:
            gagal.append("page latency")
    print(f"load after: {os.getloadavg()}")
    if gagal:
        print("MISSED: " + ", ".join(gagal))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS))
