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
        # The complainant's name, contact and the comment he wrote with his rating are personal data: the audit
        # trail records that they changed, never any part of their values.
        samar = "kinerja.audit.nilai_disamarkan"
        auditlog.register(
            models.Pengaduan, mask_fields=["nama_pelapor", "kontak_pelapor", "komentar_rating"], mask_callable=samar
        )
        auditlog.register(models.FotoPengaduan)
        auditlog.register(models.RiwayatStatus)
        auditlog.register(models.Tanggapan)
        auditlog.register(models.Dukungan, exclude_fields=["klien"])
        auditlog.register(models.IkiTerhitung)
        auditlog.register(models.Forum)
        auditlog.register(models.KehadiranForum, exclude_fields=["klien"], mask_fields=["nama"], mask_callable=samar)
        auditlog.register(models.Aspirasi)
        auditlog.register(models.PembaruanAspirasi)

        # Listed on the audit page by the handling unit (the complainant's name and contact are masked above).
        from kepegawaian.selectors import AuditJenis, audit_jenis_daftar

        audit_jenis_daftar(
            AuditJenis("pengaduan", _("Pengaduan"), "partisipasi.Pengaduan", ke_unit="unit_penanganan"),
            AuditJenis(
                "riwayat_pengaduan",
                _("Status pengaduan"),
                "partisipasi.RiwayatStatus",
                ke_unit="pengaduan__unit_penanganan",
            ),
            AuditJenis(
                "tanggapan", _("Tanggapan pengaduan"), "partisipasi.Tanggapan", ke_unit="pengaduan__unit_penanganan"
            ),
            AuditJenis(
                "foto_pengaduan", _("Foto pengaduan"), "partisipasi.FotoPengaduan", ke_unit="pengaduan__unit_penanganan"
            ),
            AuditJenis(
                "dukungan", _("Dukungan pengaduan"), "partisipasi.Dukungan", ke_unit="pengaduan__unit_penanganan"
            ),
            AuditJenis("petugas", _("Petugas pengaduan"), "partisipasi.PetugasPengaduan", ke_unit="unit"),
            AuditJenis("iki_terhitung", _("IKI terhitung dari pengaduan"), "partisipasi.IkiTerhitung", ke_unit="unit"),
            AuditJenis("forum", _("Forum warga"), "partisipasi.Forum", ke_unit="kelurahan"),
            AuditJenis(
                "kehadiran_forum", _("Kehadiran forum"), "partisipasi.KehadiranForum", ke_unit="forum__kelurahan"
            ),
            AuditJenis("aspirasi", _("Aspirasi"), "partisipasi.Aspirasi", ke_unit="forum__kelurahan"),
            AuditJenis(
                "pembaruan_aspirasi",
                _("Tindak lanjut aspirasi"),
                "partisipasi.PembaruanAspirasi",
                ke_unit="aspirasi__forum__kelurahan",
            ),
            AuditJenis("kategori_pengaduan", _("Kategori pengaduan"), "partisipasi.KategoriPengaduan"),
            AuditJenis("hari_libur", _("Hari libur"), "partisipasi.HariLibur"),
        )

        # Complaints from other channels run on kepegawaian's import jobs (ImporJob.jenis = "pengaduan").
        from kepegawaian.impor import jenis_impor_daftar
        from kepegawaian.models import ImporJob
        from partisipasi.services.impor import JENIS_IMPOR

        jenis_impor_daftar(ImporJob.Jenis.PENGADUAN, JENIS_IMPOR)
