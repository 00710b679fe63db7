"""Benchmark of the pelatihan speed targets of issue 11, against the configured database (SQLite by default, or
DATABASE_URL). Builds its own data inside a transaction that is rolled back, so it leaves nothing behind.

    .venv/bin/python bench/bench_pelatihan.py                  # 2,000 pegawai in the measured dinas + 5 other dinas
    .venv/bin/python bench/bench_pelatihan.py --kecil          # 100 pegawai: runs in seconds
    .venv/bin/python bench/bench_pelatihan.py --pegawai 65000  # the issue's size (PostgreSQL: a few minutes to build)

Every pegawai gets an approved SKP with one IKI and its realisation and a final annual evaluation in two years
(*T* and *T + 1*), completed trainings granting JP in *T + 1* (a spread, so that some comply and some do not), and
about 40 % a development need from the evaluation of *T*, half of them met by a training. Rows are written with
``bulk_create`` in the way ``bench_penilaian`` builds its dinas (``manage.py bangun_jakarta`` writes with COPY and
so needs PostgreSQL; this bench must also run on SQLite).

Targets (exit status 1 when one is missed):
- the admin unit's subtree compliance (per unit, plus the first page of who is behind) and the admin BKD's province
  compliance run the same number of queries for the big dataset as for a small one (aggregated in the database),
  each under ``BATAS_DETIK``;
- the "did training work?" figures (``dampak_pelatihan``) for the subtree and the province: the same.
"""

import argparse
import datetime as dt
import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.bench_penilaian import Rollback, _nip, _ukur, banding_kecil  # noqa: E402
from indikator.models import Iki, PeriodePenilaian, Realisasi, Rhk, Skp  # noqa: E402
from kepegawaian import services as kepegawaian_services  # noqa: E402
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User  # noqa: E402
from pelatihan import selectors  # noqa: E402
from pelatihan.models import Kegiatan, Peserta, Program  # noqa: E402
from pelatihan.rekap import jp_tahunan_bangun  # noqa: E402
from penilaian import aturan  # noqa: E402
from penilaian.models import Evaluasi, KebutuhanPengembangan  # noqa: E402
from tests.indikator.factories import PeriodeFactory  # noqa: E402
from tests.kepegawaian.factories import JabatanFactory, UnitKerjaFactory, UserFactory  # noqa: E402

BATAS_DETIK = 2.0
TAHUN = 2025  # the needs' year; compared with TAHUN + 1
AREA = [a.value for a in KebutuhanPengembangan.Area]


