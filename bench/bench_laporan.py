"""Benchmark of the annual report run (issue 13), against the configured database (SQLite by default, or
DATABASE_URL; the targets are meant for PostgreSQL). Builds its own data inside a transaction that is rolled back,
so it leaves nothing behind.

    .venv/bin/python bench/bench_laporan.py            # small scale: runs in seconds
    .venv/bin/python bench/bench_laporan.py --unit 40 --pegawai 200 --iki 4

It times, in the same run:
- the floor: the bare aggregate queries of every unit's chapters executed directly in SQL (the SQL Django
  generates, run through the cursor without the Python around it);
- the aggregation: ``laporan.bab.susun_snapshot`` for every unit (target: aggregation / floor <= 1.5);
- the whole run: the run's task and one task per unit, eagerly, storing the snapshots (target: whole / floor <= 10);
- the peak memory of the process (target <= 300 MB);
- a published report page: its query count (<= 5, never the realisation table) and its latency against a trivial
  Django view in the same process (target <= 3x).
Exit status 1 when a target is missed.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from indikator.models import Iki, IndikatorUnit, Realisasi, Rhk, Skp  # noqa: E402
from kepegawaian.models import Pegawai  # noqa: E402
from kinerja.celery import app as celery_app  # noqa: E402
from laporan import bab, tasks  # noqa: E402
from laporan.models import Laporan, RunLaporan  # noqa: E402
from penilaian.models import Evaluasi  # noqa: E402
from tests.indikator.factories import PeriodeFactory  # noqa: E402
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory, UserFactory  # noqa: E402

PREDIKAT = ["sangat_baik", "baik", "baik", "baik", "butuh_perbaikan"]


class Rollback(Exception):
    pass


def _bangun(n_unit: int, n_pegawai: int, n_iki: int, tahun: int):
    """A root, ``n_unit`` units below it, ``n_pegawai`` people each with an approved SKP of ``n_iki`` IKI, four
    quarters of realisation, a final annual evaluation; three IKU per unit linked to the head's IKI."""
    periode = PeriodeFactory(tahun=tahun)
    root = UnitKerjaFactory(kode="BENCH-ROOT", nama="Bench Pemprov", jenis="pemprov")
    units = [UnitKerjaFactory(kode=f"BENCH-{i}", nama=f"Dinas Bench {i}", jenis="perangkat_daerah", parent=root)
             for i in range(n_unit)]  # fmt: skip
    now = timezone.now()
    for unit in units:
        kepala = PegawaiFactory(unit=unit, user=UserFactory())
        orang = [kepala, *PegawaiFactory.create_batch(n_pegawai - 1, unit=unit, atasan=kepala)]
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
    return root, [root, *units]


def _lantai(units, tahun) -> float:
    """The floor: the same aggregate SQL, captured once, then executed bare through the cursor."""
    with CaptureQueriesContext(connection) as q:
        for unit in units:
            bab.susun_snapshot(unit=unit, tahun=tahun)
    sqls = [x["sql"] for x in q.captured_queries]
    mulai = time.perf_counter()
    with connection.cursor() as c:
        for sql in sqls:
            c.execute(sql)
            if c.description is not None:  # SET LOCAL / SAVEPOINT (the training selector's) return no rows
                c.fetchall()
    return time.perf_counter() - mulai


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unit", type=int, default=8)
    parser.add_argument("--pegawai", type=int, default=30)
    parser.add_argument("--iki", type=int, default=3)
    args = parser.parse_args()
    tahun = timezone.localdate().year - 1
    celery_app.conf.task_always_eager = True
    gagal = []
    try:
        with transaction.atomic():
            root, units = _bangun(args.unit, args.pegawai, args.iki, tahun)
            if connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("ANALYZE")  # fresh rows: give the planner the statistics a real database has
            n_real = Realisasi.objects.filter(iki__rhk__skp__periode__tahun=tahun).count()
            print(f"data: {len(units)} units, {Pegawai.objects.filter(unit__in=units).count()} pegawai, "
                  f"{n_real} realisation rows ({connection.vendor})")  # fmt: skip
            lantai = _lantai(units, tahun)
            mulai = time.perf_counter()
            for unit in units:
                bab.susun_snapshot(unit=unit, tahun=tahun)
            agregasi = time.perf_counter() - mulai
            run = RunLaporan.objects.create(unit=root, tahun=tahun)
            mulai = time.perf_counter()
            tasks.run_jalankan.apply(args=[run.pk])
            seluruh = time.perf_counter() - mulai
            run.refresh_from_db()
            assert run.jumlah_selesai == len(units), (run.status, run.jumlah_gagal)
            memori = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"floor (bare SQL):      {lantai:.3f} s")
            print(f"aggregation:           {agregasi:.3f} s  ratio {agregasi / lantai:.2f} (target <= 1.5)")
            print(f"whole run:             {seluruh:.3f} s  ratio {seluruh / lantai:.2f} (target <= 10)")
            print(f"peak memory:           {memori:.0f} MB (target <= 300)")
            if agregasi / lantai > 1.5:
                gagal.append("aggregation / floor")
            if seluruh / lantai > 10:
                gagal.append("whole run / floor")
            if memori > 300:
                gagal.append("memory")

            # a published report page against a trivial view, same process, same client
            laporan = Laporan.objects.get(unit=root, tahun=tahun)
            versi = laporan.versi.get()
            versi.tantangan = versi.langkah = "Bench."
            versi.status, versi.terbit_pada = "terbit", timezone.now()
            versi.save()
            Laporan.objects.filter(pk=laporan.pk).update(versi_publik=versi)
            client = Client()
            url = laporan.get_absolute_url()
            client.get(url)
            sql_halaman: list[str] = []

            def _catat(execute, sql, params, many, context):
                sql_halaman.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(_catat):
                assert client.get(url).status_code == 200
            sentuh = any("indikator_realisasi" in sql for sql in sql_halaman)

            def _sekali(alamat) -> float:
                mulai = time.perf_counter()
                client.get(alamat)
                return time.perf_counter() - mulai

            # interleaved and the median of each: a busy machine slows both alike instead of one run of either
            contoh = [(_sekali(url), _sekali("/healthz")) for _ in range(100)]
            halaman = statistics.median(c[0] for c in contoh)
            trivial = statistics.median(c[1] for c in contoh)
            print(f"report page:           {len(sql_halaman)} queries, realisation table touched: {sentuh}")
            print(f"page latency (median): {halaman * 1000:.1f} ms vs trivial {trivial * 1000:.1f} ms "
                  f"ratio {halaman / trivial:.2f} (target <= 3)")  # fmt: skip
            if len(sql_halaman) > 5 or sentuh:
                gagal.append("report page queries")
            if halaman / trivial > 3:
                gagal.append("page latency")
            raise Rollback
    except Rollback:
        pass
    if gagal:
        print("MISSED: " + ", ".join(gagal))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
