"""The demo data of pelatihan: a catalogue with Dinas Pendidikan's teacher trainings, events held (JP,
certificates, ratings) and upcoming ones, a spread of JP where some units comply and some do not, and the to-do
items each demo login meets. Seeding twice changes nothing."""

import datetime as dt
import io

import pytest

from kepegawaian import demo as kepegawaian_demo
from kepegawaian.models import User
from kinerja.tugas import tugas_untuk
from pelatihan import demo, selectors
from pelatihan.models import Kegiatan, PelatihanEksternal, Peserta, Program, UlasanKegiatan


@pytest.fixture
def seeded(db, hari, settings, tmp_path):
    hari(dt.date(2026, 12, 1))
    out = io.StringIO()
    kepegawaian_demo.seed(out)
    demo.seed(out)
    return out


def _kode(username: str) -> list[str]:
    return [t.kode for t in tugas_untuk(User.objects.get(username=username))]


def test_the_demo_catalogue_events_jp_spread_and_tasks_and_seeding_twice(seeded):
    assert Program.objects.filter(judul__contains="Metode Pembelajaran", target_unit__kode="DISDIK").exists()
    hari = dt.date(2026, 12, 1)
    assert Kegiatan.objects.filter(tanggal_selesai__lt=hari).count() >= 8
    terbuka = [k for k in Kegiatan.objects.all() if k.pendaftaran_terbuka(hari)]
    assert len(terbuka) == 4 and any(k.sisa_kuota == 1 for k in terbuka)
    assert Peserta.objects.filter(selesai=True).count() > 100
    assert UlasanKegiatan.objects.exists()
    # every completed participant attended every day of his event
    for p in Peserta.objects.filter(selesai=True).select_related("kegiatan")[:50]:
        assert p.kehadiran.filter(hadir=True).count() == len(p.kegiatan.daftar_tanggal)

    # the compliance table shows one level at a time (the perangkat daerah, then a unit's breakdown): walk them all
    admin = User.objects.get(username="demo.admin")
    per_unit, level = [], selectors.kepatuhan_per_unit(user=admin, tahun=2026)
    while level:
        per_unit += level
        level = [
            r
            for induk in level
            if induk.punya_anak
            for r in selectors.kepatuhan_per_unit(
                user=admin, tahun=2026, unit=selectors.kepatuhan_unit_get(admin, induk.unit_id)
            )
        ]
    assert any(r.persen >= 80 for r in per_unit if r.jumlah >= 5)
    assert any(r.persen < 50 for r in per_unit if r.jumlah >= 5)

    # each demo login meets its training tasks
    assert "pelatihan.jp_tertinggal" in _kode("demo.pegawai")
    assert "pelatihan.jp_tertinggal" not in _kode("demo.penilai")
    assert "pelatihan.eksternal_menunggu" in _kode("demo.penilai")
    assert "pelatihan.kelulusan_belum" in _kode("demo.unit")
    assert PelatihanEksternal.objects.filter(status="diajukan", pegawai__user__username="demo.pegawai").count() == 1

    # seeding twice changes nothing
    before = (Program.objects.count(), Kegiatan.objects.count(), Peserta.objects.count())
    demo.seed(io.StringIO())
    assert (Program.objects.count(), Kegiatan.objects.count(), Peserta.objects.count()) == before
