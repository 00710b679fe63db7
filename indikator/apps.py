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

        # The kinds the audit page of kepegawaian lists, and how an admin unit's scope reaches each (issue 9).
        from kepegawaian.selectors import AuditJenis, audit_jenis_daftar

        audit_jenis_daftar(
            AuditJenis("skp", _("SKP (persetujuan, pengembalian)"), "indikator.Skp", ke_pegawai="pegawai"),
            AuditJenis("rhk", _("Rencana hasil kerja"), "indikator.Rhk", ke_pegawai="skp__pegawai"),
            AuditJenis("iki", _("Indikator kinerja individu"), "indikator.Iki", ke_pegawai="rhk__skp__pegawai"),
            AuditJenis("realisasi", _("Realisasi"), "indikator.Realisasi", ke_pegawai="iki__rhk__skp__pegawai"),
            AuditJenis(
                "bukti", _("Bukti dukung"), "indikator.BuktiDukung", ke_pegawai="realisasi__iki__rhk__skp__pegawai"
            ),
            AuditJenis("umpan_balik", _("Umpan balik"), "indikator.UmpanBalik", ke_pegawai="iki__rhk__skp__pegawai"),
            AuditJenis(
                "ekspektasi", _("Ekspektasi perilaku"), "indikator.EkspektasiPerilaku", ke_pegawai="skp__pegawai"
            ),
            AuditJenis("dialog", _("Dialog kinerja"), "indikator.DialogKinerja", ke_pegawai="skp__pegawai"),
            AuditJenis("pembukaan", _("Pembukaan kembali"), "indikator.PembukaanKembali", ke_pegawai="pegawai"),
            AuditJenis("indikator_unit", _("IKU / Perjanjian Kinerja"), "indikator.IndikatorUnit", ke_unit="unit"),
            AuditJenis("periode", _("Periode penilaian"), "indikator.PeriodePenilaian"),
        )
