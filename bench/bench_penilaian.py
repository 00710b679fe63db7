"""Benchmark of the penilaian speed targets of issue 10, against the configured database (SQLite by default, or
DATABASE_URL). Builds its own data inside a transaction that is rolled back, so it leaves nothing behind.

    .venv/bin/python bench/bench_penilaian.py            # 2,000 pegawai in 40 units of one dinas + 5 other dinas
    .venv/bin/python bench/bench_penilaian.py --kecil    # 100 pegawai: runs in seconds

Targets (exit status 1 when one is missed):
- the admin unit's subtree overview (every unit of his dinas with its spread and distribution check) and the admin
  BKD's province overview run the same number of queries for 2,000 pegawai as for a small dataset (the counts are
  aggregated in the database, GROUP BY per unit), each well under two seconds;
- a unit's distribution page data, its calibration data and its Penetapan Predikat Kinerja (with the list of every
  pegawai): the same number of queries as for a small unit.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from kepegawaian.models import Jabatan, Pegawai, UnitKerja  # noqa: E402
from penilaian import aturan, dokumen, selectors  # noqa: E402
from penilaian.models import Evaluasi, PredikatUnit  # noqa: E402
from tests.indikator.factories import PeriodeFactory, skp_draft  # noqa: E402
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory  # noqa: E402

BATAS_DETIK = 2.0


class Rollback(Exception):
    pass


def _ukur(fungsi):
    reset_queries()  # after bulk loading, the query log may be full: count from an empty one
    with CaptureQueriesContext(connection) as q:
        mulai = time.perf_counter()
        fungsi()
        total = time.perf_counter() - mulai
    return len(q), total


def banding_kecil(bacaan: dict, acuan: dict, batas_detik: float = BATAS_DETIK) -> bool:
    """Measures each read of ``bacaan`` and prints it against the small dataset's query count ``acuan[nama]``:
    True when every read runs no more queries than the small one, within ``batas_detik``."""
    semua_ok = True
    for nama, f in bacaan.items():
        kueri, detik = _ukur(f)
        ok = kueri <= acuan[nama] and detik < batas_detik
        semua_ok &= ok
        print(f"{'OK  ' if ok else 'GAGAL'} {nama}: {kueri} kueri (kecil: {acuan[nama]}), {detik:.3f} s")
    return semua_ok


_nomor = iter(range(10**6))


def _nip() -> str:
    i = next(_nomor)
    return f"1980{i // 28000 % 12 + 1:02d}{i // 1000 % 28 + 1:02d}201001{i % 2 + 1}{i % 1000:03d}"


def _dinas(akar, *, bidang: int, per_bidang: int, periode, skp, jabatan, rng) -> UnitKerja:
    dinas = UnitKerjaFactory(parent=akar)
    kepala = Pegawai.objects.create(nip=_nip(), nama="Kepala", golongan="IV/c", jabatan=jabatan, unit=dinas)
    evaluasi = []
    for _b in range(bidang):
        unit = UnitKerjaFactory(parent=dinas, jenis="bidang")
        kabid = Pegawai.objects.create(nip=_nip(), nama="Kabid", golongan="IV/a", jabatan=jabatan, unit=unit)
        orang = Pegawai.objects.bulk_create(
            [
                Pegawai(nip=_nip(), nama=f"Staf {i}", golongan="III/a", jabatan=jabatan, unit=unit, atasan=kabid)
                for i in range(per_bidang - 1)
            ]
        )
        PredikatUnit.objects.create(unit=unit, periode=periode, predikat=rng.choice(aturan.PredikatOrganisasi.values))
        for p in [kabid, *orang]:
            penilai = kepala if p is kabid else kabid
            hasil, perilaku = rng.choice(aturan.Rating.values), rng.choice(aturan.Rating.values)
            evaluasi.append(
                Evaluasi(
                    pegawai=p,
                    periode=periode,
                    jenis="tahunan",
                    skp=skp,
                    penilai=penilai,
                    penilai_nama=penilai.nama,
                    penilai_nip=penilai.nip,
                    penilai_jabatan=jabatan.nama,
                    status="final",
                    rating_hasil_kerja=hasil,
                    rating_perilaku=perilaku,
                    predikat=aturan.predikat_pegawai(hasil, perilaku),
                    difinalkan_pada=timezone.now(),
                )
            )
    Evaluasi.objects.bulk_create(evaluasi, batch_size=1000)
    PredikatUnit.objects.create(unit=dinas, periode=periode, predikat="baik")
    return dinas


def parent_filter(unit) -> Q:
    """The unit's direct children."""
    return Q(path__startswith=unit.path, depth=unit.depth + 1)


def _bacaan(dinas, periode, satu_bidang):
    return {
        "subtree admin unit": lambda: selectors.sebaran_units(
            units=UnitKerja.objects.filter(path__startswith=dinas.path), periode=periode
        ),
        "provinsi admin BKD": lambda: selectors.sebaran_units(
            units=UnitKerja.objects.filter(depth__lte=2), periode=periode
        ),
        "distribusi satu unit": lambda: selectors.distribusi_unit(unit=dinas, periode=periode),
        "kalibrasi satu unit": lambda: selectors.kalibrasi_unit(unit=satu_bidang, periode=periode),
        # the Penetapan Predikat Kinerja's context with its list of every pegawai of the dinas
        "penetapan satu unit": lambda: dokumen.konteks_penetapan(unit=dinas, periode=periode),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kecil", action="store_true", help="100 pegawai: a quick run")
    args = parser.parse_args()
    bidang, per_bidang, dinas_lain = (4, 25, 1) if args.kecil else (40, 50, 5)
    rng = random.Random(10)  # noqa: S311 -- benchmark data
    gagal = False
    try:
        with transaction.atomic():
            akar = UnitKerjaFactory(jenis="pemprov")
            jabatan = JabatanFactory(nama="Pelaksana Bench", jenis=Jabatan.Jenis.PELAKSANA)
            periode = PeriodeFactory()
            pemilik = PegawaiFactory(
                unit=akar, user=UserFactory(), atasan=PegawaiFactory(unit=akar, user=UserFactory())
            )
            skp = skp_draft(pemilik, periode)
            # a small dataset first: its query counts are the reference
            kecil = _dinas(akar, bidang=2, per_bidang=3, periode=periode, skp=skp, jabatan=jabatan, rng=rng)
            acuan = {
                nama: _ukur(f)[0]
                for nama, f in _bacaan(kecil, periode, UnitKerja.objects.filter(parent_filter(kecil)).first()).items()
            }
            besar = _dinas(
                akar, bidang=bidang, per_bidang=per_bidang, periode=periode, skp=skp, jabatan=jabatan, rng=rng
            )
            for _i in range(dinas_lain):
                _dinas(akar, bidang=3, per_bidang=20, periode=periode, skp=skp, jabatan=jabatan, rng=rng)
            n = Pegawai.objects.filter(unit__path__startswith=besar.path).count()
            print(f"{n} pegawai in the dinas measured, {Evaluasi.objects.count()} annual evaluations in all")
            satu = UnitKerja.objects.filter(parent_filter(besar)).first()
            gagal = not banding_kecil(_bacaan(besar, periode, satu), acuan)
            raise Rollback
    except Rollback:
        pass
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
