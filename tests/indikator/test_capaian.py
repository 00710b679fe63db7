from decimal import Decimal as D

import pytest

from indikator.capaian import Capaian, format_angka, format_persen, hitung_capaian, pita


@pytest.mark.parametrize(
    ("arah", "realisasi", "target", "expected"),
    [
        ("naik", "9", "12", "75.00"),
        ("naik", "12", "12", "100.00"),
        ("naik", "15", "12", "125.00"),  # not capped
        ("turun", "4", "7", "142.86"),  # resolved complaints in 4 days against 7: better than target
        ("turun", "7", "7", "100.00"),
        ("turun", "10", "7", "57.14"),
        ("turun", "14", "7", "0.00"),
        ("turun", "16", "7", "-28.57"),  # far worse than target: the formula goes below zero, shown as is
    ],
)
def test_capaian_for_a_number_target(arah, realisasi, target, expected):
    nilai = hitung_capaian(arah=arah, realisasi=D(realisasi), target=D(target))
    assert Capaian(nilai).dibulatkan == D(expected)


def test_capaian_lower_is_better_is_not_capped_as_in_published_reports():
    # realisation 1.5 days against a target of 4 days: (8 - 1.5) / 4 = 162.5 %
    assert hitung_capaian(arah="turun", realisasi=D("1.5"), target=D("4")) == D("162.5")


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        ("6.5", "107.14"),  # the regulation's worked example: (2×7 − 6.5)/7
        ("7", "100.00"),
        ("7.5", "100.00"),
        ("8", "100.00"),
        ("9", "87.50"),  # (2×8 − 9)/8
    ],
)
def test_capaian_range_target_lower_is_better_uses_the_nearer_bound(realisasi, expected):
    nilai = hitung_capaian(arah="turun", realisasi=D(realisasi), target=D("7"), target_atas=D("8"))
    assert Capaian(nilai).dibulatkan == D(expected)


@pytest.mark.parametrize(("realisasi", "expected"), [("80", "94.12"), ("85", "100.00"), ("95", "105.56")])
def test_capaian_range_target_higher_is_better(realisasi, expected):
    nilai = hitung_capaian(arah="naik", realisasi=D(realisasi), target=D("85"), target_atas=D("90"))
    assert Capaian(nilai).dibulatkan == D(expected)


@pytest.mark.parametrize("arah", ["naik", "turun"])
def test_zero_target_gives_no_capaian_and_a_dash(arah):
    nilai = hitung_capaian(arah=arah, realisasi=D("3"), target=D("0"))
    assert nilai is None
    assert format_persen(nilai) == "—"
    assert pita(nilai).kunci == "abu"


def test_range_with_zero_lower_bound_below_range_is_undefined_but_inside_is_full():
    assert hitung_capaian(arah="turun", realisasi=D("0"), target=D("0"), target_atas=D("2")) == D(100)
    assert hitung_capaian(arah="turun", realisasi=D("-1"), target=D("0"), target_atas=D("2")) is None


def test_no_realisation_gives_no_capaian():
    assert hitung_capaian(arah="naik", realisasi=None, target=D("5")) is None


@pytest.mark.parametrize(
    ("nilai", "kunci"),
    [("100", "hijau"), ("184.75", "hijau"), ("99.99", "kuning"), ("80", "kuning"), ("79.99", "merah"), ("-5", "merah")],
)
def test_colour_bands(nilai, kunci):
    assert pita(D(nilai)).kunci == kunci


def test_display_uses_two_decimals_and_indonesian_separators():
    assert format_persen(D("107.142857")) == "107,14%"
    assert format_persen(D("1234.5")) == "1.234,50%"
    assert format_angka(D("1250000.5000")) == "1.250.000,5"
    assert format_angka(D("12.0000")) == "12"


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        hitung_capaian(arah="miring", realisasi=D("1"), target=D("2"))


def test_a_capaian_rounding_to_zero_from_below_has_no_sign():
    from indikator.capaian import bulatkan, format_persen

    assert str(bulatkan(D("-0.004"))) == "0.00"
    assert format_persen(D("-0.004")) == "0,00%"
    assert format_persen(D("-0.006")) == "-0,01%"


def test_the_largest_capaian_the_model_can_store_is_served_by_the_api_representation():
    from indikator.api.serializers import CapaianSerializer
    from indikator.capaian import bulatkan, hitung_capaian

    terbesar = hitung_capaian(arah="naik", realisasi=D("99999999999999.9999"), target=D("0.0001"))
    data = CapaianSerializer({"persen": bulatkan(terbesar), "teks": "", "warna": "hijau"}).data
    assert D(data["persen"]) == bulatkan(terbesar)
