"""Did training work? The figures on a hand-computed fixture, suppression of small groups (and of the cells that
would reveal them), the scope, the query count, the page and the API.

The fixture (needs of 2025, compared with 2026), Dinas Uji with three bidang; every need is in area *teknis*
unless said; 2025 predikat Butuh Perbaikan for everyone, capaian 60 (one IKI, target 10, realisation 6):

| unit | group | people | 2026 predikat | 2026 capaian |
|---|---|---|---|---|
| Bidang Uji | trained | 6 | 5 Baik (up), 1 Butuh Perbaikan (same) | 90 (the 5), 60 (the 1) |
| Bidang Uji | not trained | 7 | 2 Baik, 5 Butuh Perbaikan | 70 |
| Bidang Dua | not trained | 3 | Butuh Perbaikan | 70 |
| Bidang Tiga | trained | 6 | 5 Baik, 1 without a 2026 evaluation or SKP | 80 (the 5) |
| Bidang Tiga | not trained | 5 | Butuh Perbaikan | 60 |

One trained person of Bidang Uji has a second, open need in teknis (7 needs, 6 met); one untrained person of Bidang
Tiga had his need closed by a training in 2027 (too late: not trained); 3 people of Bidang Uji have a need in
*manajerial* and did not train.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from indikator.models import Skp
from pelatihan import selectors
from penilaian.models import KebutuhanPengembangan
from tests.indikator.factories import IkiFactory, PeriodeFactory, RealisasiFactory, RhkFactory, SkpFactory
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory
from tests.penilaian.conftest import tahunan_final

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
BP = ("di_bawah", "sesuai")  # Butuh Perbaikan
BAIK = ("sesuai", "sesuai")
S = "< 5"
# the viewer's roles (2, then cached on him), the figures, the unit names; on PostgreSQL the figures run in a
# savepoint (2) after SET LOCAL jit = off (1)
KUERI = 4 if connection.vendor == "sqlite" else 7


def _tahun(p, tahun, capaian, predikat):
    periode = PeriodeFactory(tahun=tahun)
    skp = SkpFactory(pegawai=p, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada=timezone.now())
    RealisasiFactory(iki=IkiFactory(rhk=RhkFactory(skp=skp), target=Decimal(10)), periode_ke=4, nilai=capaian / 10)
    return tahunan_final(p, periode=periode, skp=skp, hasil=predikat[0], perilaku=predikat[1])


def _orang(unit, penilai, *, latih, akhir=None, capaian_akhir=None, area="teknis", ditutup=None, n=1):
    """``n`` people with a need in ``area`` from their 2025 evaluation; ``latih``: met by a training in 2026."""
    for _i in range(n):
        p = PegawaiFactory(unit=unit, atasan=penilai)
        e = _tahun(p, 2025, 60, BP)
        if akhir is not None:
            _tahun(p, 2026, capaian_akhir, akhir)
        tutup = ditutup or (dt.datetime(2026, 5, 1, 10, tzinfo=WIB) if latih else None)
        KebutuhanPengembangan.objects.create(
            pegawai=p,
            evaluasi=e,
            sumber="catatan",
            area_kompetensi=area,
            uraian="Perlu pelatihan",
            status="terpenuhi" if tutup else "terbuka",
            ditutup_pada=tutup,
            referensi_penutupan="pelatihan:1" if tutup else "",
        )
    return p


@pytest.fixture
def dunia(pemprov, dinas, bidang, atasan):
    isi_dunia(pemprov, dinas, bidang, atasan)


def isi_dunia(pemprov, dinas, bidang, atasan):
    """The hand-computed fixture (also the annual report's, ``tests.laporan.test_bab``)."""
    b2 = UnitKerjaFactory(kode="DINAS-UJI-B2", nama="Bidang Dua", jenis="bidang", parent=dinas)
    b3 = UnitKerjaFactory(kode="DINAS-UJI-B3", nama="Bidang Tiga", jenis="bidang", parent=dinas)
    p = _orang(bidang, atasan, latih=True, akhir=BAIK, capaian_akhir=90, n=5)
    KebutuhanPengembangan.objects.create(
        pegawai=p, evaluasi=p.evaluasi.get(periode__tahun=2025), sumber="predikat", area_kompetensi="teknis",
        uraian="Predikat Butuh Perbaikan",
    )  # fmt: skip
    _orang(bidang, atasan, latih=True, akhir=BP, capaian_akhir=60)
    _orang(bidang, atasan, latih=False, akhir=BAIK, capaian_akhir=70, n=2)
    _orang(bidang, atasan, latih=False, akhir=BP, capaian_akhir=70, n=5)
    _orang(b2, atasan, latih=False, akhir=BP, capaian_akhir=70, n=3)
    _orang(b3, atasan, latih=True, akhir=BAIK, capaian_akhir=80, n=5)
    _orang(b3, atasan, latih=True)
    _orang(b3, atasan, latih=False, akhir=BP, capaian_akhir=60, n=4)
    _orang(b3, atasan, latih=False, akhir=BP, capaian_akhir=60, ditutup=dt.datetime(2027, 3, 1, 10, tzinfo=WIB))
    _orang(bidang, atasan, latih=False, akhir=BP, capaian_akhir=60, area="manajerial", n=3)
    # outside Dinas Uji: not in the admin unit's scope
    luar = UnitKerjaFactory(kode="LAIN", nama="Dinas Lain", jenis="perangkat_daerah", parent=pemprov)
    _orang(luar, PegawaiFactory(unit=luar), latih=True, akhir=BAIK, capaian_akhir=90, n=5)


def _sel(g):
    return [g.orang, g.naik, g.tetap, g.turun, g.belum, g.capaian_awal, g.capaian_akhir, g.capaian_selisih]


def test_figures_of_the_hand_computed_fixture(dunia, admin_unit, django_assert_num_queries):
    with django_assert_num_queries(KUERI):
        laporan = selectors.dampak_pelatihan(user=admin_unit, tahun=2025)
    assert laporan.min_kelompok == 5
    rows = {(b.area, b.unit_nama or "TOTAL"): b for b in laporan.baris}
    assert list(rows) == [
        ("manajerial", "Bidang Uji"),
        ("manajerial", "TOTAL"),
        ("teknis", "Bidang Dua"),
        ("teknis", "Bidang Tiga"),
        ("teknis", "Bidang Uji"),
        ("teknis", "TOTAL"),
    ]
    b1 = rows[("teknis", "Bidang Uji")]
    assert (b1.kebutuhan, b1.kebutuhan_latih, b1.persen_kebutuhan_latih) == (14, 6, "42.86")
    # trained: 5 up and 1 same; the 1 is suppressed, and "up" with it (turun and belum are 0: they would not hide it)
    assert _sel(b1.latih) == [6, S, S, 0, 0, 60.0, 85.0, 25.0]
    assert _sel(b1.tidak) == [7, S, S, 0, 0, 60.0, 70.0, 10.0]
    # Bidang Dua: 3 people, suppressed whole; its 0 trained is no secret
    b2 = rows[("teknis", "Bidang Dua")]
    assert (b2.kebutuhan, b2.kebutuhan_latih) == (S, S)
    assert _sel(b2.latih) == [0, 0, 0, 0, 0, None, None, None]
    assert _sel(b2.tidak) == [S, S, S, S, S, None, None, None]
    # Bidang Tiga's 5 untrained are suppressed too: with the total row shown, Bidang Dua's 3 = 15 - 7 - 5
    b3 = rows[("teknis", "Bidang Tiga")]
    assert (b3.kebutuhan, b3.kebutuhan_latih) == (S, S)
    assert _sel(b3.latih) == [6, S, 0, 0, S, 60.0, 80.0, 20.0]
    assert _sel(b3.tidak) == [S, S, S, S, S, None, None, None]
    total = rows[("teknis", "TOTAL")]
    assert total.total and (total.kebutuhan, total.kebutuhan_latih, total.persen_kebutuhan_latih) == (28, 12, "42.86")
    assert _sel(total.latih) == [12, 10, S, 0, S, 60.0, 82.73, 22.73]
    assert total.latih.persen["naik"] == "83.33"
    assert _sel(total.tidak) == [15, S, S, 0, 0, 60.0, 66.67, 6.67]
    # manajerial: 3 people in all, suppressed everywhere, the total row too
    for kunci in (("manajerial", "Bidang Uji"), ("manajerial", "TOTAL")):
        assert rows[kunci].kebutuhan == S and rows[kunci].tidak.orang == S and rows[kunci].latih.orang == 0


def test_admin_bkd_sees_the_province_by_perangkat_daerah(dunia, admin_bkd):
    laporan = selectors.dampak_pelatihan(user=admin_bkd, tahun=2025)
    teknis = {b.unit_nama or "TOTAL": b for b in laporan.baris if b.area == "teknis"}
    assert set(teknis) == {"Dinas Uji", "Dinas Lain", "TOTAL"}
    assert teknis["Dinas Uji"].latih.orang == 12 and teknis["Dinas Uji"].tidak.orang == 15
    # Dinas Lain: 5 trained, nobody untrained
    assert _sel(teknis["Dinas Lain"].latih) == [5, 5, 0, 0, 0, 60.0, 90.0, 30.0]
    assert teknis["TOTAL"].latih.orang == 17


def test_query_count_does_not_grow_with_the_data(dunia, admin_bkd, dinas, atasan, django_assert_num_queries):
    _orang(dinas, atasan, latih=True, akhir=BAIK, capaian_akhir=90, n=5)
    with django_assert_num_queries(KUERI):
        selectors.dampak_pelatihan(user=admin_bkd, tahun=2025)


def test_other_years_are_empty(dunia, admin_unit):
    assert selectors.dampak_pelatihan(user=admin_unit, tahun=2024).baris == []


def test_page_says_it_is_a_comparison_not_a_proof(dunia, admin_unit, as_user):
    r = as_user(admin_unit).get("/pelatihan/dampak/?tahun=2025")
    assert r.status_code == 200
    teks = r.content.decode()
    assert "bukan bukti sebab-akibat" in teks
    assert "Bidang Tiga" in teks and "&lt; 5" in teks and "42,86" in teks


def test_page_refuses_a_bad_year_and_non_admins(dunia, admin_unit, penilai, as_user):
    assert as_user(admin_unit).get("/pelatihan/dampak/?tahun=dua").status_code == 400
    assert as_user(penilai).get("/pelatihan/dampak/").status_code == 403


def test_api_gives_the_same_figures_in_the_error_shape(dunia, admin_unit, pegawai, as_user):
    r = as_user(admin_unit).get("/api/v1/pelatihan/dampak/?tahun=2025")
    assert r.status_code == 200
    data = r.json()
    assert data["min_kelompok"] == 5 and "bukan bukti" in data["catatan"]
    total = next(b for b in data["baris"] if b["total"] and b["area"] == "teknis")
    assert total["latih"]["orang"] == 12 and total["latih"]["tetap"] == S and total["kebutuhan"] == 28
    salah = as_user(admin_unit).get("/api/v1/pelatihan/dampak/?tahun=x")
    assert salah.status_code == 400 and "tahun" in str(salah.json())
    assert as_user(pegawai).get("/api/v1/pelatihan/dampak/").status_code == 403
