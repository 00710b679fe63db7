from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = _("Penilaian kinerja")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from penilaian import models, tasks  # noqa: F401 - the task registers its name (queued by name)

        # every rating change is kept with who, when and before/after (django-auditlog, actor via audit_actor)
        auditlog.register(models.PengaturanPeriode)
        auditlog.register(models.Evaluasi)
        auditlog.register(models.UmpanBalikEvaluasi)
        auditlog.register(models.Keberatan)
        auditlog.register(models.PredikatUnit)
        auditlog.register(models.PenetapanDistribusi)
        auditlog.register(models.SesiKalibrasi)
        auditlog.register(models.PerubahanKalibrasi)
        auditlog.register(models.KebutuhanPengembangan)

        # ...and listed on the audit page, each kind placed in the admin unit's scope by its pegawai or unit
        from kepegawaian.selectors import AuditJenis, audit_jenis_daftar

        audit_jenis_daftar(
            AuditJenis(
                "evaluasi", _("Evaluasi kinerja (rating, predikat)"), "penilaian.Evaluasi", ke_pegawai="pegawai"
            ),
            AuditJenis(
                "umpan_balik_evaluasi",
                _("Umpan balik evaluasi"),
                "penilaian.UmpanBalikEvaluasi",
                ke_pegawai="evaluasi__pegawai",
            ),
            AuditJenis("keberatan", _("Keberatan"), "penilaian.Keberatan", ke_pegawai="evaluasi__pegawai"),
            AuditJenis("predikat_unit", _("Predikat kinerja organisasi"), "penilaian.PredikatUnit", ke_unit="unit"),
            AuditJenis("penetapan", _("Penetapan distribusi"), "penilaian.PenetapanDistribusi", ke_unit="unit"),
            AuditJenis("kalibrasi", _("Sesi kalibrasi"), "penilaian.SesiKalibrasi", ke_unit="unit"),
            AuditJenis(
                "perubahan_kalibrasi",
                _("Perubahan kalibrasi"),
                "penilaian.PerubahanKalibrasi",
                ke_pegawai="evaluasi__pegawai",
            ),
            AuditJenis(
                "kebutuhan", _("Kebutuhan pengembangan"), "penilaian.KebutuhanPengembangan", ke_pegawai="pegawai"
            ),
            AuditJenis("pengaturan_periode", _("Pengaturan penilaian periode"), "penilaian.PengaturanPeriode"),
        )
