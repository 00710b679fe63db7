"""Computed indicators: an IKI bound to the complaint figures of a unit gets them as its realisation, month by
month, against hand-computed medians, means, 90th percentiles, on-time shares and counts; the pegawai cannot
overwrite them; who may bind and recompute."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator import services as indikator_services
from indikator.models import PeriodePenilaian, Realisasi
from partisipasi import selectors, services, tasks
from partisipasi.models import IkiTerhitung, Pengaduan
from tests.indikator.factories import PeriodeFactory, skp_disetujui
from tests.partisipasi.conftest import JAKARTA
from tests.partisipasi.factories import pengaduan_baru

S = Pengaduan.Status


def selesai_setelah(jam, kelurahan, kategori, petugas, *, mulai: dt.datetime, jam_durasi: float) -> Pengaduan:
    """A complaint filed at ``mulai`` and completed ``jam_durasi`` hours later (the clock is moved and restored)."""
    asal = jam()
    jam.set(mulai)
    p = pengaduan_baru(kelurahan, kategori)
    for ke in (S.PROSES, S.SELESAI):
        if ke == S.SELESAI:
            jam.set(mulai + dt.timedelta(hours=jam_durasi))
        p.refresh_from_db()
        p = services.pengaduan_move(actor=petugas, pengaduan=p, ke=ke, versi=p.versi)
    jam.set(asal)
    return p


JULI = dt.datetime(2026, 7, 1, 8, 0, tzinfo=JAKARTA)
# Durations in July (hours): sorted 10, 20, 30, 40, 100.
#   median = 30 h = 1.25 d; mean = 200 / 5 = 40 h = 1.67 d;
#   p90 (percentile_cont): position 0.9 × 4 = 3.6 → 40 + 0.6 × (100 − 40) = 76 h = 3.1667 → 3.17 d.
#   Category target 5 working days from 1 July (Wednesday) → due end of 8 July: 100 h (5 July 12:00) is in time,
#   so all 5 are within the service level → 100 %.
DURASI_JULI = [30, 10, 100, 20, 40]


@pytest.fixture
def periode(db):
    return PeriodeFactory(tahun=2026, periodisitas=PeriodePenilaian.Periodisitas.BULANAN)


@pytest.fixture
def iki(lurah_a, periode):
    lurah_a.atasan.user.save()
    skp = skp_disetujui(lurah_a, periode)
    return skp.rhk.get().iki.get()


@pytest.fixture
def data_juli(jam, kel_a, kel_b, kategori, petugas_a, petugas_b):
    for n, d in enumerate(DURASI_JULI):
        selesai_setelah(jam, kel_a, kategori, petugas_a, mulai=JULI + dt.timedelta(minutes=n), jam_durasi=d)
    # June: one of 24 hours (a separate month).
    selesai_setelah(jam, kel_a, kategori, petugas_a, mulai=dt.datetime(2026, 6, 2, 9, tzinfo=JAKARTA), jam_durasi=24)
    # Another kelurahan, not counted for kel_a: 2 and 8 hours (median 5 h).
    for d in (2, 8):
        selesai_setelah(jam, kel_b, kategori, petugas_b, mulai=JULI, jam_durasi=d)
    # Still open, and a merged duplicate: not counted.
    pengaduan_baru(kel_a, kategori)
    utama, dup = pengaduan_baru(kel_a, kategori), pengaduan_baru(kel_a, kategori)
    services.duplikat_link(actor=petugas_a, duplikat=dup, utama=utama)


def ikat(actor, iki, unit, ukuran, capture):
    with capture(execute=True):
        return services.iki_terhitung_link(actor=actor, iki=iki, unit_id=unit.pk, ukuran=ukuran)


@pytest.mark.parametrize(
    ("ukuran", "juli", "juni"),
    [
        ("median", "1.25", "1.00"),
        ("rata", "1.67", "1.00"),
        ("p90", "3.17", "1.00"),
        ("tepat_waktu", "100.00", "100.00"),
        ("jumlah", "5", "1"),
    ],
)
def test_bound_iki_gets_hand_computed_figures_per_month(
    ukuran, juli, juni, data_juli, iki, lurah_a, kel_a, django_capture_on_commit_callbacks
):
    ikat(lurah_a.user, iki, kel_a, ukuran, django_capture_on_commit_callbacks)

    nilai = {r.periode_ke: r for r in Realisasi.objects.filter(iki=iki)}
    assert nilai[7].nilai == Decimal(juli)
    assert nilai[6].nilai == Decimal(juni)
    assert nilai[7].sumber == "terhitung"
    if ukuran == "jumlah":
        assert set(nilai) == {1, 2, 3, 4, 5, 6, 7}  # a count is 0 in a month without completions
        assert nilai[1].nilai == 0
    else:
        assert set(nilai) == {6, 7}  # nothing to measure before June; August has not begun
    link = nilai[7].bukti.get()
    assert link.url == f"http://localhost:8000/partisipasi/angka/{kel_a.pk}/?mulai=2026-07-01&akhir=2026-07-31"


def test_selector_percentiles_match_by_hand(data_juli, kel_a):
    angka = selectors.penyelesaian_angka(unit=kel_a, mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31))
    assert angka.jumlah == 5
    assert angka.median_jam == pytest.approx(30)
    assert angka.p90_jam == pytest.approx(76)
    assert angka.rata_jam == pytest.approx(40)


def test_late_completions_lower_the_on_time_share(jam, kel_a, kategori, petugas_a):
    # Filed Wednesday 1 July; 5 working days → due end of Wednesday 8 July. 200 h later is 9 July: late.
    for d in (10, 200, 300, 20):
        selesai_setelah(jam, kel_a, kategori, petugas_a, mulai=JULI, jam_durasi=d)
    angka = selectors.penyelesaian_angka(unit=kel_a, mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31))
    assert angka.persen_tepat_waktu == pytest.approx(50.0)


def test_running_twice_changes_nothing(data_juli, iki, lurah_a, kel_a, django_capture_on_commit_callbacks):
    ikatan = ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    versi = Realisasi.objects.get(iki=iki, periode_ke=7).versi
    hasil = services.realisasi_terhitung_run(actor=None, ikatan=ikatan)
    assert hasil.ditulis == [] and hasil.tetap == [6, 7] and hasil.kosong == [1, 2, 3, 4, 5]
    assert Realisasi.objects.get(iki=iki, periode_ke=7).versi == versi


def test_new_completion_updates_the_value_on_the_next_run(
    jam, data_juli, iki, lurah_a, kel_a, kategori, petugas_a, django_capture_on_commit_callbacks
):
    ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    selesai_setelah(jam, kel_a, kategori, petugas_a, mulai=JULI, jam_durasi=200)  # 10, 20, 30, 40, 100, 200
    assert tasks.realisasi_terhitung_semua() == 1  # the nightly job (runs in process in tests)
    assert Realisasi.objects.get(iki=iki, periode_ke=7).nilai == Decimal("1.46")  # (30 + 40) / 2 = 35 h


def test_pegawai_cannot_overwrite_a_computed_value_only_comment(
    data_juli, iki, lurah_a, kel_a, django_capture_on_commit_callbacks
):
    ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    r = Realisasi.objects.get(iki=iki, periode_ke=7)
    with pytest.raises(ValidationError, match="terhitung otomatis"):
        indikator_services.realisasi_save(actor=lurah_a.user, iki=iki, periode_ke=7, nilai="0,5", versi=r.versi)
    with pytest.raises(ValidationError):
        indikator_services.bukti_delete(actor=lurah_a.user, bukti=r.bukti.get())
    assert Realisasi.objects.get(pk=r.pk).nilai == Decimal("1.25")
    ub = indikator_services.umpan_balik_create(actor=lurah_a.atasan.user, iki=iki, periode_ke=7, teks="Bagus.")
    assert ub.pk


def test_a_manual_value_is_replaced_when_bound(data_juli, iki, lurah_a, kel_a, django_capture_on_commit_callbacks):
    indikator_services.realisasi_save(actor=lurah_a.user, iki=iki, periode_ke=7, nilai="3")
    ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    r = Realisasi.objects.get(iki=iki, periode_ke=7)
    assert (r.nilai, r.sumber, r.versi) == (Decimal("1.25"), "terhitung", 2)


def test_outsider_cannot_bind_or_recompute(
    data_juli, iki, lurah_a, kel_a, outsider, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.iki_terhitung_link(actor=outsider.user, iki=iki, unit_id=kel_a.pk, ukuran="median")
    ikatan = ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.realisasi_terhitung_run(actor=outsider.user, ikatan=ikatan)
    with pytest.raises(PermissionDenied):
        services.iki_terhitung_delete(actor=outsider.user, ikatan=ikatan)
    with pytest.raises(PermissionDenied):
        indikator_services.realisasi_terhitung_set(
            actor=outsider.user, iki=iki, periode_ke=7, nilai=1, narasi="x", tautan="http://x.test/"
        )


def test_owner_binds_only_to_his_own_unit_admin_to_any(iki, lurah_a, kel_b, admin_kota, kel_a):
    with pytest.raises(PermissionDenied):
        services.iki_terhitung_link(actor=lurah_a.user, iki=iki, unit_id=kel_b.pk, ukuran="median")
    ikatan = services.iki_terhitung_link(actor=admin_kota, iki=iki, unit_id=kel_b.pk, ukuran="median")
    assert IkiTerhitung.objects.get(pk=ikatan.pk).unit == kel_b


def test_bad_binding_input_saves_nothing(iki, lurah_a):
    with pytest.raises(ValidationError) as exc:
        services.iki_terhitung_link(actor=lurah_a.user, iki=iki, unit_id=999999, ukuran="modus")
    assert set(exc.value.message_dict) == {"unit", "ukuran"}
    assert not IkiTerhitung.objects.exists()


def test_unapproved_skp_is_skipped_with_a_message(lurah_a, periode, kel_a, data_juli):
    from tests.indikator.factories import skp_draft

    iki = skp_draft(lurah_a, periode).rhk.get().iki.get()
    ikatan = services.iki_terhitung_link(actor=lurah_a.user, iki=iki, unit_id=kel_a.pk, ukuran="median")
    hasil = services.realisasi_terhitung_run(actor=None, ikatan=ikatan)
    assert hasil.dilewati and not Realisasi.objects.filter(iki=iki).exists()


def test_ranking_orders_kelurahan_by_median(data_juli, kel_a, kel_b):
    baris = selectors.peringkat_kelurahan(mulai=dt.date(2026, 7, 1), akhir=dt.date(2026, 7, 31))
    assert [(b.peringkat, b.kelurahan, b.angka.jumlah) for b in baris] == [(1, kel_b, 2), (2, kel_a, 5)]
    assert baris[0].angka.median_jam == pytest.approx(5)


def test_realisation_page_shows_computed_value_with_link_and_no_form(
    data_juli, iki, lurah_a, kel_a, as_user, django_capture_on_commit_callbacks
):
    ikat(lurah_a.user, iki, kel_a, "median", django_capture_on_commit_callbacks)
    html = as_user(lurah_a.user).get(f"/indikator/iki/{iki.pk}/realisasi/").content.decode()
    juli = html.split('data-testid="periode-7"')[1].split("</section>")[0]
    assert 'data-testid="terhitung"' in juli
    assert f"/partisipasi/angka/{kel_a.pk}/?mulai=2026-07-01&amp;akhir=2026-07-31" in juli
    assert f"/indikator/iki/{iki.pk}/realisasi/7/" not in juli  # no entry form for a computed month
