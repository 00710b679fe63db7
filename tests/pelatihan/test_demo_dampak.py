"""The demo's "did it work" figures: the trainings held this year closed the development needs they answered, so
the page for the demo year counts needs met by training (not suppressed) for admin BKD and Dinas Pendidikan's admin;
and the demo has the year before (its SKP, annual evaluations and needs), so the page for that year shows how the
predikat and capaian of those who trained this year moved against those who did not (groups under 5 suppressed)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kepegawaian.models import User
from pelatihan import selectors
from penilaian.models import KebutuhanPengembangan
from tests.demo_uji import demo_sekali

HARI_DEMO = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """``seed_demo`` on HARI_DEMO, once for this file (``tests/demo_uji.py``)."""
    with demo_sekali(django_db_blocker, media=tmp_path_factory.mktemp("media"), hari=HARI_DEMO):
        yield


@pytest.fixture
def seeded(demo, db, hari, settings):
    """The demo seeded on HARI_DEMO; each test runs in its own savepoint of it (what it writes is rolled back)."""
    hari(HARI_DEMO)
    settings.DEBUG = True


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


def _dibanding(sel, k: int) -> bool:
    """A group shown (at least ``k`` people) whose moves are figures, some of them compared."""
    angka = (sel.orang, sel.naik, sel.tetap, sel.turun)
    return all(isinstance(x, int) for x in angka) and sel.orang >= k and sel.naik + sel.tetap + sel.turun > 0


def _angka(sel) -> list:
    return [sel.orang, sel.naik, sel.tetap, sel.turun, sel.belum]


def test_demo_shows_the_move_from_the_year_before_for_trained_and_untrained(seeded):
    for username in ("demo.admin", "demo.unit"):
        laporan = selectors.dampak_pelatihan(user=User.objects.get(username=username), tahun=2025)
        k = laporan.min_kelompok
        dibanding = [b for b in laporan.baris if all(_dibanding(sel, k) for sel in (b.latih, b.tidak))]
        assert dibanding, (username, [(b.unit_nama, b.area, _angka(b.latih), _angka(b.tidak)) for b in laporan.baris])
        assert any(b.latih.capaian_selisih is not None and b.tidak.capaian_selisih is not None for b in dibanding)
        # suppression as always: no published count of people between 1 and k - 1
        for b in laporan.baris:
            for sel in (b.latih, b.tidak):
                assert all(not isinstance(x, int) or x == 0 or x >= k for x in _angka(sel)), (b.unit_nama, b.area)
