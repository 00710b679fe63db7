"""The settings of ``penilaian``, read in one place with their defaults, handed to the pure rules in ``aturan``.

- ``PENILAIAN_KELOMPOK_TERBESAR``: "sebagian besar" is ``"mayoritas"`` (more than half, default) or ``"pluralitas"``;
- ``PENILAIAN_SARAN``: ``{"di_atas": 110, "di_bawah": 100, "bagian_kecil": 25}`` (percent) for the suggestion;
- ``PENILAIAN_PEMETAAN_ORGANISASI``: unit predikat → the head's rating hasil kerja (``aturan.PEMETAAN_...``);
- ``PENILAIAN_KOEFISIEN_ANGKA_KREDIT``: jenjang jabatan fungsional → annual coefficient (PermenPANRB 1/2023).
- ``PENILAIAN_AMBANG_KALIBRASI``: percentage points that flag a penilai's spread in calibration (default 30).
"""

from decimal import Decimal

from django.conf import settings

from penilaian.aturan import PEMETAAN_ORGANISASI_BAWAAN, AmbangSaran, KelompokTerbesar

#: annual coefficient of credit points per functional level (PermenPANRB 1/2023 lampiran)
KOEFISIEN_ANGKA_KREDIT_BAWAAN: dict[str, Decimal] = {
    "pemula": Decimal("3.75"),
    "terampil": Decimal("5"),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal("25"),
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal("25"),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal("50"),
}


def kelompok_terbesar() -> KelompokTerbesar:
    return KelompokTerbesar(getattr(settings, "PENILAIAN_KELOMPOK_TERBESAR", KelompokTerbesar.MAYORITAS))


def ambang_saran() -> AmbangSaran:
    nilai = getattr(settings, "PENILAIAN_SARAN", {})
    bawaan = AmbangSaran()
    return AmbangSaran(
        di_atas=Decimal(str(nilai.get("di_atas", bawaan.di_atas))),
        di_bawah=Decimal(str(nilai.get("di_bawah", bawaan.di_bawah))),
        bagian_kecil=Decimal(str(nilai.get("bagian_kecil", bawaan.bagian_kecil))),
    )


def pemetaan_organisasi() -> dict[str, str]:
    return dict(getattr(settings, "PENILAIAN_PEMETAAN_ORGANISASI", PEMETAAN_ORGANISASI_BAWAAN))


def koefisien_angka_kredit(jenjang: str) -> Decimal:
    tabel = getattr(settings, "PENILAIAN_KOEFISIEN_ANGKA_KREDIT", KOEFISIEN_ANGKA_KREDIT_BAWAAN)
    return Decimal(str(tabel[jenjang]))


def ambang_kalibrasi() -> int:
    """Percentage points by which a penilai's share of a predikat must differ from the unit's to be flagged
    (``PENILAIAN_AMBANG_KALIBRASI``, default 30)."""
    return int(getattr(settings, "PENILAIAN_AMBANG_KALIBRASI", 30))
