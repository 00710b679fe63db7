"""The pure rules of penilaian.aturan: every matrix cell, every distribution rule at its edges, the suggestion,
credit points, the organisation mapping and the objection deadline."""

import datetime as dt
from decimal import Decimal

import pytest

from penilaian import aturan
from penilaian.aturan import (
    AmbangSaran,
    Aturan,
    HasilIki,
    KelompokTerbesar,
    Predikat,
    PredikatOrganisasi,
    Rating,
    periksa_distribusi,
    predikat_pegawai,
)

MAY, PLU = KelompokTerbesar.MAYORITAS, KelompokTerbesar.PLURALITAS
SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
ORG = PredikatOrganisasi


# --- the matrix ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (Rating.DI_ATAS, Rating.DI_BAWAH, K),
        (Rating.DI_ATAS, Rating.SESUAI, B),
        (Rating.DI_ATAS, Rating.DI_ATAS, SB),
        (Rating.SESUAI, Rating.DI_BAWAH, K),
        (Rating.SESUAI, Rating.SESUAI, B),
        (Rating.SESUAI, Rating.DI_ATAS, B),
        (Rating.DI_BAWAH, Rating.DI_BAWAH, SK),
        (Rating.DI_BAWAH, Rating.SESUAI, BP),
        (Rating.DI_BAWAH, Rating.DI_ATAS, BP),
    ],
)
def test_every_matrix_cell(hasil, perilaku, predikat):
    assert predikat_pegawai(hasil, perilaku) == predikat
    assert predikat_pegawai(hasil.value, perilaku.value) == predikat  # plain strings from a form or a row


@pytest.mark.parametrize(("hasil", "perilaku"), [("sangat_baik", "sesuai"), ("sesuai", ""), ("", "")])
def test_a_rating_outside_the_three_values_is_refused(hasil, perilaku):
    with pytest.raises(ValueError, match="rating tidak dikenal"):
        predikat_pegawai(hasil, perilaku)


def test_kuadran_marks_exactly_the_cell_of_the_ratings_in_e_kinerja_order():
    grid = aturan.kuadran(Rating.SESUAI, Rating.DI_ATAS)
    assert [[sel.predikat for sel in baris] for baris in grid] == [[K, B, SB], [K, B, B], [SK, BP, BP]]
    terpilih = [(sel.hasil_kerja, sel.perilaku) for baris in grid for sel in baris if sel.terpilih]
    assert terpilih == [(Rating.SESUAI, Rating.DI_ATAS)]
    assert not any(sel.terpilih for baris in aturan.kuadran() for sel in baris)


# --- the distribution curve ---------------------------------------------------------------------------------


def _langgar(org, spread, cara=MAY):
    return [
        (p.aturan, p.predikat, p.jumlah, p.batas, p.selisih)
        for p in periksa_distribusi(org, spread, kelompok_terbesar=cara)
    ]


@pytest.mark.parametrize("org", list(ORG))
@pytest.mark.parametrize("cara", [MAY, PLU])
def test_a_unit_with_nobody_has_nothing_to_check(org, cara):
    assert periksa_distribusi(org, {}, kelompok_terbesar=cara) == []
    assert periksa_distribusi(org, {SB: 0, B: 0}, kelompok_terbesar=cara) == []


def test_istimewa_follows_at_exactly_70_percent_and_breaks_one_above():
    assert _langgar(ORG.ISTIMEWA, {SB: 7, B: 3}) == []
    assert _langgar(ORG.ISTIMEWA, {SB: 8, B: 2}) == [(Aturan.PALING_BANYAK, (SB,), 8, 7, 1)]


def test_istimewa_largest_group_majority_needs_more_than_half():
    assert _langgar(ORG.ISTIMEWA, {SB: 6, B: 4}) == []
    assert _langgar(ORG.ISTIMEWA, {SB: 5, B: 5}) == [(Aturan.TERBESAR, (SB,), 5, 6, 1)]
    assert _langgar(ORG.ISTIMEWA, {SB: 4, B: 3, BP: 3}) == [(Aturan.TERBESAR, (SB,), 4, 6, 2)]


