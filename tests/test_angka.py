"""The one number parser (kinerja.angka): forms, serializers and services read a typed number the same way."""

from decimal import Decimal

import pytest

from kinerja.angka import AngkaTidakSah, parse_angka


@pytest.mark.parametrize(
    ("teks", "angka"),
    [
        ("12", Decimal("12")),
        ("7,5", Decimal("7.5")),
        ("7.5", Decimal("7.5")),
        ("1.250,5", Decimal("1250.5")),
        ("1.250.000", Decimal("1250000")),
        (" 95,9 ", Decimal("95.9")),
        ("-5", Decimal("-5")),
        (Decimal("3.25"), Decimal("3.25")),
        (4, Decimal("4")),
    ],
)
def test_parse_angka_reads_indonesian_and_machine_numbers(teks, angka):
    assert parse_angka(teks) == angka


@pytest.mark.parametrize("teks", ["", "dua belas", "1,2,3", "NaN", "Infinity", "1" * 31, True])
def test_parse_angka_refuses_what_is_not_a_finite_number(teks):
    with pytest.raises(AngkaTidakSah):
        parse_angka(teks)
