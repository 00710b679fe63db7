"""The clock, the month/quarter names, and the choices and rules that several models of ``indikator`` share."""

import datetime as dt
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