def test_istimewa_largest_group_plurality_needs_strictly_the_most():
    assert _langgar(ORG.ISTIMEWA, {SB: 4, B: 3, BP: 3}, PLU) == []
    # a tie for the largest group is not "the largest group": one person more
    assert _langgar(ORG.ISTIMEWA, {SB: 5, B: 5}, PLU) == [(Aturan.TERBESAR, (SB,), 5, 6, 1)]
    assert _langgar(ORG.ISTIMEWA, {SB: 3, B: 3, BP: 3, K: 1}, PLU) == [(Aturan.TERBESAR, (SB,), 3, 4, 1)]
    # behind a bigger group: each move from it into Sangat Baik closes the gap by two (2 vs 6: three moves, 5 vs 3)
    assert _langgar(ORG.ISTIMEWA, {SB: 2, B: 6, BP: 2}, PLU) == [(Aturan.TERBESAR, (SB,), 2, 5, 3)]


@pytest.mark.parametrize("cara", [MAY, PLU])
def test_istimewa_in_units_of_1_2_3(cara):
    # 1 person: 100 % > 70 % (at most 0 people)
    assert _langgar(ORG.ISTIMEWA, {SB: 1}, cara) == [(Aturan.PALING_BANYAK, (SB,), 1, 0, 1)]
    # 2 people: one each is a tie (both settings), 50 % is within 70 % (at most 1)
    assert _langgar(ORG.ISTIMEWA, {SB: 1, B: 1}, cara) == [(Aturan.TERBESAR, (SB,), 1, 2, 1)]
    # 3 people: 2 of 3 is the largest group and 66 % ≤ 70 %
    assert _langgar(ORG.ISTIMEWA, {SB: 2, B: 1}, cara) == []


def test_baik_follows_at_70_percent_with_one_butuh_perbaikan_or_kurang():
    assert _langgar(ORG.BAIK, {B: 7, BP: 1, SB: 2}) == []
    assert _langgar(ORG.BAIK, {B: 7, K: 1, SB: 2}) == []
    assert _langgar(ORG.BAIK, {B: 8, BP: 1, SB: 1}) == [(Aturan.PALING_BANYAK, (B,), 8, 7, 1)]
    assert _langgar(ORG.BAIK, {B: 7, SB: 3}) == [(Aturan.PALING_SEDIKIT, (BP, K), 0, 1, 1)]
    assert _langgar(ORG.BAIK, {B: 5, SB: 4, BP: 1}) == [(Aturan.TERBESAR, (B,), 5, 6, 1)]
    assert _langgar(ORG.BAIK, {B: 5, SB: 4, BP: 1}, PLU) == []


def test_baik_in_units_of_1_2_3():
    assert _langgar(ORG.BAIK, {B: 1}) == [
        (Aturan.PALING_BANYAK, (B,), 1, 0, 1),
        (Aturan.PALING_SEDIKIT, (BP, K), 0, 1, 1),
    ]
    assert _langgar(ORG.BAIK, {B: 1, BP: 1}) == [(Aturan.TERBESAR, (B,), 1, 2, 1)]
    assert _langgar(ORG.BAIK, {B: 1, BP: 1}, PLU) == [(Aturan.TERBESAR, (B,), 1, 2, 1)]
    assert _langgar(ORG.BAIK, {B: 2, K: 1}) == []


def test_butuh_perbaikan_at_exactly_60_and_10_percent():
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 6, B: 3, SB: 1}) == []
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 5, B: 4, SB: 1}) == [(Aturan.PALING_SEDIKIT, (BP,), 5, 6, 1)]
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 6, B: 2, SB: 2}) == [(Aturan.PALING_BANYAK, (SB,), 2, 1, 1)]
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 3, B: 2}) == []  # 60 % of 5 is 3


def test_butuh_perbaikan_in_units_of_1_2_3():
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 1}) == []
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 1, B: 1}) == [(Aturan.PALING_SEDIKIT, (BP,), 1, 2, 1)]
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 2, B: 1}) == []
    # 10 % of 3 people is none: one Sangat Baik is too many
    assert _langgar(ORG.BUTUH_PERBAIKAN, {BP: 2, SB: 1}) == [(Aturan.PALING_BANYAK, (SB,), 1, 0, 1)]


