"""Kelurahan forums (Rembuk RW, Musrenbang kecamatan terintegrasi kelurahan, forum warga), the citizens who
register to attend, the minutes, and the aspirations raised there with their dated public follow-up (the way
Decidim's accountability module tracks proposals to results)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PANJANG, TEKS_SEDANG, batas_teks


class JenisForum(models.TextChoices):
    REMBUK_RW = "rembuk_rw", _("Rembuk RW")
    MUSRENBANG = "musrenbang", _("Musrenbang Kecamatan Terintegrasi Musrenbang Kelurahan")
    FORUM_WARGA = "forum_warga", _("Forum warga")


class Forum(models.Model):
    Jenis = JenisForum

    kelurahan = models.ForeignKey(UnitKerja, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("jenis forum"), max_length=12, choices=JenisForum.choices)
    topik = models.CharField(_("topik"), max_length=200)
    mulai = models.DateTimeField(_("waktu mulai"))
    selesai = models.DateTimeField(_("waktu selesai"))
    tempat = models.CharField(_("tempat"), max_length=200)
    rw = models.CharField(_("RW"), max_length=3, blank=True, help_text=_("Kosong bila untuk seluruh kelurahan."))
    notulen = models.TextField(_("notulen"), blank=True, **batas_teks(TEKS_PANJANG))
    notulen_pada = models.DateTimeField(_("notulen dicatat pada"), null=True, blank=True)
    jumlah_hadir = models.PositiveIntegerField(_("warga terdaftar hadir"), default=0)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum warga")
        verbose_name_plural = _("forum warga")
        ordering = ["mulai", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("jenis", JenisForum), name="forum_jenis"),
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")),
                name="forum_selesai_setelah_mulai",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=~Q(topik="") & ~Q(tempat=""),
                name="forum_topik_tempat_wajib",
                violation_error_message=_("Topik dan tempat wajib diisi."),
            ),
        ]
        indexes = [
            # The public page per kelurahan: WHERE kelurahan_id = ? ORDER BY mulai.
            models.Index(fields=["kelurahan", "mulai"], name="forum_kelurahan_mulai_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.topik}"

    def get_absolute_url(self) -> str:
        return reverse("partisipasi:forum-detail", args=[self.pk])


class KehadiranForum(models.Model):
    """A citizen registered to attend. The name is optional and never public (only the count is); ``klien`` is a
    keyed hash of the client (never the address), so that one client registers once."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="kehadiran")
    nama = models.CharField(_("nama"), max_length=120, blank=True)
    klien = models.CharField(_("penanda klien"), max_length=64)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("kehadiran forum")
        verbose_name_plural = _("kehadiran forum")
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "klien"],
                name="kehadiran_sekali_per_klien",
                violation_error_message=_("Anda sudah terdaftar hadir di forum ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum_id}: {self.klien[:8]}"


class StatusAspirasi(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    DIAKOMODIR = "diakomodir", _("Diakomodir dalam rencana kerja")
    SELESAI = "selesai", _("Selesai")
    TIDAK_DIREKOMENDASIKAN = "tidak_direkomendasikan", _("Tidak direkomendasikan")


class KategoriAspirasi(models.TextChoices):
    FISIK = "fisik", _("Pembangunan fisik / prasarana")
    SOSIAL = "sosial", _("Sosial dan kesehatan")
    EKONOMI = "ekonomi", _("Ekonomi dan UMKM")
    LINGKUNGAN = "lingkungan", _("Lingkungan hidup")
    PELAYANAN = "pelayanan", _("Pelayanan publik")


class Aspirasi(models.Model):
    Status = StatusAspirasi
    Kategori = KategoriAspirasi

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="aspirasi")
    kategori = models.CharField(_("kategori"), max_length=12, choices=KategoriAspirasi.choices)
    rw = models.CharField(_("RW"), max_length=3)
    uraian = models.TextField(_("uraian aspirasi"), **batas_teks(TEKS_SEDANG))
    unit_penanggung_jawab = models.ForeignKey(
        UnitKerja, verbose_name=_("unit penanggung jawab"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=24, choices=StatusAspirasi.choices, default=StatusAspirasi.DITERIMA
    )
    alasan = models.TextField(_("alasan tidak direkomendasikan"), blank=True, **batas_teks(TEKS_SEDANG))
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    diubah = models.DateTimeField(_("diubah"))

    class Meta:
        verbose_name = _("aspirasi")
        verbose_name_plural = _("aspirasi")
        ordering = ["forum", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusAspirasi), name="aspirasi_status"),
            models.CheckConstraint(condition=choices_q("kategori", KategoriAspirasi), name="aspirasi_kategori"),
            models.CheckConstraint(
                condition=Q(progres__lte=100),
                name="aspirasi_progres_0_100",
                violation_error_message=_("Progres 0–100%."),
            ),
            models.CheckConstraint(
                condition=~Q(status="tidak_direkomendasikan") | ~Q(alasan=""),
                name="aspirasi_alasan_bila_tidak_direkomendasikan",
                violation_error_message=_("Aspirasi yang tidak direkomendasikan wajib diberi alasan."),
            ),
            models.CheckConstraint(
                condition=~Q(uraian=""),
                name="aspirasi_uraian_wajib",
                violation_error_message=_("Uraian aspirasi wajib diisi."),
            ),
        ]
        indexes = [
            # "Aspirations to follow up": WHERE unit_penanggung_jawab_id IN (…) AND status IN (open).
            models.Index(fields=["unit_penanggung_jawab", "status"], name="aspirasi_tindak_lanjut_idx"),
            # The public list, latest change first (``selectors.aspirasi_publik``: ORDER BY diubah DESC, id DESC
            # LIMIT 50): the first rows of the index, not a sort of every aspiration. Issue 9.
            models.Index(fields=["-diubah", "-id"], name="aspirasi_diubah_idx"),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]

    def get_absolute_url(self) -> str:
        return reverse("partisipasi:aspirasi-detail", args=[self.pk])

    @property
    def terbuka(self) -> bool:
        return self.status not in (StatusAspirasi.SELESAI, StatusAspirasi.TIDAK_DIREKOMENDASIKAN)


class PembaruanAspirasi(models.Model):
    """A dated public update of an aspiration: its status and progress at that moment, and what was done."""

    aspirasi = models.ForeignKey(
        Aspirasi, verbose_name=_("aspirasi"), on_delete=models.CASCADE, related_name="pembaruan"
    )
    status = models.CharField(_("status"), max_length=24, choices=StatusAspirasi.choices)
    progres = models.PositiveSmallIntegerField(_("progres (%)"))
    teks = models.TextField(_("keterangan"), **batas_teks(TEKS_SEDANG))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pada = models.DateTimeField(_("pada"))

    class Meta:
        verbose_name = _("pembaruan aspirasi")
        verbose_name_plural = _("pembaruan aspirasi")
        ordering = ["pada", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusAspirasi), name="pembaruanaspirasi_status"),
            models.CheckConstraint(condition=~Q(teks=""), name="pembaruanaspirasi_teks_wajib"),
        ]

    def __str__(self) -> str:
        return f"{self.aspirasi_id} {self.status} {self.pada:%Y-%m-%d}"
