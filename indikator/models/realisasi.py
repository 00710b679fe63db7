"""Realisation, evidence, feedback and dialog kinerja."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.teks import TEKS_SEDANG, batas_teks

if TYPE_CHECKING:
    pass

from indikator.models.skp import Iki, Skp
from kepegawaian.models import Pegawai
from kinerja.db import choices_q


class SumberRealisasi(models.TextChoices):
    """Who wrote the value: the pegawai (manual) or a computation from other data (terhitung, e.g. complaints'
    resolution time written by ``services.realisasi_terhitung_set``); a computed value is not edited by hand."""

    MANUAL = "manual", _("Diisi pegawai")
    TERHITUNG = "terhitung", _("Terhitung otomatis")


class Realisasi(models.Model):
    """The realisation of one IKI in one month or quarter (``periode_ke`` per the period's periodicity)."""

    iki = models.ForeignKey(Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, related_name="realisasi")
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"))
    nilai = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=4)
    narasi = models.TextField(_("narasi"), blank=True, **batas_teks(TEKS_SEDANG))
    sumber = models.CharField(
        _("sumber"), max_length=10, choices=SumberRealisasi.choices, default=SumberRealisasi.MANUAL
    )
    versi = models.PositiveIntegerField(_("versi"), default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["iki", "periode_ke"]
        constraints = [
            # Also the index behind "realisation of these IKI" (team page, dashboard, reports).
            models.UniqueConstraint(
                fields=["iki", "periode_ke"],
                name="realisasi_satu_per_iki_periode",
                violation_error_message=_("Realisasi untuk indikator dan bulan/triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__gte=1, periode_ke__lte=12),
                name="realisasi_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
            models.CheckConstraint(condition=choices_q("sumber", SumberRealisasi), name="realisasi_sumber_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.iki} — {self.periode_ke}: {self.nilai}"

    @property
    def terhitung(self) -> bool:
        return self.sumber == SumberRealisasi.TERHITUNG

    @property
    def nilai_label(self) -> str:
        """The value as people write it: ``95,9`` (not ``95,9000``), ``1.250.000``."""
        from indikator.capaian import format_angka

        return format_angka(self.nilai)


def nama_berkas_bukti(sha256: str, ekstensi: str) -> str:
    """The storage name of an evidence file: its content hash (unguessable; the same content is stored once, and
    the original name is kept in a column). The one scheme, for the upload, the service and the demo data."""
    return f"bukti/{sha256[:2]}/{sha256}.{ekstensi}"


def _bukti_upload_to(instance: "BuktiDukung", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return nama_berkas_bukti(instance.sha256, ext)


# Migration 0001 names this function by the path it had before models.py became a package; the package re-exports it.
_bukti_upload_to.__module__ = "indikator.models"


class BuktiDukung(models.Model):
    """Evidence of a realisation: a file checked by content (see ``indikator.bukti``) or a link."""

    class Jenis(models.TextChoices):
        BERKAS = "berkas", _("Berkas")
        TAUTAN = "tautan", _("Tautan")

    realisasi = models.ForeignKey(
        Realisasi, verbose_name=_("realisasi"), on_delete=models.CASCADE, related_name="bukti"
    )
    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    berkas = models.FileField(_("berkas"), upload_to=_bukti_upload_to, max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    tipe = models.CharField(_("tipe berkas"), max_length=100, blank=True)
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(jenis="berkas", url="", sha256__regex=r"^[0-9a-f]{64}$", ukuran__isnull=False) & ~Q(berkas="")
                )
                | (Q(jenis="tautan", berkas="", sha256="", ukuran__isnull=True) & ~Q(url="")),
                name="bukti_berkas_atau_tautan",
                violation_error_message=_(
                    "Bukti dukung harus berupa satu berkas (dengan hash SHA-256) atau satu tautan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ukuran__isnull=True) | Q(ukuran__lte=10 * 1024 * 1024),
                name="bukti_ukuran_maks_10mb",
                violation_error_message=_("Ukuran berkas bukti dukung paling besar 10 MB."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli or self.url

    @property
    def ukuran_label(self) -> str:
        """ "309 B", "12,5 KB", "1,2 MB": the size as people read it (not "309 bita")."""
        return ukuran_berkas_label(self.ukuran)


def ukuran_berkas_label(ukuran: int | None) -> str:
    if ukuran is None:
        return ""
    if ukuran < 1024:
        return f"{ukuran} B"
    nilai, satuan = ukuran / 1024, "KB"
    for berikut in ("MB", "GB"):
        if nilai < 1024:
            break
        nilai, satuan = nilai / 1024, berikut
    return f"{nilai:.1f}".replace(".", ",") + f" {satuan}"


# --- Feedback and dialog -----------------------------------------------------------------------------------------


class UmpanBalik(models.Model):
    """Continuous feedback on one IKI in one month/quarter; the pegawai (or the penilai) may reply."""

    iki = models.ForeignKey(Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, related_name="umpan_balik")
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"))
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    penulis_nama = models.CharField(_("nama penulis"), max_length=200, blank=True)
    teks = models.TextField(_("umpan balik"), **batas_teks(TEKS_SEDANG))
    balasan_untuk = models.ForeignKey(
        "self",
        verbose_name=_("balasan untuk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="balasan",
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["iki", "periode_ke", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(teks=""),
                name="umpanbalik_teks_wajib",
                violation_error_message=_("Umpan balik tidak boleh kosong."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__gte=1, periode_ke__lte=12),
                name="umpanbalik_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
        ]
        indexes = [
            # The evaluation sheet lists the feedback of an IKI month by month.
            models.Index(fields=["iki", "periode_ke"], name="umpanbalik_iki_periode_idx"),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class DialogKinerja(models.Model):
    """A recorded dialog kinerja between a penilai and a pegawai about an SKP."""

    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="dialog_kinerja")
    penilai = models.ForeignKey(
        Pegawai, verbose_name=_("pejabat penilai"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan"), **batas_teks(TEKS_SEDANG))
    hasil = models.TextField(_("hasil / tindak lanjut"), blank=True, **batas_teks(TEKS_SEDANG))
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["skp", "-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(catatan=""),
                name="dialogkinerja_catatan_wajib",
                violation_error_message=_("Catatan dialog kinerja wajib diisi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp} — {self.tanggal}"
