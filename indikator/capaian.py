"""Achievement (capaian) of an indicator, per domain.md "Achievement of an indicator". Pure functions, no database.

- higher is better (naik):  capaian = r / t × 100
- lower is better (turun):  capaian = (2t − r) / t × 100
- a range t1–t2 (a shape of target, used with the direction): 100 inside; outside, the direction's formula
  against the nearer bound (7–8 months, turun: 6.5 → (14 − 6.5)/7 = 107.14; 9 → (16 − 9)/8 = 87.5)
- a zero target (or zero nearer bound): undefined → ``None``, shown as "—" for the penilai to judge
- never capped; reports print two decimals.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, overload

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NAIK = "naik"
TURUN = "turun"
SERATUS = Decimal(100)
DUA_DESIMAL = Decimal("0.01")
TANPA_NILAI = "—"


def hitung_capaian(
    *, arah: str, realisasi: Decimal | None, target: Decimal, target_atas: Decimal | None = None
) -> Decimal | None:
    """Capaian in percent, unrounded (``None`` when there is no realisation or the ratio is undefined).

    ``target_atas`` given means a range target ``target``–``target_atas``."""
    if realisasi is None:
        return None
    realisasi, target = Decimal(realisasi), Decimal(target)
    if target_atas is not None:
        target_atas = Decimal(target_atas)
        if target <= realisasi <= target_atas:
            return SERATUS
        acuan = target if realisasi < target else target_atas
        return _rumus(arah=arah, realisasi=realisasi, target=acuan)
    return _rumus(arah=arah, realisasi=realisasi, target=target)


def _rumus(*, arah: str, realisasi: Decimal, target: Decimal) -> Decimal | None:
    if target == 0:
        return None
    if arah == TURUN:
        return (2 * target - realisasi) / target * SERATUS
    if arah == NAIK:
        return realisasi / target * SERATUS
    raise ValueError(f"arah tidak dikenal: {arah!r}")


@overload
def bulatkan(nilai: Decimal) -> Decimal: ...
@overload
def bulatkan(nilai: None) -> None: ...
@overload
def bulatkan(nilai: Decimal | None) -> Decimal | None: ...
def bulatkan(nilai: Decimal | None) -> Decimal | None:
    """Two decimals, half up, as reports print it. Zero has no sign: a capaian that rounds to zero from below is
    ``0.00``, never ``-0.00``."""
    if nilai is None:
        return None
    hasil = nilai.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    return abs(hasil) if hasil == 0 else hasil


def format_persen(nilai: Decimal | None) -> str:
    """``Decimal("107.142857")`` → ``"107,14%"``; ``None`` → ``"—"`` (Indonesian decimal comma)."""
    if nilai is None:
        return TANPA_NILAI
    return f"{format_angka(bulatkan(nilai), desimal=2)}%"


def format_angka(nilai: Decimal | None, *, desimal: int | None = None) -> str:
    """An Indonesian number: thousands with a dot, decimals with a comma, trailing zeros dropped unless
    ``desimal`` fixes them. ``Decimal("1250000.5000")`` → ``"1.250.000,5"``."""
    if nilai is None:
        return TANPA_NILAI
    nilai = Decimal(nilai)
    if desimal is not None:
        teks = f"{nilai:,.{desimal}f}"
    else:
        teks = f"{nilai.normalize():,f}"
        if "." in teks:
            teks = teks.rstrip("0").rstrip(".")
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


@dataclass(frozen=True)
class Pita:
    """A colour band of capaian: a key for CSS (``capaian-hijau``…) and a label."""

    kunci: str
    label: "StrOrPromise"


PITA_HIJAU = Pita("hijau", _("Tercapai"))
PITA_KUNING = Pita("kuning", _("Hampir tercapai"))
PITA_MERAH = Pita("merah", _("Belum tercapai"))
PITA_ABU = Pita("abu", _("Belum dapat dihitung"))

#: lower bounds of the bands, in percent: >= 100 green, 80–<100 amber, < 80 red
BATAS_HIJAU = Decimal(100)
BATAS_KUNING = Decimal(80)


def pita(nilai: Decimal | None) -> Pita:
    if nilai is None:
        return PITA_ABU
    nilai = bulatkan(nilai)
    if nilai >= BATAS_HIJAU:
        return PITA_HIJAU
    if nilai >= BATAS_KUNING:
        return PITA_KUNING
    return PITA_MERAH


@dataclass(frozen=True)
class Capaian:
    """Capaian ready for display: the exact value, two decimals, the text and the colour band."""

    nilai: Decimal | None

    @property
    def dibulatkan(self) -> Decimal | None:
        return bulatkan(self.nilai)

    @property
    def teks(self) -> str:
        return format_persen(self.nilai)

    @property
    def pita(self) -> Pita:
        return pita(self.nilai)

    def __str__(self) -> str:
        return self.teks


def capaian_iki(iki, realisasi: Decimal | None) -> Capaian:
    """Capaian of an ``Iki`` (or anything with ``arah``, ``target``, ``target_atas``) for a realisation value."""
    return Capaian(hitung_capaian(arah=iki.arah, realisasi=realisasi, target=iki.target, target_atas=iki.target_atas))
