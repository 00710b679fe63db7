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
