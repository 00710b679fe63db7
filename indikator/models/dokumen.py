"""The SKP as a PDF document, built by a Celery job into storage (``indikator.services.dokumen``) and kept per
content fingerprint (``sidik``): an unchanged SKP is served from storage, not rendered again."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indikator.models.skp import Skp
from kinerja.db import choices_q


class StatusDokumen(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    BERJALAN = "berjalan", _("Sedang dibuat")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class DokumenSkp(models.Model):
    """One rendering of an SKP. ``sidik`` is the SHA-256 of what the document prints that may change (the SKP's
    ``versi`` and status, its header people, the date of a draft): a new fingerprint means a new document; the
    documents of earlier fingerprints are deleted once a newer one is ready."""

    Status = StatusDokumen

    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="+")
    sidik = models.CharField(_("sidik isi"), max_length=64)
    versi = models.PositiveIntegerField(_("versi SKP"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.MENUNGGU)
    berkas = models.FileField(_("berkas PDF"), upload_to="indikator/skp-pdf/%Y/", blank=True)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    dibuat_pada = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai dibuat pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen PDF SKP")
        verbose_name_plural = _("dokumen PDF SKP")
        constraints = [
            models.UniqueConstraint(fields=["skp", "sidik"], name="dokumenskp_satu_per_sidik"),
            models.CheckConstraint(condition=choices_q("status", StatusDokumen), name="dokumenskp_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.skp} — v{self.versi}"

    def get_absolute_url(self) -> str:
        return reverse("indikator:skp-pdf", args=[self.skp_id])

    @property
    def siap(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.berkas)

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)
