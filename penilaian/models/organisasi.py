"""The organisation's side of appraisal (SE MenPANRB 3/2023):

- ``PredikatUnit``: a unit's predikat kinerja organisasi for one month/quarter (``periode_ke``) or for the year
  (``periode_ke`` empty), set by the leader one level up or the admin unit;
- ``PenetapanDistribusi``: the finalisation of a unit's annual results, with the spread and the distribution rules it
  broke at that moment; a spread off the curve is allowed only with a justification (the curve is a consideration
  for the leader, not a quota);
- ``SesiKalibrasi`` / ``PerubahanKalibrasi``: a calibration session of a unit's annual ratings and each change made
  in it, with the ratings before and after, the reason and who changed them; a locked session changes nothing more.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indikator.models import PeriodePenilaian
from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_SEDANG, batas_teks
from penilaian.aturan import Predikat, PredikatOrganisasi, Rating
from penilaian.models.evaluasi import Evaluasi


class PredikatUnit(models.Model):
    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="predikat_organisasi"
    )
    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="predikat_unit"
    )
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"), null=True, blank=True)
    predikat = models.CharField(_("predikat kinerja organisasi"), max_length=15, choices=PredikatOrganisasi.choices)
    catatan = models.TextField(_("dasar penetapan"), blank=True, **batas_teks(TEKS_SEDANG))
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), auto_now=True)

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        ordering = ["periode__tahun", "unit__path", "periode_ke"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "periode", "periode_ke"],
                condition=Q(periode_ke__isnull=False),
                name="predikatunit_satu_per_periode_ke",
            ),
            models.UniqueConstraint(
                fields=["unit", "periode"], condition=Q(periode_ke__isnull=True), name="predikatunit_satu_per_tahun"
            ),
            models.CheckConstraint(condition=choices_q("predikat", PredikatOrganisasi), name="predikatunit_valid"),
            models.CheckConstraint(
                condition=Q(periode_ke__isnull=True) | Q(periode_ke__gte=1, periode_ke__lte=12),
                name="predikatunit_periode_ke_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_predikat_display()}"


class PenetapanDistribusi(models.Model):
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="+")
    predikat_organisasi = models.CharField(
        _("predikat kinerja organisasi"), max_length=15, choices=PredikatOrganisasi.choices
    )
    jumlah = models.JSONField(_("jumlah pegawai per predikat"), default=dict)
    pelanggaran = models.JSONField(_("aturan distribusi yang tidak terpenuhi"), default=list, blank=True)
    sesuai_kurva = models.BooleanField(_("sesuai kurva distribusi"))
    justifikasi = models.TextField(_("justifikasi"), blank=True, **batas_teks(TEKS_SEDANG))
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditetapkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), auto_now_add=True)
    # who signs the Penetapan Predikat Kinerja document, as he was on the day (the leader one level up; the leader
    # may change later, the signed document does not)
    penandatangan_nama = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    penandatangan_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)
    penandatangan_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("penetapan predikat kinerja unit")
        verbose_name_plural = _("penetapan predikat kinerja unit")
        constraints = [
            models.UniqueConstraint(fields=["unit", "periode"], name="penetapandistribusi_satu_per_tahun"),
            models.CheckConstraint(
                condition=choices_q("predikat_organisasi", PredikatOrganisasi), name="penetapandistribusi_valid"
            ),
            models.CheckConstraint(
                condition=Q(sesuai_kurva=True) | ~Q(justifikasi=""),
                name="penetapandistribusi_justifikasi_bila_menyimpang",
                violation_error_message=_("Sebaran yang tidak sesuai kurva distribusi memerlukan justifikasi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.periode}"


class StatusSesiKalibrasi(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    TERKUNCI = "terkunci", _("Terkunci")


class SesiKalibrasi(models.Model):
    Status = StatusSesiKalibrasi

    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.TERBUKA)
    catatan = models.TextField(_("catatan sesi"), blank=True, **batas_teks(TEKS_SEDANG))
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuka oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    dikunci_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikunci oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dikunci_pada = models.DateTimeField(_("dikunci pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("sesi kalibrasi")
        verbose_name_plural = _("sesi kalibrasi")
        ordering = ["-dibuka_pada", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("status", StatusSesiKalibrasi), name="sesikalibrasi_status_valid"
            ),
            models.UniqueConstraint(
                fields=["unit", "periode"],
                condition=Q(status="terbuka"),
                name="sesikalibrasi_satu_terbuka_per_unit",
                violation_error_message=_("Unit ini sudah memiliki sesi kalibrasi yang terbuka."),
            ),
            models.CheckConstraint(
                condition=Q(status="terbuka", dikunci_pada__isnull=True)
                | Q(status="terkunci", dikunci_pada__isnull=False, dikunci_oleh__isnull=False),
                name="sesikalibrasi_kunci_lengkap",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Kalibrasi %(unit)s %(tahun)s") % {"unit": self.unit, "tahun": self.periode.tahun})

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.TERBUKA


class PerubahanKalibrasi(models.Model):
    sesi = models.ForeignKey(
        SesiKalibrasi, verbose_name=_("sesi kalibrasi"), on_delete=models.PROTECT, related_name="perubahan"
    )
    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.PROTECT, related_name="perubahan_kalibrasi"
    )
    rating_hasil_kerja_semula = models.CharField(_("rating hasil kerja semula"), max_length=8, choices=Rating.choices)
    rating_perilaku_semula = models.CharField(_("rating perilaku kerja semula"), max_length=8, choices=Rating.choices)
    predikat_semula = models.CharField(_("predikat semula"), max_length=15, choices=Predikat.choices)
    rating_hasil_kerja = models.CharField(_("rating hasil kerja baru"), max_length=8, choices=Rating.choices)
    rating_perilaku = models.CharField(_("rating perilaku kerja baru"), max_length=8, choices=Rating.choices)
    predikat = models.CharField(_("predikat baru"), max_length=15, choices=Predikat.choices)
    alasan = models.TextField(_("alasan perubahan"), **batas_teks(TEKS_SEDANG))
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("perubahan kalibrasi")
        verbose_name_plural = _("perubahan kalibrasi")
        ordering = ["diubah_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alasan=""),
                name="perubahankalibrasi_alasan_wajib",
                violation_error_message=_("Alasan perubahan wajib diisi."),
            ),
            *[
                models.CheckConstraint(condition=choices_q(f, Rating), name=f"perubahankalibrasi_{f}_valid")
                for f in (
                    "rating_hasil_kerja_semula",
                    "rating_perilaku_semula",
                    "rating_hasil_kerja",
                    "rating_perilaku",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi} ({self.get_predikat_semula_display()} → {self.get_predikat_display()})"
