from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartisipasiConfig(AppConfig):
    name = "partisipasi"
    verbose_name = _("Partisipasi warga")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from partisipasi import models

        auditlog.register(models.KategoriPengaduan)
        auditlog.register(models.HariLibur)
        auditlog.register(models.PetugasPengaduan)
        # The complainant's name and contact are personal data: the audit trail records that they changed,
        # never their values.
        auditlog.register(models.Pengaduan, mask_fields=["nama_pelapor", "kontak_pelapor"])
        auditlog.register(models.FotoPengaduan)
        auditlog.register(models.RiwayatStatus)
        auditlog.register(models.Tanggapan)
        auditlog.register(models.Dukungan, exclude_fields=["klien"])
        auditlog.register(models.IkiTerhitung)
        auditlog.register(models.Forum)
        auditlog.register(models.KehadiranForum, exclude_fields=["klien"], mask_fields=["nama"])
        auditlog.register(models.Aspirasi)
        auditlog.register(models.PembaruanAspirasi)
