"""``manage.py bangun_jakarta``: a synthetic Jakarta in the configured PostgreSQL database, for measuring (issues 9, 12
and 13).

The command runs each app's bulk builder in dependency order, in one transaction, as ``seed_demo`` runs each app's
demo step: ``kepegawaian.sintetis`` (units, pegawai, logins), ``indikator.sintetis`` (period, unit indicators,
approved SKP with ``--iki`` IKI and ``--bulan`` monthly realisations each, the ``--audit`` entries of the audit log),
``penilaian.sintetis`` (a year of periodic and annual evaluations, objections, organisation predikat and penetapan,
development needs), ``pelatihan.sintetis`` (catalogue, events, completions with JP and certificates, external
training, needs met by training) and ``partisipasi.sintetis`` (complaints with their trail in every kelurahan,
forums and aspirations). The rows are written with COPY (``kinerja.sintetis``): a few minutes on 2 cores at the
default size (65,000 pegawai, ~3.9 million realisations).

``--tanpa penilaian,pelatihan,partisipasi`` leaves parts out; the sizes follow ``--pegawai`` (``--pengaduan`` sets
the complaints per kelurahan per month). The same ``--seed`` builds the same data (on the same day: the current
year ends today). The database must be empty of people (``migrate`` first; ``--ganti`` empties every table the
builders write). ``--pegawai 300`` builds the same shape in seconds (CI). Not for SQLite: COPY is PostgreSQL's.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

import indikator.sintetis
import kepegawaian.sintetis
import partisipasi.sintetis
import pelatihan.sintetis
import penilaian.sintetis
from kepegawaian.models import Pegawai, UnitKerja
from kinerja.sintetis import Dunia, tabel_kosongkan

BAGIAN_PILIHAN = ("penilaian", "pelatihan", "partisipasi")


class Command(BaseCommand):
    help = "Bangun data sintetis seukuran Pemprov DKI Jakarta di basis data PostgreSQL yang dikonfigurasi (issue 9)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--pegawai", type=int, default=65_000, help="jumlah pegawai (bawaan 65.000)")
        parser.add_argument("--iki", type=int, default=5, help="IKI per pegawai (bawaan 5)")
        parser.add_argument("--bulan", type=int, default=12, help="realisasi bulanan per IKI (bawaan 12)")
        parser.add_argument("--audit", type=int, default=None, help="entri jejak audit (bawaan: 30 per pegawai)")
        parser.add_argument("--tahun", type=int, default=None, help="tahun periode (bawaan: tahun ini)")
        parser.add_argument("--seed", type=int, default=9, help="benih acak (hasil yang sama untuk benih yang sama)")
        parser.add_argument(
            "--tanpa",
            default="",
            help="bagian yang tidak dibangun, dipisah koma: " + ", ".join(BAGIAN_PILIHAN),
        )
        parser.add_argument(
            "--pengaduan",
            type=int,
            default=None,
            help="pengaduan per kelurahan per bulan (bawaan: 40 pada 65.000 pegawai, sebanding --pegawai)",
        )
        parser.add_argument("--ganti", action="store_true", help="kosongkan dulu semua tabel yang diisi perintah ini")

    def handle(self, *args, **opts) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bangun_jakarta memerlukan PostgreSQL (COPY); atur DATABASE_URL ke postgres://…")
        if opts["pegawai"] < 200:
            raise CommandError("--pegawai paling sedikit 200 (bentuk organisasinya memerlukannya).")
        tanpa = {b.strip() for b in opts["tanpa"].split(",") if b.strip()}
        asing = tanpa - set(BAGIAN_PILIHAN)
        if asing:
            raise CommandError(
                f"--tanpa tidak mengenal {', '.join(sorted(asing))}; pilihan: {', '.join(BAGIAN_PILIHAN)}."
            )
        if opts["pengaduan"] is not None and opts["pengaduan"] < 1:
            raise CommandError("--pengaduan paling sedikit 1.")
        now = timezone.now()
        tahun = opts["tahun"] or timezone.localdate().year
        tz = timezone.get_current_timezone()
        hari_ini = dt.datetime.combine(timezone.localdate(), dt.time.min, tz)
        akhir = min(dt.datetime(tahun + 1, 1, 1, tzinfo=tz), hari_ini)
        if akhir <= dt.datetime(tahun, 1, 1, tzinfo=tz):
            raise CommandError(f"Tahun {tahun} belum dimulai: pilih tahun ini atau tahun yang sudah lewat.")
        dunia = Dunia(seed=opts["seed"], tahun=tahun, now=now, akhir=akhir)
        mulai = time.monotonic()
        audit = opts["audit"] if opts["audit"] is not None else 30 * opts["pegawai"]
        ringkas: list[str] = []
        with transaction.atomic():
            if opts["ganti"]:
                self._hapus()
            elif Pegawai.objects.exists() or UnitKerja.objects.exists():
                raise CommandError("Basis data sudah berisi unit/pegawai: pakai --ganti untuk menggantinya.")
            orang = self._langkah("unit dan pegawai", lambda: kepegawaian.sintetis.bangun(dunia, opts["pegawai"]))
            kinerja = self._langkah(
                "SKP, RHK, IKI, realisasi",
                lambda: indikator.sintetis.bangun(dunia, orang, per_orang=opts["iki"], bulan=opts["bulan"]),
            )
            self._langkah("jejak audit", lambda: indikator.sintetis.audit(dunia, orang, kinerja, audit))
            nilai = None
            if "penilaian" not in tanpa:
                nilai = self._langkah("penilaian", lambda: penilaian.sintetis.bangun(dunia, orang, kinerja))
                ringkas.append(f"{nilai.jumlah_evaluasi} evaluasi, {len(nilai.kebutuhan)} kebutuhan pengembangan")
            if "pelatihan" not in tanpa:
                latih = self._langkah("pelatihan", lambda: pelatihan.sintetis.bangun(dunia, orang, nilai))
                ringkas.append(
                    f"{latih['kegiatan']} kegiatan pelatihan, {latih['peserta']} peserta, "
                    f"{latih['kebutuhan_terpenuhi']} kebutuhan terpenuhi oleh pelatihan"
                )
            if "partisipasi" not in tanpa:
                per_bulan = opts["pengaduan"] or partisipasi.sintetis.per_bulan_bawaan(opts["pegawai"])
                warga = self._langkah(
                    "pengaduan dan forum", lambda: partisipasi.sintetis.bangun(dunia, orang, per_bulan=per_bulan)
                )
                ringkas.append(f"{warga['pengaduan']} pengaduan, {warga['forum']} forum, {warga['aspirasi']} aspirasi")
        self._langkah("ANALYZE", self._analyze)
        tambahan = "".join(f" {r};" for r in ringkas)
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai dalam {time.monotonic() - mulai:.0f} dtk: {Pegawai.objects.count()} pegawai, "
                f"{UnitKerja.objects.count()} unit, {kinerja.jumlah_realisasi} realisasi, {audit} entri audit;"
                f"{tambahan} "
                f"Login: NIP + '{kepegawaian.sintetis.SANDI}'; admin BKD 'jakarta.bkd', admin unit Dinas Pendidikan "
                "'jakarta.disdik'."
            )
        )

    def _langkah(self, nama: str, fungsi):
        t = time.monotonic()
        hasil = fungsi()
        self.stdout.write(f"  {nama}: {time.monotonic() - t:.1f} dtk")
        return hasil

    def _hapus(self) -> None:
        tabel_kosongkan(
            (
                *partisipasi.sintetis.TABEL,
                *pelatihan.sintetis.TABEL,
                *penilaian.sintetis.TABEL,
                *indikator.sintetis.TABEL,
                *kepegawaian.sintetis.TABEL,
            )
        )
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM kepegawaian_user WHERE NOT is_superuser")

    def _analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