def test_kurang_at_exactly_60_and_10_percent():
    assert _langgar(ORG.KURANG, {K: 6, BP: 1, B: 2, SB: 1}) == []
    assert _langgar(ORG.KURANG, {K: 6, B: 4}) == [(Aturan.PALING_SEDIKIT, (BP,), 0, 1, 1)]
    assert _langgar(ORG.KURANG, {K: 5, BP: 2, B: 3}) == [(Aturan.PALING_SEDIKIT, (K,), 5, 6, 1)]
    assert _langgar(ORG.KURANG, {K: 6, BP: 1, SB: 3}) == [(Aturan.PALING_BANYAK, (SB,), 3, 1, 2)]


def test_kurang_in_units_of_1_2_3():
    assert _langgar(ORG.KURANG, {K: 1}) == [(Aturan.PALING_SEDIKIT, (BP,), 0, 1, 1)]
    assert _langgar(ORG.KURANG, {K: 1, BP: 1}) == [(Aturan.PALING_SEDIKIT, (K,), 1, 2, 1)]
    assert _langgar(ORG.KURANG, {K: 2, BP: 1}) == []


def test_sangat_kurang_at_exactly_60_and_10_percent_and_no_sangat_baik():
    assert _langgar(ORG.SANGAT_KURANG, {SK: 6, K: 1, B: 3}) == []
    assert _langgar(ORG.SANGAT_KURANG, {SK: 6, BP: 1, B: 3}) == []
    assert _langgar(ORG.SANGAT_KURANG, {SK: 6, B: 4}) == [(Aturan.PALING_SEDIKIT, (K, BP), 0, 1, 1)]
    assert _langgar(ORG.SANGAT_KURANG, {SK: 5, K: 1, B: 4}) == [(Aturan.PALING_SEDIKIT, (SK,), 5, 6, 1)]
    assert _langgar(ORG.SANGAT_KURANG, {SK: 6, K: 1, SB: 3}) == [(Aturan.TIDAK_ADA, (SB,), 3, 0, 3)]


def test_sangat_kurang_in_units_of_1_2_3():
    assert _langgar(ORG.SANGAT_KURANG, {SK: 1}) == [(Aturan.PALING_SEDIKIT, (K, BP), 0, 1, 1)]
    assert _langgar(ORG.SANGAT_KURANG, {SK: 1, K: 1}) == [(Aturan.PALING_SEDIKIT, (SK,), 1, 2, 1)]
    assert _langgar(ORG.SANGAT_KURANG, {SK: 2, BP: 1}) == []


def test_each_broken_rule_says_which_rule_and_by_how_many_people_in_indonesian():
    pesan = [p.pesan for p in periksa_distribusi(ORG.BAIK, {B: 9, SB: 1})]
    assert pesan == [
        "Baik paling banyak 70%: ada 9 orang, paling banyak 7 orang (lebih 2 orang).",
        "Harus ada paling sedikit 1 orang Butuh Perbaikan atau Kurang/Misconduct: ada 0 orang (kurang 1 orang).",
    ]
    assert [p.pesan for p in periksa_distribusi(ORG.ISTIMEWA, {SB: 1, B: 1})] == [
        "Sangat Baik harus menjadi kelompok terbesar: ada 1 orang, perlu 2 orang (kurang 1 orang)."
    ]
    assert [p.pesan for p in periksa_distribusi(ORG.SANGAT_KURANG, {SK: 6, K: 1, SB: 3})] == [
        "Tidak boleh ada Sangat Baik: ada 3 orang (lebih 3 orang)."
    ]


def test_unknown_values_in_a_spread_are_refused():
    with pytest.raises(ValueError):
        periksa_distribusi("luar_biasa", {B: 1})
    with pytest.raises(ValueError):
        periksa_distribusi(ORG.BAIK, {"hebat": 1})
    with pytest.raises(ValueError):
        periksa_distribusi(ORG.BAIK, {B: -1})


# --- the suggestion -----------------------------------------------------------------------------------------


def _saran(*hasil, ambang=None):
    return aturan.saran_rating_hasil_kerja([HasilIki(u, None if c is None else Decimal(c)) for u, c in hasil], ambang)


def test_suggestion_di_atas_when_most_above_and_no_utama_below():
    assert _saran((True, 120), (True, 110), (False, 100)).rating == Rating.DI_ATAS
    # most above but one Utama below: not Di Atas
    assert _saran((True, 120), (True, 115), (True, 90)).rating == Rating.DI_BAWAH
    # a Tambahan below does not stop Di Atas
    assert _saran((True, 120), (True, 115), (False, 50)).rating == Rating.DI_ATAS


