"""The snapshot's figures against hand-computed ones on a small fixture (lower-is-better and range targets too)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from indikator.models import Arah
from kinerja import privasi
from laporan import bab
from tests.laporan.factories import (
    TAHUN,
    evaluasi_final,
    iki_dengan_realisasi,
    iku,
    pegawai_dengan_predikat,
    rencana_menengah,
    skp_setuju,
)
from tests.pelatihan.test_dampak import isi_dunia

pytestmark = pytest.mark.django_db
S = "< 5"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def dunia_kecil(dinas, bidang, atasan, penilai):
    """dinas' IKU for 2025:
    - "Indeks kepuasan" naik, target 90, realisation 80 then 99 (last counts): 99/90 = 110.00%;
      in 2024 the same indicator: target 90, realisation 81 → 90.00%
    - "Waktu layanan" turun, target 7, realisation 6.5: (14 − 6.5)/7 = 107.142857 → 107.14%
    - "Dokumen" naik, target 50, no realisation → no capaian
    The head's SKP carries them (one IKI per IKU). A range IKI 7–8 turun with realisation 9: (16 − 9)/8 = 87.50%.
    """
    skp = skp_setuju(atasan)
    a = iku(dinas, indikator="Indeks kepuasan", target="90", urutan=1)
    b = iku(dinas, indikator="Waktu layanan", target="7", arah=Arah.TURUN, urutan=2)
    iku(dinas, indikator="Dokumen", target="50", urutan=3)
    iki_dengan_realisasi(skp, target="90", nilai=["80", "99"], indikator_unit=a)
    iki_dengan_realisasi(skp, target="7", nilai=["6.5"], arah=Arah.TURUN, indikator_unit=b)
    iki_dengan_realisasi(skp, target="7", target_atas="8", nilai=["9"], arah=Arah.TURUN)
    lalu = iku(dinas, indikator="Indeks kepuasan", target="90", tahun=TAHUN - 1)
    iki_dengan_realisasi(skp_setuju(atasan, TAHUN - 1), target="90", nilai=["81"], indikator_unit=lalu)
    return dinas


def test_iku_target_realisation_capaian_and_previous_year(dunia_kecil):
    ringkas, baris, tren = bab.bab_iku(unit=dunia_kecil, tahun=TAHUN)
    assert [(r[2], r[5], r[6], r[7], r[8]) for r in baris] == [
        ("Indeks kepuasan", "90.00", "99.00", "110.00", "90.00"),
        ("Waktu layanan", "7.00", "6.50", "107.14", None),
        ("Dokumen", "50.00", None, None, None),
    ]
    assert ringkas == {
        "ada": True,
        "jumlah": 3,
        "tercapai": 2,
        "rata_capaian": "108.57",  # (110 + 107.14) / 2 = 108.57
        "target_menengah_dikenal": 0,
        "rencana_menengah": [],
    }
    assert tren["baris"] == [[TAHUN - 1, "90.00", 1], [TAHUN, "108.57", 2]]
    assert [r[10:] for r in baris] == [[None, None, None]] * 3


def test_iku_compared_with_the_medium_term_target_of_the_plan_covering_the_year(dunia_kecil, admin_bkd):
    """2025 is covered by RPD 2023–2026 and RPJMD 2025–2029: the later-starting RPJMD wins where it has a target.
    - "Indeks kepuasan" naik, RPJMD target 95 (RPD 92 ignored), realisation 99: 99/95 = 104.2105 → 104.21%
    - "Waktu layanan" turun, only RPD target 5, realisation 6.5: (10 − 6.5)/5 = 70.00%
    - "Dokumen": no medium-term target → empty; a target of another unit or a plan not covering 2025 is ignored."""
    from laporan import services
    from laporan.models import RencanaMenengah

    rpd = rencana_menengah("rpd-2023-2026")
    rpjmd = rencana_menengah("rpjmd-2025-2029")
    lama = RencanaMenengah.objects.create(
        kode="rpjmd-2018-2022", nama="RPJMD 2018–2022", tahun_awal=2018, tahun_akhir=2022
    )
    simpan = services.target_menengah_save
    simpan(actor=admin_bkd, rencana=rpd, unit=dunia_kecil, indikator="Indeks kepuasan", target=Decimal(92))
    simpan(actor=admin_bkd, rencana=rpjmd, unit=dunia_kecil, indikator="Indeks kepuasan", target=Decimal(95))
    simpan(actor=admin_bkd, rencana=rpd, unit=dunia_kecil, indikator="Waktu layanan", target=Decimal(5))
    simpan(actor=admin_bkd, rencana=lama, unit=dunia_kecil, indikator="Dokumen", target=Decimal(40))
    ringkas, baris, _tren = bab.bab_iku(unit=dunia_kecil, tahun=TAHUN)
    assert [(r[2], *r[10:]) for r in baris] == [
        ("Indeks kepuasan", "95.00", "RPJMD 2025–2029", "104.21"),
        ("Waktu layanan", "5.00", "RPD 2023–2026", "70.00"),
        ("Dokumen", None, None, None),
    ]
    assert ringkas["target_menengah_dikenal"] == 2
    assert ringkas["rencana_menengah"] == ["RPD 2023–2026", "RPJMD 2025–2029"]


def test_only_admin_bkd_records_medium_term_targets(dinas, admin_unit):
    from django.core.exceptions import PermissionDenied

    from laporan import services

    with pytest.raises(PermissionDenied):
        services.target_menengah_save(
            actor=admin_unit, rencana=rencana_menengah("rpd-2023-2026"), unit=dinas, indikator="X", target=Decimal(1)
        )


def test_iki_capaian_spread_in_bands_computed_in_sql(dunia_kecil):
    ringkas, _predikat, capaian = bab.bab_pegawai(unit=dunia_kecil, tahun=TAHUN, k=1)
    # IKI of 2025: 110.00 (hijau), 107.14 (hijau), 87.50 (range, kuning)
    assert capaian == [["hijau", 2, "66.67"], ["kuning", 1, "33.33"], ["merah", 0, "0.00"], ["abu", 0, "0.00"]]
    assert Decimal(ringkas["rata_capaian_iki"]) == Decimal("101.55")  # (110 + 107.142857 + 87.5) / 3


def test_predikat_distribution_with_small_groups_suppressed(dinas, bidang, penilai):
    # 6 baik, 2 butuh perbaikan: the 2 is suppressed, and so is the smallest other cell (a 0), since the total (8)
    # is published and 8 − 6 would reveal it.
    pegawai_dengan_predikat(bidang, penilai, ["baik"] * 6 + ["butuh_perbaikan"] * 2)
    ringkas, predikat, _capaian = bab.bab_pegawai(unit=dinas, tahun=TAHUN, k=5)
    tampil = {r[0]: r[1] for r in predikat}
    assert tampil["baik"] == 6
    assert tampil["butuh_perbaikan"] == "< 5"
    assert sum(1 for v in tampil.values() if v == "< 5") == 2
    assert ringkas["jumlah_dinilai"] == 8
    persen = {r[0]: r[2] for r in predikat}
    assert persen["baik"] == "75.00" and persen["butuh_perbaikan"] == "< 5"


def test_a_group_below_the_minimum_is_suppressed_whole(dinas, bidang, penilai):
    pegawai_dengan_predikat(bidang, penilai, ["baik", "baik", "sangat_baik"])
    ringkas, predikat, _capaian = bab.bab_pegawai(unit=dinas, tahun=TAHUN, k=5)
    assert {r[1] for r in predikat} == {"< 5"}
    assert {r[2] for r in predikat} == {"< 5"}
    assert ringkas["jumlah_dinilai"] == "< 5"
    assert ringkas["sesuai_kurva"] is None


def test_iki_bands_of_fewer_people_than_the_minimum_are_suppressed(dunia_kecil):
    ringkas, _predikat, capaian = bab.bab_pegawai(unit=dunia_kecil, tahun=TAHUN, k=5)
    assert {r[1] for r in capaian} == {"< 5"}
    assert ringkas["rata_capaian_iki"] == "< 5"


def test_the_curve_is_checked_on_the_real_counts(dinas, bidang, penilai):
    # Baik: the largest group, at most 70%, at least one Butuh Perbaikan or Kurang → 7 baik + 3 bp follows it
    pegawai_dengan_predikat(bidang, penilai, ["baik"] * 7 + ["butuh_perbaikan"] * 3)
    assert bab.bab_pegawai(unit=dinas, tahun=TAHUN, k=5)[0]["sesuai_kurva"] is True


@pytest.mark.parametrize(
    ("jumlah", "harapan"),
    [
        ({"a": 10, "b": 3, "c": 7}, {"a": 10, "b": "< 5", "c": "< 5"}),  # complementary: the next smallest (7)
        ({"a": 10, "b": 3, "c": 2}, {"a": 10, "b": "< 5", "c": "< 5"}),  # two suppressed already
        ({"a": 10, "b": 0, "c": 7}, {"a": 10, "b": 0, "c": 7}),  # nothing small
        ({"a": 2, "b": 1}, {"a": "< 5", "b": "< 5"}),  # the whole group below 5
        ({"a": 0, "b": 0}, {"a": 0, "b": 0}),
    ],
)
def test_sensor_kelompok(jumlah, harapan):
    assert privasi.sensor_kelompok(jumlah, 5) == harapan


def test_jp_chapter_without_training_says_so(dinas, bidang, penilai):
    pegawai_dengan_predikat(bidang, penilai, ["baik"] * 6)
    ringkas, baris = bab.bab_pelatihan(unit=dinas, tahun=TAHUN, k=5)
    assert ringkas["ada"] is False
    # 6 people + the penilai + his atasan = 8 active people, none reached 20 JP: 0 patuh, 8 belum
    assert baris[0][:4] == [8, 0, 8, "0.00"]


def test_snapshot_has_every_chapter_and_no_personal_data(dunia_kecil, pegawai):
    evaluasi_final(pegawai, pegawai.atasan, "baik")
    data = bab.susun_snapshot(unit=dunia_kecil, tahun=TAHUN)
    assert set(data["bab"]) == {"iku", "pegawai", "pelatihan", "layanan", "provinsi"}
    assert data["bab"]["layanan"]["ada"] is False
    teks = str(data)
    assert pegawai.nip not in teks and pegawai.nama not in teks


# --- Training: needs met and "did it work?" (pelatihan's own selector, for the unit) -------------------------------


@pytest.fixture
def dunia_dampak(pemprov, dinas, bidang, atasan):
    isi_dunia(pemprov, dinas, bidang, atasan)


def test_needs_met_and_did_it_work_reuse_pelatihan_for_the_unit(dunia_dampak, dinas):
    """``tests.pelatihan.test_dampak``'s fixture, computed by hand there: Dinas Uji's teknis needs of 2025 are 28, 12
    of them met by training (42.86%); manajerial 3 people (3 needs), suppressed whole. The comparison of the report
    of 2026 looks at the needs of 2025 (moves 2025 → 2026): trained 12 people, 10 up, 1 same and 1 not comparable
    (both suppressed), capaian 60 → 82.73; not trained 15, capaian 60 → 66.67."""
    ringkas, kebutuhan, dampak = bab.bab_kebutuhan(unit=dinas, tahun=2025)
    assert kebutuhan == [["manajerial", S, S, None], ["teknis", 28, 12, "42.86"]]
    # one area is suppressed: no year total, since it would give the area back by subtraction
    assert ringkas["ada_kebutuhan"] is True and ringkas["jumlah_kebutuhan"] is None
    assert ringkas["persen_kebutuhan_terpenuhi"] is None
    assert dampak == []  # no needs raised in 2024
    ringkas, _kebutuhan, dampak = bab.bab_kebutuhan(unit=dinas, tahun=2026)
    assert ringkas["tahun_dampak"] == 2025 and ringkas["ada_dampak"] is True
    baris = {(r[0], r[1]): r[2:] for r in dampak}
    assert baris[("teknis", "latih")] == [12, 10, S, 0, S, "60.00", "82.73", "22.73"]
    assert baris[("teknis", "tidak")] == [15, S, S, 0, 0, "60.00", "66.67", "6.67"]
    assert baris[("manajerial", "tidak")][0] == S and baris[("manajerial", "latih")][0] == 0


def test_needs_met_year_total_when_no_area_is_suppressed(dunia_dampak, bidang):
    """Bidang Uji alone: teknis 14 needs, 6 met (42.86%); manajerial 3 needs of 3 people suppressed → no total."""
    ringkas, kebutuhan, _dampak = bab.bab_kebutuhan(unit=bidang, tahun=2025)
    assert ["teknis", 14, 6, "42.86"] in kebutuhan
    assert ringkas["jumlah_kebutuhan"] is None


# --- Citizen service: aspirations followed up ---------------------------------------------------------------------


def _forum(kelurahan, mulai, statuses):
    from partisipasi.models import Aspirasi, Forum

    forum = Forum.objects.create(
        kelurahan=kelurahan, jenis="rembuk_rw", topik="Rembuk", mulai=mulai, selesai=mulai + dt.timedelta(hours=2),
        tempat="Balai warga",
    )  # fmt: skip
    for status in statuses:
        Aspirasi.objects.create(
            forum=forum, kategori="fisik", rw="001", uraian="Perbaikan saluran", unit_penanggung_jawab=kelurahan,
            status=status, alasan="Bukan kewenangan" if status == "tidak_direkomendasikan" else "",
            diubah=timezone.now(),
        )  # fmt: skip


def test_aspirations_followed_up_by_status(dinas, pemprov):
    """Two forums of 2025 in a kelurahan of Dinas Uji: 2 diterima, 1 ditindaklanjuti, 1 diakomodir, 3 selesai,
    1 tidak direkomendasikan = 8, followed up 6 (75.00%). A forum of 2024 and one of another unit are left out."""
    from tests.kepegawaian.factories import UnitKerjaFactory

    kel = UnitKerjaFactory(kode="KEL-UJI", nama="Kelurahan Uji", jenis="kelurahan", parent=dinas)
    luar = UnitKerjaFactory(kode="KEL-LAIN", nama="Kelurahan Lain", jenis="kelurahan", parent=pemprov)
    _forum(kel, dt.datetime(2025, 3, 1, 9, tzinfo=WIB), ["diterima", "ditindaklanjuti", "selesai", "selesai"])
    _forum(kel, dt.datetime(2025, 12, 31, 20, tzinfo=WIB), ["diterima", "diakomodir", "selesai",
                                                            "tidak_direkomendasikan"])  # fmt: skip
    _forum(kel, dt.datetime(2024, 12, 31, 20, tzinfo=WIB), ["diterima"])
    _forum(luar, dt.datetime(2025, 5, 1, 9, tzinfo=WIB), ["selesai"])
    ringkas, baris = bab.bab_aspirasi(unit=dinas, tahun=TAHUN)
    assert baris == [
        ["diterima", 2, "25.00"],
        ["ditindaklanjuti", 1, "12.50"],
        ["diakomodir", 1, "12.50"],
        ["selesai", 3, "37.50"],
        ["tidak_direkomendasikan", 1, "12.50"],
    ]
    assert ringkas == {"ada": True, "jumlah": 8, "ditindaklanjuti": 6, "persen_ditindaklanjuti": "75.00"}
    kosong, _baris = bab.bab_aspirasi(unit=dinas, tahun=2023)
    assert kosong["ada"] is False and kosong["persen_ditindaklanjuti"] is None


# --- Province summary: one row per top-level unit -----------------------------------------------------------------


def test_province_report_has_a_row_per_top_level_unit(dunia_kecil, dinas_lain, pemprov, bidang):
    """Dinas Uji (``dunia_kecil``): IKU average 108.57; one approved current SKP of 2025 (the head's); its active
    people (the head and the penilai) reached no 20 JP: 0.00%; no complaints. Dinas Lain: nothing. With k = 5 the
    one SKP and the share of 2 people are suppressed. A bidang's report has no such table."""
    rows = bab.bab_per_unit(unit=pemprov, tahun=TAHUN, k=1)
    assert rows == [
        ["DINAS-UJI", "Dinas Uji", "108.57", 1, "0.00", 0, None],
        ["DINAS-LAIN", "Dinas Lain", None, 0, None, 0, None],
    ]
    rows = bab.bab_per_unit(unit=pemprov, tahun=TAHUN, k=5)
    assert rows[0] == ["DINAS-UJI", "Dinas Uji", "108.57", S, S, 0, None]
    data = bab.susun_snapshot(unit=pemprov, tahun=TAHUN)
    assert data["bab"]["provinsi"] == {"ada": True, "jumlah_unit": 2}
    assert data["tabel"]["per_unit"]["baris"][0][:4] == ["DINAS-UJI", "Dinas Uji", "108.57", S]
    assert bab.susun_snapshot(unit=dunia_kecil, tahun=TAHUN)["tabel"]["per_unit"]["baris"] == []
