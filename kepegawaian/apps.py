from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KepegawaianConfig(AppConfig):
    name = "kepegawaian"
    verbose_name = _("Kepegawaian")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kepegawaian import models

        auditlog.register(models.UnitKerja, exclude_fields=["path", "depth", "numchild"])
        auditlog.register(models.Jabatan)
        auditlog.register(models.Pegawai, exclude_fields=["jalur"])
        auditlog.register(models.PeranAdmin)
        auditlog.register(
            models.User, include_fields=["username", "is_active", "is_staff", "is_superuser", "ringkasan_tugas"]
        )
