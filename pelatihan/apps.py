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
