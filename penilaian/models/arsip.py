"""A unit's evaluation documents as one ZIP, built by a Celery job with its progress (the import job's pattern)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indikator.models import PeriodePenilaian
from kepegawaian.models import UnitKerja
from kinerja.db import choices_q


class StatusArsip(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class ArsipDokumenUnit(models.Model):
    Status = StatusArsip

    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(PeriodePenilaian, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.MENUNGGU)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    jumlah = models.PositiveIntegerField(_("jumlah dokumen"), default=0)
    berkas = models.FileField(_("berkas ZIP"), upload_to="penilaian/arsip/%Y/", blank=True)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.CASCADE, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("arsip dokumen unit")
        verbose_name_plural = _("arsip dokumen unit")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusArsip), name="arsipdokumen_status_valid"),
            models.CheckConstraint(condition=models.Q(progres__lte=100), name="arsipdokumen_progres_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.periode}"

    def get_absolute_url(self) -> str:
        return reverse("penilaian:arsip", args=[self.pk])

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)
