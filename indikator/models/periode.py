"""Assessment periods and the reopening of one pegawai's entries past their deadline."""

import calendar
import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.teks import TEKS_SEDANG, batas_teks

if TYPE_CHECKING:
    pass

from indikator.models._dasar import NAMA_BULAN, NAMA_TRIWULAN, hari_ini
from kepegawaian.models import Pegawai


class PeriodePenilaian(models.Model):
    """A year of performance management with its periodicity and deadlines. Admin BKD opens and closes it."""

    class Periodisitas(models.TextChoices):
        TRIWULAN = "triwulan", _("Triwulanan")
        BULANAN = "bulanan", _("Bulanan")

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    periodisitas = models.CharField(
        _("periodisitas penilaian"), max_length=10, choices=Periodisitas.choices, default=Periodisitas.TRIWULAN
    )
    batas_penyusunan_skp = models.DateField(_("batas penyusunan SKP"))
    hari_batas_realisasi = models.PositiveSmallIntegerField(
        _("tanggal batas pengisian realisasi"),
        default=5,
        help_text=_("Tanggal pada bulan berikutnya saat realisasi sebuah bulan/triwulan ditutup."),
    )
    batas_evaluasi_tahunan = models.DateField(_("batas evaluasi tahunan"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIBUKA)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-tahun"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                name="periode_tahun_wajar",
                violation_error_message=_("Tahun periode harus antara 2000 dan 2100."),
            ),
            models.CheckConstraint(
                condition=Q(periodisitas__in=["triwulan", "bulanan"]),
                name="periode_periodisitas_valid",
                violation_error_message=_("Periodisitas harus triwulanan atau bulanan."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["dibuka", "ditutup"]),
                name="periode_status_valid",
                violation_error_message=_("Status periode tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(hari_batas_realisasi__gte=1, hari_batas_realisasi__lte=28),
                name="periode_hari_batas_realisasi_1_28",
                violation_error_message=_("Tanggal batas realisasi harus antara 1 dan 28."),
            ),
            models.CheckConstraint(
                condition=Q(batas_evaluasi_tahunan__gte=F("batas_penyusunan_skp")),
                name="periode_batas_evaluasi_setelah_penyusunan",
                violation_error_message=_("Batas evaluasi tahunan tidak boleh sebelum batas penyusunan SKP."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Periode %(tahun)s") % {"tahun": self.tahun})

    def clean(self) -> None:
        # a drafting deadline outside the year would close (or keep open) SKP drafting for a period that has not begun
        batas = self.batas_penyusunan_skp
        if batas and self.tahun and batas.year != self.tahun:
            raise ValidationError(
                {
                    "batas_penyusunan_skp": _("Batas penyusunan SKP harus jatuh pada tahun periode (%(tahun)s).")
                    % {"tahun": self.tahun}
                }
            )

    # -- the months / quarters of the year

    @property
    def jumlah_periode(self) -> int:
        return 4 if self.periodisitas == self.Periodisitas.TRIWULAN else 12

    @property
    def daftar_periode_ke(self) -> list[int]:
        """The numbers of the realisation periods: 1–4 (quarters) or 1–12 (months)."""
        return list(range(1, self.jumlah_periode + 1))

    def label_periode_ke(self, ke: int) -> str:
        self._cek_ke(ke)
        names = NAMA_TRIWULAN if self.periodisitas == self.Periodisitas.TRIWULAN else NAMA_BULAN
        return str(names[ke - 1])

    def bulan_periode_ke(self, ke: int) -> tuple[int, int]:
        """First and last month (1–12) of realisation period ``ke``."""
        self._cek_ke(ke)
        if self.periodisitas == self.Periodisitas.TRIWULAN:
            return 3 * ke - 2, 3 * ke
        return ke, ke

    def mulai_periode_ke(self, ke: int) -> dt.date:
        return dt.date(self.tahun, self.bulan_periode_ke(ke)[0], 1)

    def akhir_periode_ke(self, ke: int) -> dt.date:
        bulan = self.bulan_periode_ke(ke)[1]
        return dt.date(self.tahun, bulan, calendar.monthrange(self.tahun, bulan)[1])

    def batas_realisasi(self, ke: int) -> dt.date:
        """The day realisation for period ``ke`` closes: ``hari_batas_realisasi`` of the following month."""
        bulan = self.bulan_periode_ke(ke)[1]
        tahun, bulan = (self.tahun + 1, 1) if bulan == 12 else (self.tahun, bulan + 1)
        return dt.date(tahun, bulan, self.hari_batas_realisasi)

    def periode_ke_untuk_tanggal(self, tanggal: dt.date) -> int | None:
        """The realisation period a date falls in, or None outside the year."""
        if tanggal.year != self.tahun:
            return None
        return (tanggal.month - 1) // 3 + 1 if self.periodisitas == self.Periodisitas.TRIWULAN else tanggal.month

    # -- open or closed

    @property
    def dibuka(self) -> bool:
        return self.status == self.Status.DIBUKA

    def penyusunan_skp_terbuka(
        self, *, pegawai_id: int | None = None, revisi: int = 1, hari: dt.date | None = None
    ) -> bool:
        """ "Drafting still open", the one predicate: the period is open and either it is a later revision of an
        approved SKP (``revisi > 1``: bound only to the period being open), or it is before the drafting deadline,
        or drafting was reopened for this pegawai. Services refuse with it; pages show buttons with it."""
        hari = hari or hari_ini()
        if not self.dibuka:
            return False
        if revisi > 1 or hari <= self.batas_penyusunan_skp:
            return True
        return pegawai_id is not None and self._dibuka_kembali(pegawai_id=pegawai_id, periode_ke=None, hari=hari)

    def penyusunan_skp_tertutup(self, *, pegawai_ids: list[int], hari: dt.date | None = None) -> list[int]:
        """Of ``pegawai_ids`` (first revisions), those for whom drafting is closed: ``penyusunan_skp_terbuka`` for
        many people in one query (the bulk cascade)."""
        hari = hari or hari_ini()
        if not self.dibuka:
            return list(pegawai_ids)
        if hari <= self.batas_penyusunan_skp or not pegawai_ids:
            return []
        dibuka = set(
            self.pembukaan_kembali.filter(
                pegawai_id__in=pegawai_ids, periode_ke__isnull=True, berlaku_sampai__gte=hari
            ).values_list("pegawai_id", flat=True)
        )
        return [pid for pid in pegawai_ids if pid not in dibuka]

    def realisasi_terbuka(
        self,
        *,
        pegawai_id: int | None,
        periode_ke: int,
        hari: dt.date | None = None,
        dibuka_kembali: "Collection[int | None] | None" = None,
    ) -> bool:
        """ "Realisation still open", the one predicate: realisation of period ``periode_ke`` may still be entered by
        this pegawai: it has begun, the period is open, and its deadline has not passed (or it was reopened for
        him). ``dibuka_kembali``: the ``periode_ke`` of his reopenings in force, when the caller read them already
        (a page of many months: one query instead of one per month); ``None`` in it is a whole-period reopening."""
        hari = hari or hari_ini()
        if not self.dibuka or hari < self.mulai_periode_ke(periode_ke):
            return False
        if hari <= self.batas_realisasi(periode_ke):
            return True
        if dibuka_kembali is not None:
            return None in dibuka_kembali or periode_ke in dibuka_kembali
        return pegawai_id is not None and self._dibuka_kembali(pegawai_id=pegawai_id, periode_ke=periode_ke, hari=hari)

    def dibuka_kembali_untuk(self, *, pegawai_id: int, hari: dt.date | None = None) -> list[int | None]:
        """The ``periode_ke`` of this pegawai's reopenings in force (``None``: the whole period), for
        ``realisasi_terbuka(dibuka_kembali=...)``."""
        hari = hari or hari_ini()
        return list(
            self.pembukaan_kembali.filter(pegawai_id=pegawai_id, berlaku_sampai__gte=hari).values_list(
                "periode_ke", flat=True
            )
        )

    def _dibuka_kembali(self, *, pegawai_id: int, periode_ke: int | None, hari: dt.date) -> bool:
        q = Q(periode_ke__isnull=True)
        if periode_ke is not None:
            q |= Q(periode_ke=periode_ke)
        return self.pembukaan_kembali.filter(q, pegawai_id=pegawai_id, berlaku_sampai__gte=hari).exists()

    def _cek_ke(self, ke: int) -> None:
        if not 1 <= ke <= self.jumlah_periode:
            raise ValueError(f"periode_ke {ke} di luar 1..{self.jumlah_periode}")


class PembukaanKembali(models.Model):
    """An admin reopens one pegawai's entries past their deadline, until a date, with a recorded reason.

    ``periode_ke`` empty: everything of the period (SKP drafting and every month/quarter); otherwise only the
    realisation of that month/quarter."""

    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="pembukaan_kembali"
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="pembukaan_kembali"
    )
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"), null=True, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"))
    alasan = models.TextField(_("alasan"), **batas_teks(TEKS_SEDANG))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pembukaan kembali")
        verbose_name_plural = _("pembukaan kembali")
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alasan=""),
                name="pembukaankembali_alasan_wajib",
                violation_error_message=_("Alasan pembukaan kembali wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__isnull=True) | Q(periode_ke__gte=1, periode_ke__lte=12),
                name="pembukaankembali_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
        ]
        indexes = [
            # PeriodePenilaian.realisasi_terbuka(): is there a reopening for this pegawai in this period?
            models.Index(fields=["pegawai", "periode", "berlaku_sampai"], name="pembukaan_pegawai_periode_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.periode} s.d. {self.berlaku_sampai}"
