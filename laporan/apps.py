from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = _("Laporan kinerja publik")

    def ready(self):
        from auditlog.registry import auditlog

        from laporan import (
            models,
            tasks,  # noqa: F401  (registered in every process: the web queues them by name)
        )

        auditlog.register(models.RunLaporan)
        auditlog.register(models.Laporan)
        # The snapshot itself is frozen and large: the log records the workflow fields, not the figures.
        auditlog.register(models.VersiLaporan, exclude_fields=["data"])
        auditlog.register(models.PertanyaanLaporan)
        auditlog.register(models.TargetMenengah)

        from kepegawaian.selectors import AuditJenis, audit_jenis_daftar

        audit_jenis_daftar(
            AuditJenis("run_laporan", _("Pembuatan laporan"), "laporan.RunLaporan", ke_unit="unit"),
            AuditJenis("laporan", _("Laporan kinerja"), "laporan.Laporan", ke_unit="unit"),
            AuditJenis(
                "versi_laporan",
                _("Versi laporan (tinjau, terbit, tarik)"),
                "laporan.VersiLaporan",
                ke_unit="laporan__unit",
            ),
            AuditJenis(
                "pertanyaan_laporan",
                _("Pertanyaan warga tentang laporan (moderasi, jawaban)"),
                "laporan.PertanyaanLaporan",
                ke_unit="laporan__unit",
            ),
            AuditJenis(
                "target_menengah", _("Target jangka menengah (RPD/RPJMD)"), "laporan.TargetMenengah", ke_unit="unit"
            ),
        )
