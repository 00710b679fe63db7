"""The demo's "did it work" figures: the trainings held this year closed the development needs they answered, so
the page for the demo year counts needs met by training (not suppressed) for admin BKD and Dinas Pendidikan's admin.
The moves (predikat, capaian) stay "not comparable yet": the demo has no following year (see the report)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kepegawaian.models import User
from pelatihan import selectors
from penilaian.models import KebutuhanPengembangan


@pytest.fixture
def seeded(db, hari, settings, tmp_path):
    hari(dt.date(2026, 12, 1))
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_needs_are_closed_by_the_trainings_held_and_the_page_counts_them(seeded):
    ditutup = KebutuhanPengembangan.objects.filter(
        status=KebutuhanPengembangan.Status.TERPENUHI, referensi_penutupan__startswith="pelatihan:"
    )
    assert ditutup.count() >= 5
    # demo.pegawai's needs stay open: the team page recommends programmes for them
    assert not ditutup.filter(pegawai__user__username="demo.pegawai").exists()
    for username in ("demo.admin", "demo.unit"):
        laporan = selectors.dampak_pelatihan(user=User.objects.get(username=username), tahun=2026)
        total = [b for b in laporan.baris if b.total]
        assert any(isinstance(b.kebutuhan_latih, int) and b.kebutuhan_latih >= laporan.min_kelompok for b in total), (
            username,
            [(b.area, b.kebutuhan, b.kebutuhan_latih) for b in total],
        )
    # seeding twice changes nothing
    jumlah = ditutup.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert ditutup.count() == jumlah
