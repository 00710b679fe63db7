"""Rows for laporan tests, written straight to the tables (a fixture of a closed year: the services of the other
apps would rightly refuse to write history). Every figure of ``dunia_kecil`` is computed by hand in its docstring."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from indikator.models import Arah, BentukTarget, Iki, IndikatorUnit, Realisasi, Rhk, Skp
from penilaian.models import Evaluasi, JenisEvaluasi, StatusEvaluasi
from tests.indikator.factories import PeriodeFactory
from tests.kepegawaian.factories import PegawaiFactory

TAHUN = 2025


def skp_setuju(pegawai, tahun=TAHUN):
    periode = PeriodeFactory(tahun=tahun)
    return Skp.objects.create(
        pegawai=pegawai, periode=periode, status=Skp.Status.DISETUJUI, terkini=True, disetujui_pada=timezone.now()
    )


def iki_dengan_realisasi(skp, *, target, nilai: list, arah=Arah.NAIK, target_atas=None, indikator_unit=None):
    """One RHK with one IKI and realisation ``nilai`` for periods 1, 2, ... (the last one counts)."""
    rhk = Rhk.objects.create(skp=skp, uraian="RHK uji", indikator_unit=indikator_unit)
    iki = Iki.objects.create(
        rhk=rhk,
        uraian="IKI uji",
        satuan="%",
        arah=arah,
        target=Decimal(target),
        target_bentuk=BentukTarget.RENTANG if target_atas is not None else BentukTarget.ANGKA,
        target_atas=Decimal(target_atas) if target_atas is not None else None,
    )
    for ke, n in enumerate(nilai, start=1):
        Realisasi.objects.create(iki=iki, periode_ke=ke, nilai=Decimal(n))
    return iki


def iku(unit, *, indikator, target, arah=Arah.NAIK, tahun=TAHUN, urutan=0):
    return IndikatorUnit.objects.create(
        unit=unit,
        periode=PeriodeFactory(tahun=tahun),
        jenis=IndikatorUnit.Jenis.IKU,
        sasaran_strategis="Meningkatnya kualitas layanan",
        indikator=indikator,
        satuan="%",
        arah=arah,
        target=Decimal(target),
        urutan=urutan,
    )


def evaluasi_final(pegawai, penilai, predikat, tahun=TAHUN):
    skp = Skp.objects.filter(pegawai=pegawai, periode__tahun=tahun).first() or skp_setuju(pegawai, tahun)
    return Evaluasi.objects.create(
        pegawai=pegawai,
        periode=skp.periode,
        jenis=JenisEvaluasi.TAHUNAN,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan="Kepala",
        status=StatusEvaluasi.FINAL,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat=predikat,
        difinalkan_pada=timezone.now(),
    )


def pegawai_dengan_predikat(unit, penilai, predikat_list: list[str], tahun=TAHUN):
    for predikat in predikat_list:
        evaluasi_final(PegawaiFactory(unit=unit, atasan=penilai), penilai, predikat, tahun)


def tanggal(tahun, bulan, hari):
    return dt.date(tahun, bulan, hari)


#: the plans laporan's data migration 0004 adds; a transactional test (a browser test's live server) flushes them
#: away for the tests that run after it in the same process, so the tests that need them make sure they are there
RENCANA_MIGRASI = {"rpd-2023-2026": ("RPD 2023–2026", 2023, 2026), "rpjmd-2025-2029": ("RPJMD 2025–2029", 2025, 2029)}


def rencana_menengah(kode: str):
    from laporan.models import RencanaMenengah

    nama, awal, akhir = RENCANA_MIGRASI[kode]
    return RencanaMenengah.objects.get_or_create(
        kode=kode, defaults={"nama": nama, "tahun_awal": awal, "tahun_akhir": akhir}
    )[0]