def test_suggestion_sesuai_allows_a_small_part_of_utama_below():
    assert _saran((True, 100), (True, 100), (True, 100), (True, 99)).rating == Rating.SESUAI  # 1 of 4 Utama = 25 %
    assert _saran((True, 100), (True, 100), (True, 99), (True, 99)).rating == Rating.DI_BAWAH  # 2 of 4 = 50 %
    assert _saran((True, 100), (False, 100), (False, 100)).rating == Rating.SESUAI


def test_suggestion_di_bawah_when_most_below():
    saran = _saran((True, 50), (True, 80), (False, 120))
    assert saran.rating == Rating.DI_BAWAH
    assert (saran.di_atas, saran.sesuai, saran.di_bawah, saran.utama_di_bawah) == (1, 0, 2, 2)


def test_suggestion_thresholds_are_at_their_edges_and_configurable():
    assert _saran((True, "110.00")).rating == Rating.DI_ATAS
    assert _saran((True, "109.99")).rating == Rating.SESUAI
    assert _saran((True, "100")).rating == Rating.SESUAI
    assert _saran((True, "99.99")).rating == Rating.DI_BAWAH
    longgar = AmbangSaran(di_atas=Decimal(105), di_bawah=Decimal(90), bagian_kecil=Decimal(50))
    assert _saran((True, 106), ambang=longgar).rating == Rating.DI_ATAS
    assert _saran((True, 95), ambang=longgar).rating == Rating.SESUAI
    assert _saran((True, 100), (True, 89), ambang=longgar).rating == Rating.DI_BAWAH  # half are not "most"
    assert _saran((True, 100), (True, 100), (True, 89), ambang=longgar).rating == Rating.SESUAI


def test_no_suggestion_without_a_computable_capaian():
    saran = _saran((True, None), (False, None))
    assert saran.rating is None
    assert saran.tidak_terhitung == 2
    assert _saran().rating is None
    assert _saran((True, None), (True, 120)).rating == Rating.DI_ATAS


def test_the_rule_text_names_the_thresholds():
    teks = aturan.aturan_saran_teks(AmbangSaran(di_atas=Decimal(105), di_bawah=Decimal(95), bagian_kecil=Decimal(20)))
    assert "≥ 105%" in teks and "< 95%" in teks and "20%" in teks


# --- credit points, organisation mapping, deadline ----------------------------------------------------------


@pytest.mark.parametrize(
    ("predikat", "tahunan", "triwulan"),
    [
        (SB, "18.750", "4.688"),
        (B, "12.500", "3.125"),
        (BP, "9.375", "2.344"),
        (K, "6.250", "1.563"),
        (SK, "3.125", "0.781"),
    ],
)
def test_angka_kredit_per_predikat_annual_and_periodic(predikat, tahunan, triwulan):
    assert aturan.angka_kredit(predikat, Decimal("12.5")) == Decimal(tahunan)
    assert aturan.angka_kredit(predikat, Decimal("12.5"), bulan=3) == Decimal(triwulan)


def test_angka_kredit_refuses_a_period_outside_one_to_twelve_months():
    with pytest.raises(ValueError):
        aturan.angka_kredit(B, Decimal(25), bulan=13)


def test_unit_head_rating_follows_the_configurable_mapping():
    assert aturan.rating_dari_predikat_organisasi(ORG.ISTIMEWA) == Rating.DI_ATAS
    assert aturan.rating_dari_predikat_organisasi(ORG.BAIK) == Rating.SESUAI
    assert aturan.rating_dari_predikat_organisasi(ORG.KURANG) == Rating.DI_BAWAH
    lain = {**aturan.PEMETAAN_ORGANISASI_BAWAAN, ORG.BAIK: Rating.DI_ATAS}
    assert aturan.rating_dari_predikat_organisasi(ORG.BAIK, lain) == Rating.DI_ATAS


def test_objection_deadline_is_the_14th_calendar_day_inclusive():
    final = dt.date(2027, 1, 20)
    assert aturan.batas_keberatan(final) == dt.date(2027, 2, 3)
    assert aturan.keberatan_masih_terbuka(final, final)
    assert aturan.keberatan_masih_terbuka(final, dt.date(2027, 2, 3))  # day 14
    assert not aturan.keberatan_masih_terbuka(final, dt.date(2027, 2, 4))  # day 15
