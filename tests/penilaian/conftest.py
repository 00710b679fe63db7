"""Fixtures of the penilaian tests. The clock is set per test with ``jam(...)`` (both ``timezone.now`` and
``timezone.localdate``); by default 15 July 2026 10:00 WIB: triwulan I and II of 2026 may be evaluated."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from indikator.models import Iki
from tests.indikator.factories import PeriodeFactory, RealisasiFactory, skp_disetujui

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def jam(monkeypatch):
    """``jam(2027, 1, 5, 23, 30)``: the time is now that moment in Asia/Jakarta."""

    def set_jam(*waktu_wib: int) -> dt.datetime:
        waktu = dt.datetime(*waktu_wib, tzinfo=WIB)  # type: ignore[misc]
        monkeypatch.setattr(timezone, "now", lambda: waktu)
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: waktu.astimezone(WIB).date())
        return waktu

    set_jam(2026, 7, 15, 10, 0)
    return set_jam


@pytest.fixture(autouse=True)
def _jam_bawaan(jam):
    return jam


@pytest.fixture
def periode(db):
    return PeriodeFactory(tahun=2026)


@pytest.fixture
def skp_pegawai(pegawai, periode):
    """Budi's approved SKP: two Utama RHK with one IKI each (target 12)."""
    return skp_disetujui(pegawai, periode, rhk=2, iki_per_rhk=1)


@pytest.fixture
def tim(penilai, bidang, periode, skp_pegawai, pegawai):
    """Budi and three more in the bidang, each with a final annual Baik from the penilai."""
    from tests.kepegawaian.factories import PegawaiFactory

    rows = [tahunan_final(pegawai, periode=periode, skp=skp_pegawai)]
    for i in range(3):
        p = PegawaiFactory(unit=bidang, atasan=penilai, nama=f"Anggota {i}")
        rows.append(tahunan_final(p, periode=periode, skp=skp_pegawai))
    return rows


def realisasi_semua(skp, nilai, periode_ke=2):
    for iki in Iki.objects.filter(rhk__skp=skp):
        RealisasiFactory(iki=iki, periode_ke=periode_ke, nilai=nilai)


def tahunan_final(pegawai, *, periode, skp, hasil="sesuai", perilaku="sesuai", penilai=None):
    """A final annual evaluation written as a row (the annual one opens only in December; its rules are tested
    through the services elsewhere). ``skp`` may be any approved SKP of the period: the row only points at it."""
    from penilaian.aturan import predikat_pegawai
    from penilaian.models import Evaluasi

    penilai = penilai or pegawai.atasan
    return Evaluasi.objects.create(
        pegawai=pegawai,
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
        status=Evaluasi.Status.FINAL,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat=predikat_pegawai(hasil, perilaku),
        difinalkan_pada=timezone.now(),
    )