class Pembangun:
    """Writes one dinas at a time with bulk_create; ``kegiatan`` is the event whose completions grant the JP."""

    def __init__(self, *, jabatan, periode, kegiatan, rng) -> None:
        self.jabatan, self.periode, self.kegiatan, self.rng = jabatan, periode, kegiatan, rng
        self.kode = iter(range(10**8))

    def dinas(self, akar, *, bidang: int, per_bidang: int) -> UnitKerja:
        dinas = UnitKerjaFactory(parent=akar)
        kepala = Pegawai.objects.create(nip=_nip(), nama="Kepala", golongan="IV/c", jabatan=self.jabatan, unit=dinas)
        orang: list[Pegawai] = []
        for _b in range(bidang):
            unit = UnitKerjaFactory(parent=dinas, jenis="bidang")
            kabid = Pegawai.objects.create(
                nip=_nip(), nama="Kabid", golongan="IV/a", jabatan=self.jabatan, unit=unit, atasan=kepala
            )
            orang.append(kabid)
            orang += Pegawai.objects.bulk_create(
                [
                    Pegawai(
                        nip=_nip(), nama=f"Staf {i}", golongan="III/a", jabatan=self.jabatan, unit=unit, atasan=kabid
                    )
                    for i in range(per_bidang - 1)
                ]
            )
        self._kinerja(orang, kepala)
        self._jp(orang)
        return dinas

    def _kinerja(self, orang: list[Pegawai], kepala: Pegawai) -> None:
        now = timezone.now()
        for tahun, periode in self.periode.items():
            skp = Skp.objects.bulk_create(
                [Skp(pegawai=p, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada=now) for p in orang],
                batch_size=2000,
            )
            rhk = Rhk.objects.bulk_create([Rhk(skp=s, uraian="RHK bench") for s in skp], batch_size=2000)
            iki = Iki.objects.bulk_create(
                [Iki(rhk=r, uraian="IKI bench", satuan="dokumen", target=Decimal(10)) for r in rhk], batch_size=2000
            )
            Realisasi.objects.bulk_create(
                [Realisasi(iki=i, periode_ke=4, nilai=Decimal(self.rng.randint(4, 12))) for i in iki], batch_size=2000
            )
            evaluasi = []
            for p, s in zip(orang, skp, strict=True):
                hasil, perilaku = self.rng.choice(aturan.Rating.values), self.rng.choice(aturan.Rating.values)
                penilai = kepala if p.atasan_id == kepala.pk else Pegawai(pk=p.atasan_id)
                evaluasi.append(
                    Evaluasi(
                        pegawai=p, periode=periode, jenis="tahunan", skp=s, penilai=penilai,
                        penilai_nama="Penilai", penilai_nip=kepala.nip, penilai_jabatan=self.jabatan.nama,
                        status="final", rating_hasil_kerja=hasil, rating_perilaku=perilaku,
                        predikat=aturan.predikat_pegawai(hasil, perilaku), difinalkan_pada=now,
                    )
                )  # fmt: skip
            Evaluasi.objects.bulk_create(evaluasi, batch_size=2000)
            if tahun == TAHUN:
                self._kebutuhan(evaluasi)

    def _kebutuhan(self, evaluasi: list[Evaluasi]) -> None:
        ditutup = dt.datetime(TAHUN + 1, 5, 1, 10, tzinfo=dt.UTC)
        rows = []
        for e in evaluasi:
            if self.rng.random() < 0.4:
                latih = self.rng.random() < 0.5
                rows.append(
                    KebutuhanPengembangan(
                        pegawai_id=e.pegawai_id, evaluasi=e, sumber="catatan", area_kompetensi=self.rng.choice(AREA),
                        uraian="Kebutuhan bench", status="terpenuhi" if latih else "terbuka",
                        ditutup_pada=ditutup if latih else None,
                        referensi_penutupan=f"pelatihan:{self.kegiatan.pk}" if latih else "",
                    )
                )  # fmt: skip
        KebutuhanPengembangan.objects.bulk_create(rows, batch_size=2000)

    def _jp(self, orang: list[Pegawai]) -> None:
        """0 to 3 completions of 8 JP in ``TAHUN + 1``: about a third of the people reach 20 JP."""
        rows = []
        for p in orang:
            for _i in range(self.rng.randint(0, 3)):
                rows.append(
                    Peserta(
                        kegiatan=self.kegiatan, pegawai=p, status="terdaftar",
                        didaftarkan_oleh_id=self.kegiatan.dibuat_oleh_id, selesai=True, selesai_pada=timezone.now(),
                        jp=8, tahun_jp=TAHUN + 1,
                        kode_verifikasi=f"B{next(self.kode):010d}",
                    )
                )  # fmt: skip
        # one seat per person and event (peserta_sekali_per_kegiatan): each completion is its own event's
        kegiatan = Kegiatan.objects.bulk_create(
            [Kegiatan(**_isian_kegiatan(self.kegiatan)) for _r in rows], batch_size=2000
        )
        for r, k in zip(rows, kegiatan, strict=True):
            r.kegiatan = k
        Peserta.objects.bulk_create(rows, batch_size=2000)


def _isian_kegiatan(contoh: Kegiatan) -> dict:
    return {
        f: getattr(contoh, f)
        for f in (
            "program_id", "tanggal_mulai", "tanggal_selesai", "kuota", "pendaftaran_mulai", "pendaftaran_selesai",
            "dibuat_oleh_id",
        )
    }  # fmt: skip


def _admin(peran: str, unit: UnitKerja | None = None) -> int:
    user = UserFactory()
    kepegawaian_services.peran_grant(actor=None, user=user, peran=peran, unit=unit)
    return user.pk


