"""The service-level clock (``partisipasi.sla``) across weekends and Jakarta holidays, and the resolution-time
figures (``selectors.penyelesaian_angka``) against hand-computed medians and percentiles."""

import datetime as dt

import pytest

from partisipasi import selectors, services, sla
from partisipasi.models import HitunganHari, Pengaduan
from tests.partisipasi.conftest import JAKARTA
from tests.partisipasi.factories import HariLiburFactory, KategoriFactory, pengaduan_baru

KERJA, KALENDER = HitunganHari.KERJA, HitunganHari.KALENDER


def _jkt(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("dibuat", "hari", "hitungan", "batas"),
    [
        # Friday 17 July 2026 15:00, 3 working days: Mon, Tue, Wed -> due at the end of Wednesday 22 July.
        (_jkt(2026, 7, 17, 15), 3, KERJA, _jkt(2026, 7, 23)),
        # The same in calendar days: Sat, Sun, Mon -> the end of Monday 20 July.
        (_jkt(2026, 7, 17, 15), 3, KALENDER, _jkt(2026, 7, 21)),
        # Filed on Saturday: Monday is day 1.
        (_jkt(2026, 7, 18, 9), 1, KERJA, _jkt(2026, 7, 21)),
        # Filed on Sunday just before midnight: the filing day never counts.
        (_jkt(2026, 7, 19, 23, 50), 5, KERJA, _jkt(2026, 7, 25)),
        # Filed on Wednesday late evening with 1 working day: Thursday.
        (_jkt(2026, 7, 15, 23, 59), 1, KERJA, _jkt(2026, 7, 17)),
    ],
)
def test_deadline_across_weekends(db, dibuat, hari, hitungan, batas):
    assert sla.batas_waktu(dibuat, hari, hitungan) == batas


def test_holidays_are_not_working_days(db):
    # Monday 17 August 2026 (Independence Day) is a holiday: Friday 14 + 1 working day = Tuesday 18.
    HariLiburFactory(tanggal=dt.date(2026, 8, 17), nama="Hari Kemerdekaan")
    assert sla.batas_waktu(_jkt(2026, 8, 14, 10), 1, KERJA) == _jkt(2026, 8, 19)
    # Calendar days ignore holidays.
    assert sla.batas_waktu(_jkt(2026, 8, 14, 10), 3, KALENDER) == _jkt(2026, 8, 18)


def test_a_complaint_stores_its_deadlines_from_its_category(kel_a, jam):
    jam.set(_jkt(2026, 7, 17, 15))  # Friday
    kategori = KategoriFactory(batas_respons_hari=1, batas_selesai_hari=14, hitungan=KERJA)
    pengaduan = pengaduan_baru(kel_a, kategori)
    assert pengaduan.batas_respons == _jkt(2026, 7, 21)  # end of Monday
    assert pengaduan.batas_selesai == _jkt(2026, 8, 7)  # 14 working days: end of Thursday 6 August


def _selesai_setelah(kel_a, kategori, petugas, jam, jam_selesai: float, mulai: dt.datetime):
    jam.set(mulai)
    pengaduan = pengaduan_baru(kel_a, kategori)
    jam.maju(hours=jam_selesai)
    for ke in (Pengaduan.Status.PROSES, Pengaduan.Status.SELESAI):
        pengaduan.refresh_from_db()
        services.pengaduan_move(actor=petugas, pengaduan=pengaduan, ke=ke, versi=pengaduan.versi)
    return pengaduan


def test_resolution_figures_match_hand_computed_values(kel_a, kel_b, kecamatan, petugas_a, petugas_b, jam):
    kategori = KategoriFactory(batas_respons_hari=1, batas_selesai_hari=2, hitungan=KALENDER)
    mulai = _jkt(2026, 7, 1, 8)  # Wednesday
    # Kelurahan A: 10, 20, 30, 40 and 100 hours. Filed on 1 July 08:00, 2 calendar days: due 4 July 00:00,
    # i.e. within 64 hours: 10, 20, 30, 40 are within, 100 is not.
    for jam_selesai in (10, 20, 30, 40, 100):
        _selesai_setelah(kel_a, kategori, petugas_a, jam, jam_selesai, mulai)
    # Kelurahan B: one of 6 hours, and one completed in August (outside the span).
    _selesai_setelah(kel_b, kategori, petugas_b, jam, 6, mulai)
    _selesai_setelah(kel_b, kategori, petugas_b, jam, 6, _jkt(2026, 8, 3, 8))
    # Still open: not counted.
    jam.set(mulai)
    pengaduan_baru(kel_a, kategori)

    angka = selectors.penyelesaian_angka(unit=kel_a, mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31))

    assert angka.jumlah == 5
    assert angka.median_jam == pytest.approx(30)
    # percentile_cont(0.9) over [10, 20, 30, 40, 100]: position 0.9 × 4 = 3.6 -> 40 + 0.6 × 60 = 76.
    assert angka.p90_jam == pytest.approx(76)
    assert angka.rata_jam == pytest.approx(40)
    assert angka.persen_tepat_waktu == pytest.approx(80)
    assert angka.median_hari == pytest.approx(1.25)

    semua = selectors.penyelesaian_angka(unit=kecamatan, mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31))
    assert semua.jumlah == 6
    assert semua.median_jam == pytest.approx(25)  # [6, 10, 20, 30, 40, 100]

    only = selectors.penyelesaian_angka(
        unit=kecamatan, mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31), subtree=False
    )
    assert only.jumlah == 0
    assert (only.median_jam, only.p90_jam, only.persen_tepat_waktu) == (None, None, None)


def test_percentile_fallback_interpolates_as_postgresql():
    assert selectors._percentile_cont_python([3.0], 0.9) == 3.0
    assert selectors._percentile_cont_python([1.0, 2.0], 0.5) == 1.5
    assert selectors._percentile_cont_python([], 0.5) is None
