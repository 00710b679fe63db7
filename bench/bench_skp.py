"""Benchmark of the SKP speed targets of issue 3, against the configured database (SQLite by default, or
DATABASE_URL). Builds its own data inside a transaction that is rolled back, so it leaves nothing behind.

    make bench            # or: .venv/bin/python bench/bench_skp.py [--bawahan 500] [--tim 60]

Targets (exit status 1 when one is missed):
- bulk cascade of one RHK with its IKI to 500 subordinates: well under a second of database time;
- the penilai's team page (60 subordinates) and the pegawai dashboard: the same number of queries as for a small team.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from indikator import selectors, services  # noqa: E402
from indikator.models import Rhk  # noqa: E402
from tests.indikator.factories import PeriodeFactory, skp_draft  # noqa: E402
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory, UserFactory  # noqa: E402

BATAS_DETIK_DB = 1.0
IKI = [
    {"uraian": "Pengaduan selesai ditindaklanjuti", "satuan": "hari", "target": "7", "arah": "turun", "aspek": "waktu"},
    {"uraian": "Laporan tersusun", "satuan": "dokumen", "target": "12"},
]


class Rollback(Exception):
    pass


def _ukur(fungsi):
    with CaptureQueriesContext(connection) as q:
        mulai = time.perf_counter()
        fungsi()
        total = time.perf_counter() - mulai
    return len(q), sum(float(x["time"]) for x in q.captured_queries), total


def _penilai_dengan_tim(unit, n: int):
    penilai = PegawaiFactory(unit=unit, user=UserFactory())
    PegawaiFactory.create_batch(n, atasan=penilai, unit=unit)
    return penilai


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bawahan", type=int, default=500)
    parser.add_argument("--tim", type=int, default=60)
    args = parser.parse_args()
    gagal = []
    try:
        with transaction.atomic():
            unit = UnitKerjaFactory(kode=f"BENCH-{os.getpid()}")
            periode = PeriodeFactory(tahun=2090)

            for ukuran in (5, args.bawahan):
                penilai = _penilai_dengan_tim(unit, ukuran)
                sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
                bawahan = list(penilai.bawahan.all())
                n, db, total = _ukur(
                    lambda p=penilai, r=sumber, b=bawahan: services.rhk_cascade(actor=p.user, rhk=r, bawahan=b, iki=IKI)
                )
                print(f"cascade ke {ukuran:>4} bawahan: {n:>4} kueri, {db:.3f} s basis data, {total:.3f} s total")
                if ukuran == args.bawahan and db >= BATAS_DETIK_DB:
                    gagal.append(f"cascade {ukuran}: {db:.3f} s basis data (batas {BATAS_DETIK_DB} s)")

            jumlah = {}
            for ukuran in (6, args.tim):
                penilai = _penilai_dengan_tim(unit, ukuran)
                sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
                services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=list(penilai.bawahan.all()), iki=IKI)
                anggota = penilai.bawahan.first()
                n_tim, db_tim, _ = _ukur(lambda p=penilai: selectors.tim_penilai(penilai=p, periode=periode))
                n_dasbor, db_dasbor, _ = _ukur(lambda a=anggota: selectors.dasbor_pegawai(pegawai=a, periode=periode))
                jumlah[ukuran] = (n_tim, n_dasbor)
                print(f"halaman tim {ukuran:>3} bawahan: {n_tim} kueri ({db_tim:.3f} s); dasbor: {n_dasbor} kueri")
            if len(set(jumlah.values())) != 1:
                gagal.append(f"jumlah kueri tim/dasbor berubah dengan ukuran tim: {jumlah}")
            raise Rollback
    except Rollback:
        pass
    for pesan in gagal:
        print("GAGAL:", pesan)
    print("OK" if not gagal else "TARGET TIDAK TERCAPAI")
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
