"""The one number parser: a number as Indonesians type it, used by forms, serializers and services alike.

"7,5" and "7.5" are seven and a half; "1.250,5" is one thousand two hundred fifty and a half (points group the
thousands when a comma marks the decimals); "1.250.000" (several points) is one million two hundred fifty thousand.
A single point with no comma is a decimal point ("7.5"), as machines and the API write it.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

PESAN_TIDAK_SAH = _("Masukkan angka yang sah, misalnya 12 atau 7,5.")
PANJANG_MAKS = 30


class AngkaTidakSah(ValueError):
    """The text is not a number."""


def parse_angka(nilai) -> Decimal:
    """``"1.250,5"`` → ``Decimal("1250.5")``. A ``Decimal``/``int`` passes through; anything else that is not a finite
    number raises ``AngkaTidakSah`` (callers turn it into their layer's error with ``PESAN_TIDAK_SAH``)."""
    if isinstance(nilai, bool):
        raise AngkaTidakSah(nilai)
    if isinstance(nilai, Decimal | int):
        hasil = Decimal(nilai)
    else:
        teks = str(nilai).strip().replace(" ", "").replace("\u00a0", "")
        if not teks or len(teks) > PANJANG_MAKS:
            raise AngkaTidakSah(nilai)
        if "," in teks:
            teks = teks.replace(".", "").replace(",", ".")  # "1.250,5" → "1250.5"
        elif teks.count(".") > 1:
            teks = teks.replace(".", "")  # "1.250.000" → "1250000"
        try:
            hasil = Decimal(teks)
        except InvalidOperation as exc:
            raise AngkaTidakSah(nilai) from exc
    if not hasil.is_finite():
        raise AngkaTidakSah(nilai)
    return hasil
