"""The penilaian step of ``seed_demo``: evaluations of the closed months, two units' annual results (one on the
curve after a locked calibration, one off it), a pending and a decided objection, development needs; twice is once."""

import io

import pytest
from django.core.management import call_command

from penilaian import aturan
from penilaian.models import (
    Evaluasi,
    Keberatan,
    KebutuhanPengembangan,
    PenetapanDistribusi,
    PerubahanKalibrasi,
    SesiKalibrasi,
)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_the_demo_step_builds_the_story_and_is_idempotent(db, debug_on):
    call_command("seed_demo", stdout=io.StringIO())
    periodik = Evaluasi.objects.filter(jenis="periodik", status="final")
    assert periodik.filter(periode_ke=6).exists() and not periodik.filter(periode_ke=7).exists()  # July 15
    sesuai = PenetapanDistribusi.objects.get(unit__kode="BKD-PKA")
    assert sesuai.sesuai_kurva and aturan.periksa_distribusi("baik", sesuai.jumlah) == []
    assert SesiKalibrasi.objects.get(unit__kode="BKD-PKA").status == "terkunci"
    assert PerubahanKalibrasi.objects.count() == 1
    assert Keberatan.objects.filter(status="diajukan", evaluasi__pegawai__user__username="demo.pegawai").exists()
    assert Keberatan.objects.filter(status="diputuskan").exists()
    menyimpang = PenetapanDistribusi.objects.get(unit__kode="BKD-PKP")
    assert not menyimpang.sesuai_kurva and menyimpang.justifikasi and menyimpang.pelanggaran
    assert not PenetapanDistribusi.objects.filter(unit__kode="SUDINDIK-JP1").exists()
    assert KebutuhanPengembangan.objects.filter(pegawai__user__username="demo.pegawai").exists()
    counts = (Evaluasi.objects.count(), KebutuhanPengembangan.objects.count(), Keberatan.objects.count())

    call_command("seed_demo", stdout=io.StringIO())
    assert (Evaluasi.objects.count(), KebutuhanPengembangan.objects.count(), Keberatan.objects.count()) == counts
