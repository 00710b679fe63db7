from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndikatorConfig(AppConfig):
    name = "indikator"
    verbose_name = _("SKP dan realisasi")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indikator import models

        auditlog.register(models.PeriodePenilaian)
        auditlog.register(models.PembukaanKembali)
        auditlog.register(models.IndikatorUnit)
        auditlog.register(models.Skp)
        auditlog.register(models.Rhk)
        auditlog.register(models.Iki)
        auditlog.register(models.EkspektasiPerilaku)
        auditlog.register(models.Realisasi)
        auditlog.register(models.BuktiDukung)
        auditlog.register(models.UmpanBalik)
        auditlog.register(models.DialogKinerja)
