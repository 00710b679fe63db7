from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PelatihanConfig(AppConfig):
    name = "pelatihan"
    verbose_name = _("Pengembangan kompetensi")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from pelatihan import models

        auditlog.register(models.Program, m2m_fields={"target_jabatan", "target_unit"})
        auditlog.register(models.Kegiatan)
        auditlog.register(models.Peserta)
        auditlog.register(models.Kehadiran)
        auditlog.register(models.PelatihanEksternal)
        auditlog.register(models.UlasanKegiatan)

        # Listed on the audit page by pegawai or organising unit. Event ratings are not: the organiser reads them
        # without names, and the audit page would name the person who rated.
        from kepegawaian.selectors import AuditJenis, audit_jenis_daftar

        audit_jenis_daftar(
            AuditJenis("program", _("Program pelatihan"), "pelatihan.Program", ke_unit="unit_pemilik"),
            AuditJenis("kegiatan", _("Kegiatan pelatihan"), "pelatihan.Kegiatan", ke_unit="unit_penyelenggara"),
            AuditJenis("peserta", _("Peserta pelatihan (JP, sertifikat)"), "pelatihan.Peserta", ke_pegawai="pegawai"),
            AuditJenis("kehadiran", _("Kehadiran pelatihan"), "pelatihan.Kehadiran", ke_pegawai="peserta__pegawai"),
            AuditJenis("eksternal", _("Pelatihan eksternal"), "pelatihan.PelatihanEksternal", ke_pegawai="pegawai"),
        )

        # The training history import runs on kepegawaian's import machinery (ImporJob, its job and page).
        from kepegawaian.impor import jenis_impor_daftar
        from kepegawaian.models import ImporJob
        from pelatihan.services.impor import jenis_impor_pelatihan

        jenis_impor_daftar(ImporJob.Jenis.PELATIHAN, jenis_impor_pelatihan())