def _bacaan(unit_admin: int, bkd: int) -> dict:
    """Each read with a fresh user object (the roles are cached on it), as a request would have."""

    def kepatuhan(pk):
        user = User.objects.get(pk=pk)
        selectors.kepatuhan_per_unit(user=user, tahun=TAHUN + 1)
        list(selectors.pegawai_tertinggal(user=user, tahun=TAHUN + 1)[:200])

    def dampak(pk):
        selectors.dampak_pelatihan(user=User.objects.get(pk=pk), tahun=TAHUN)

    return {
        "kepatuhan subtree admin unit": lambda: kepatuhan(unit_admin),
        "kepatuhan provinsi admin BKD": lambda: kepatuhan(bkd),
        "dampak subtree admin unit": lambda: dampak(unit_admin),
        "dampak provinsi admin BKD": lambda: dampak(bkd),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kecil", action="store_true", help="100 pegawai: a quick run")
    parser.add_argument("--pegawai", type=int, default=2000, help="people of the measured dinas (bawaan 2000)")
    args = parser.parse_args(argv)
    besar = 100 if args.kecil else args.pegawai
    per_bidang = 25 if args.kecil else 50
    bidang, dinas_lain = max(1, besar // per_bidang), 1 if args.kecil else 5
    rng = random.Random(11)  # noqa: S311 -- benchmark data
    gagal = False
    try:
        with transaction.atomic():
            akar = UnitKerjaFactory(jenis="pemprov")
            jabatan = JabatanFactory(nama="Pelaksana Bench", jenis=Jabatan.Jenis.PELAKSANA)
            periode = {
                t: PeriodeFactory(tahun=t, periodisitas=PeriodePenilaian.Periodisitas.TRIWULAN)
                for t in (TAHUN, TAHUN + 1)
            }
            pembuat = UserFactory()
            program = Program.objects.create(
                judul="Metode Mengajar Bench", bidang="teknis", bentuk="klasikal", jenis="klasikal",
                penyelenggara="bpsdm", jp=8, dibuat_oleh=pembuat,
            )  # fmt: skip
            contoh = Kegiatan.objects.create(
                program=program, tanggal_mulai=dt.date(TAHUN + 1, 3, 2), tanggal_selesai=dt.date(TAHUN + 1, 3, 3),
                pendaftaran_mulai=dt.date(TAHUN + 1, 2, 1), pendaftaran_selesai=dt.date(TAHUN + 1, 2, 20), kuota=40,
                dibuat_oleh=pembuat,
            )  # fmt: skip
            bangun = Pembangun(jabatan=jabatan, periode=periode, kegiatan=contoh, rng=rng)
            bkd = _admin(PeranAdmin.Peran.ADMIN_BKD)
            # a small dataset first: its query counts are the reference
            kecil = bangun.dinas(akar, bidang=2, per_bidang=6)
            acuan = {nama: _ukur(f)[0] for nama, f in _bacaan(_admin(PeranAdmin.Peran.ADMIN_UNIT, kecil), bkd).items()}
            ukur = bangun.dinas(akar, bidang=bidang, per_bidang=per_bidang)
            for _i in range(dinas_lain):
                bangun.dinas(akar, bidang=3, per_bidang=20)
            # the completions above are bulk rows, not the services': the JP summary the compliance view reads is
            # rebuilt from them, as the synthetic Jakarta's builder does
            jp_tahunan_bangun()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the planner's statistics, as autovacuum keeps them live
                    cursor.execute("ANALYZE")
            n = Pegawai.objects.filter(unit__path__startswith=ukur.path).count()
            print(
                f"{n} pegawai in the dinas measured, {Pegawai.objects.count()} in all, "
                f"{KebutuhanPengembangan.objects.count()} development needs, {Peserta.objects.count()} completions"
            )
            gagal = not banding_kecil(_bacaan(_admin(PeranAdmin.Peran.ADMIN_UNIT, ukur), bkd), acuan, BATAS_DETIK)
            raise Rollback
    except Rollback:
        pass
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
