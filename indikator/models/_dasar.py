"""The clock, the month/quarter names, and the choices and rules that several models of ``indikator`` share."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def hari_ini() -> dt.date:
    """Today in Asia/Jakarta. The one clock of this app: tests replace it with ``monkeypatch``."""
    return timezone.localdate()


NAMA_BULAN = [
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
]
NAMA_TRIWULAN = [_("Triwulan I"), _("Triwulan II"), _("Triwulan III"), _("Triwulan IV")]


class Arah(models.TextChoices):
    """The direction of an indicator: which way is better."""

    NAIK = "naik", _("Semakin tinggi semakin baik")
    TURUN = "turun", _("Semakin rendah semakin baik")


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", _("Kuantitas")
    KUALITAS = "kualitas", _("Kualitas")
    WAKTU = "waktu", _("Waktu")
    BIAYA = "biaya", _("Biaya")


class Perspektif(models.TextChoices):
    """Perspektif of a leader's RHK, taken from the unit's Perjanjian Kinerja."""

    PENERIMA_LAYANAN = "penerima_layanan", _("Penerima Layanan")
    PROSES_BISNIS = "proses_bisnis", _("Proses Bisnis")
    PENGUATAN_INTERNAL = "penguatan_internal", _("Penguatan Internal")
    ANGGARAN = "anggaran", _("Anggaran")


class BentukTarget(models.TextChoices):
    ANGKA = "angka", _("Angka")
    RENTANG = "rentang", _("Rentang")


# --- Periods ---------------------------------------------------------------------------------------------------


#: The magnitude every number of the indikator models can hold (``DecimalField(max_digits=18, decimal_places=4)``):
#: 14 digits before the decimal comma, 4 after it. Forms, serializers and services refuse more at the door.
DIGIT_MAKS = 18
DESIMAL_MAKS = 4


def galat_besaran(nilai) -> "StrOrPromise | None":
    """ "The number fits the model", the one rule for forms, the API and the services: at most
    ``DIGIT_MAKS - DESIMAL_MAKS`` digits before the comma and ``DESIMAL_MAKS`` after it. Returns the message."""
    if nilai is None:
        return None
    _tanda, digits, exponent = nilai.as_tuple()
    if not isinstance(exponent, int):
        return None  # not finite: the number parser refuses it already
    desimal = max(-exponent, 0)
    bulat = max(len(digits) + exponent, 0) if nilai != 0 else 0
    if bulat > DIGIT_MAKS - DESIMAL_MAKS:
        return _("Angka terlalu besar: paling banyak %(n)s angka sebelum koma.") % {"n": DIGIT_MAKS - DESIMAL_MAKS}
    if desimal > DESIMAL_MAKS and nilai != nilai.quantize(Decimal(1).scaleb(-DESIMAL_MAKS)):
        return _("Paling banyak %(n)s angka di belakang koma.") % {"n": DESIMAL_MAKS}
    return None


#: How people write "percent" as a unit; an IKI in one of these units cannot pass 100 unless it declares its bounds.
SATUAN_PERSEN = frozenset({"%", "persen", "persentase", "prosen"})


def satuan_persen(satuan: str) -> bool:
    return (satuan or "").strip().lower() in SATUAN_PERSEN


def galat_target_rentang(*, target_bentuk: str, target, target_atas) -> "StrOrPromise | None":
    """ "A range target is valid", the one rule for the form, the API and the service: a range needs its upper
    bound, and the lower bound may not exceed it. Returns the message (for ``target_atas``), or ``None`` when valid.
    A target that is not a range ignores ``target_atas``."""
    if target_bentuk != BentukTarget.RENTANG:
        return None
    if target_atas is None:
        return _("Target rentang wajib diisi batas atasnya.")
    if target is not None and target > target_atas:
        return _("Batas bawah rentang target tidak boleh lebih besar dari batas atasnya.")
    return None
