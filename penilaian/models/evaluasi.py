"""Evaluations of performance (periodic and annual), their feedback, and objections (keberatan).

An ``Evaluasi`` belongs to one pegawai, one period (``PeriodePenilaian``) and either one month/quarter
(``periode_ke``, periodic) or the whole year (annual). It records who the penilai was when it was opened (the atasan
may change during the year), the approved SKP it reads, the two ratings, the suggestion at the time of rating and the
reason when they differ, the predikat that follows from the matrix (``aturan.predikat_pegawai``). Draft → final: a
final evaluation is locked; it changes only through an objection decision (``Keberatan``).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indikator.models import EkspektasiPerilaku, Iki, PeriodePenilaian, Skp
from kepegawaian.models import Pegawai
from kinerja.db import choices_q
from kinerja.teks import TEKS_SEDANG, batas_teks
from penilaian.aturan import AreaKompetensi, Predikat, Rating


class PengaturanPeriode(models.Model):
    """Settings of penilaian for one period: whether pegawai assess themselves before the penilai rates."""

    periode = models.OneToOneField(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="pengaturan_penilaian"
    )
    penilaian_mandiri = models.BooleanField(
        _("penilaian mandiri"),
        default=False,
        help_text=_("Pegawai menilai dirinya sendiri sebelum pejabat penilai memberi rating."),
    )
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan penilaian periode")
        verbose_name_plural = _("pengaturan penilaian periode")

    def __str__(self) -> str:
        return str(self.periode)


class JenisEvaluasi(models.TextChoices):
    PERIODIK = "periodik", _("Periodik")
    TAHUNAN = "tahunan", _("Tahunan")


class StatusEvaluasi(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class Evaluasi(models.Model):
    Jenis = JenisEvaluasi
    Status = StatusEvaluasi

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="evaluasi")
    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="evaluasi"
    )
    jenis = models.CharField(_("jenis evaluasi"), max_length=8, choices=Jenis.choices)
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"), null=True, blank=True)
    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.PROTECT, related_name="evaluasi")
    # who the penilai was when the evaluation was opened: the one who may rate it, whatever changes later
    penilai = models.ForeignKey(
        Pegawai, verbose_name=_("pejabat penilai"), on_delete=models.PROTECT, related_name="evaluasi_dinilai"
    )
    penilai_nama = models.CharField(_("nama pejabat penilai"), max_length=200)
    penilai_nip = models.CharField(_("NIP pejabat penilai"), max_length=18)
    penilai_jabatan = models.CharField(_("jabatan pejabat penilai"), max_length=200)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.DRAFT)
    versi = models.PositiveIntegerField(_("versi"), default=1)

    rating_hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=8, choices=Rating.choices, blank=True)
    rating_perilaku = models.CharField(_("rating perilaku kerja"), max_length=8, choices=Rating.choices, blank=True)
    saran_hasil_kerja = models.CharField(
        _("saran rating hasil kerja"), max_length=8, choices=Rating.choices, blank=True
    )
    alasan_beda_saran = models.TextField(_("alasan rating berbeda dari saran"), blank=True, **batas_teks(TEKS_SEDANG))
    predikat = models.CharField(_("predikat kinerja"), max_length=15, choices=Predikat.choices, blank=True)
    catatan = models.TextField(_("catatan / rekomendasi"), blank=True, **batas_teks(TEKS_SEDANG))
    # the penilai's rating per BerAKHLAK value ({"kompeten": "di_bawah", ...}); a Di Bawah creates a development need
    rating_nilai = models.JSONField(_("rating per nilai BerAKHLAK"), default=dict, blank=True)
    # the penilai's note of a development need (becomes a KebutuhanPengembangan when final)
    catatan_pengembangan = models.TextField(_("catatan kebutuhan pengembangan"), blank=True, **batas_teks(TEKS_SEDANG))
    area_pengembangan = models.CharField(
        _("area kompetensi yang perlu dikembangkan"), max_length=15, choices=AreaKompetensi.choices, blank=True
    )

    # the pegawai's own assessment, where the period asks for it (PengaturanPeriode.penilaian_mandiri)
    mandiri_hasil_kerja = models.CharField(
        _("penilaian mandiri hasil kerja"), max_length=8, choices=Rating.choices, blank=True
    )
    mandiri_perilaku = models.CharField(
        _("penilaian mandiri perilaku kerja"), max_length=8, choices=Rating.choices, blank=True
    )
    mandiri_catatan = models.TextField(_("catatan penilaian mandiri"), blank=True, **batas_teks(TEKS_SEDANG))

    difinalkan_pada = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibaca_pada = models.DateTimeField(_("dibaca pegawai pada"), null=True, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["periode__tahun", "pegawai__nama", "jenis", "periode_ke"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "periode", "periode_ke"],
                condition=Q(jenis="periodik"),
                name="evaluasi_periodik_satu_per_pegawai_ke",
                violation_error_message=_("Evaluasi periode ini untuk pegawai tersebut sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["pegawai", "periode"],
                condition=Q(jenis="tahunan"),
                name="evaluasi_tahunan_satu_per_pegawai",
                violation_error_message=_("Evaluasi tahunan untuk pegawai tersebut sudah ada."),
            ),
            models.CheckConstraint(condition=choices_q("jenis", JenisEvaluasi), name="evaluasi_jenis_valid"),
            models.CheckConstraint(condition=choices_q("status", StatusEvaluasi), name="evaluasi_status_valid"),
            models.CheckConstraint(
                condition=(Q(jenis="periodik") & Q(periode_ke__gte=1, periode_ke__lte=12))
                | (Q(jenis="tahunan") & Q(periode_ke__isnull=True)),
                name="evaluasi_periode_ke_sesuai_jenis",
                violation_error_message=_("Evaluasi periodik memerlukan bulan/triwulan; evaluasi tahunan tidak."),
            ),
            models.CheckConstraint(
                condition=~Q(penilai=F("pegawai")),
                name="evaluasi_tidak_menilai_diri_sendiri",
                violation_error_message=_("Pegawai tidak dapat menilai dirinya sendiri."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{field: ""}) | choices_q(field, Rating), name=f"evaluasi_{field}_valid"
                )
                for field in (
                    "rating_hasil_kerja",
                    "rating_perilaku",
                    "saran_hasil_kerja",
                    "mandiri_hasil_kerja",
                    "mandiri_perilaku",
                )
            ],
            models.CheckConstraint(
                condition=Q(predikat="") | choices_q("predikat", Predikat), name="evaluasi_predikat_valid"
            ),
            models.CheckConstraint(
                condition=Q(area_pengembangan="") | choices_q("area_pengembangan", AreaKompetensi),
                name="evaluasi_area_pengembangan_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    ~Q(rating_hasil_kerja="")
                    & ~Q(rating_perilaku="")
                    & ~Q(predikat="")
                    & Q(difinalkan_pada__isnull=False)
                ),
                name="evaluasi_final_lengkap",
                violation_error_message=_("Evaluasi final harus memiliki kedua rating, predikat, dan tanggal final."),
            ),
            models.CheckConstraint(
                condition=Q(dibaca_pada__isnull=True) | Q(status="final"),
                name="evaluasi_dibaca_hanya_final",
                violation_error_message=_("Hanya evaluasi final yang dapat ditandai telah dibaca."),
            ),
        ]
        indexes = [
            # The penilai's team page and the distribution of a unit read evaluations of a period by kind.
            models.Index(fields=["periode", "jenis", "periode_ke"], name="evaluasi_periode_jenis_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.label_periode}"

    def get_absolute_url(self) -> str:
        return reverse("penilaian:evaluasi-detail", args=[self.pk])

    @property
    def label_periode(self) -> str:
        if self.jenis == self.Jenis.TAHUNAN or self.periode_ke is None:
            return str(_("Tahunan %(tahun)s") % {"tahun": self.periode.tahun})
        return f"{self.periode.label_periode_ke(self.periode_ke)} {self.periode.tahun}"

    @property
    def final(self) -> bool:
        return self.status == self.Status.FINAL


class UmpanBalikEvaluasi(models.Model):
    """The penilai's feedback in an evaluation: on one IKI, or on one BerAKHLAK value."""

    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.CASCADE, related_name="umpan_balik"
    )
    iki = models.ForeignKey(
        Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, null=True, blank=True, related_name="umpan_balik_evaluasi"
    )
    nilai_perilaku = models.CharField(
        _("nilai BerAKHLAK"), max_length=24, choices=EkspektasiPerilaku.Nilai.choices, blank=True
    )
    teks = models.TextField(_("umpan balik"), **batas_teks(TEKS_SEDANG))

    class Meta:
        verbose_name = _("umpan balik evaluasi")
        verbose_name_plural = _("umpan balik evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=(Q(iki__isnull=False) & Q(nilai_perilaku=""))
                | (Q(iki__isnull=True) & choices_q("nilai_perilaku", EkspektasiPerilaku.Nilai)),
                name="umpanbalikevaluasi_iki_atau_perilaku",
                violation_error_message=_("Umpan balik evaluasi ditulis untuk satu IKI atau satu nilai BerAKHLAK."),
            ),
            models.CheckConstraint(
                condition=~Q(teks=""),
                name="umpanbalikevaluasi_teks_wajib",
                violation_error_message=_("Umpan balik tidak boleh kosong."),
            ),
            models.UniqueConstraint(
                fields=["evaluasi", "iki"],
                condition=Q(iki__isnull=False),
                name="umpanbalikevaluasi_satu_per_iki",
            ),
            models.UniqueConstraint(
                fields=["evaluasi", "nilai_perilaku"],
                condition=Q(iki__isnull=True),
                name="umpanbalikevaluasi_satu_per_nilai",
            ),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DIPUTUSKAN = "diputuskan", _("Diputuskan")


class Keputusan(models.TextChoices):
    DIPERTAHANKAN = "dipertahankan", _("Hasil dipertahankan")
    DIUBAH = "diubah", _("Hasil diubah")


class Keberatan(models.Model):
    """The pegawai's objection to a final annual evaluation, and the atasan penilai's final decision."""

    Status = StatusKeberatan
    Keputusan = Keputusan

    # one objection per evaluation: a second one is refused by the database too
    evaluasi = models.OneToOneField(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.PROTECT, related_name="keberatan"
    )
    alasan = models.TextField(_("alasan keberatan"), **batas_teks(TEKS_SEDANG))
    bukti_tautan = models.URLField(_("tautan bukti pendukung"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    tanggapan_penilai = models.TextField(_("tanggapan pejabat penilai"), blank=True, **batas_teks(TEKS_SEDANG))
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)

    keputusan = models.CharField(_("keputusan"), max_length=13, choices=Keputusan.choices, blank=True)
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True, **batas_teks(TEKS_SEDANG))
    # the ratings before the decision, kept beside the evaluation's new ones
    rating_hasil_kerja_semula = models.CharField(
        _("rating hasil kerja semula"), max_length=8, choices=Rating.choices, blank=True
    )
    rating_perilaku_semula = models.CharField(
        _("rating perilaku kerja semula"), max_length=8, choices=Rating.choices, blank=True
    )
    predikat_semula = models.CharField(_("predikat semula"), max_length=15, choices=Predikat.choices, blank=True)
    diputuskan_oleh = models.ForeignKey(
        Pegawai,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="keberatan_diputuskan",
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diajukan_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusKeberatan), name="keberatan_status_valid"),
            models.CheckConstraint(
                condition=Q(keputusan="") | choices_q("keputusan", Keputusan), name="keberatan_keputusan_valid"
            ),
            models.CheckConstraint(
                condition=~Q(alasan=""),
                name="keberatan_alasan_wajib",
                violation_error_message=_("Alasan keberatan wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(status="diajukan", keputusan="", diputuskan_pada__isnull=True)
                | (
                    Q(status="diputuskan", diputuskan_pada__isnull=False, diputuskan_oleh__isnull=False)
                    & ~Q(keputusan="")
                    & ~Q(alasan_keputusan="")
                ),
                name="keberatan_keputusan_lengkap",
                violation_error_message=_("Keputusan keberatan memerlukan keputusan, alasan, dan pemutusnya."),
            ),
        ]
        indexes = [
            # The atasan's page lists the objections still to decide.
            models.Index(fields=["status"], condition=Q(status="diajukan"), name="keberatan_menunggu_idx"),
        ]

    def __str__(self) -> str:
        return str(_("Keberatan atas %(evaluasi)s") % {"evaluasi": self.evaluasi})


def masa_evaluasi_dimulai(periode: PeriodePenilaian, periode_ke: int | None) -> dt.date:
    """The first day an evaluation may be opened: the first day of the last month of the month/quarter
    (``periode_ke``), or 1 December for the annual evaluation. Raises ``ValueError`` for a ``periode_ke``
    outside the period's months/quarters."""
    if periode_ke is None:
        return dt.date(periode.tahun, 12, 1)
    return dt.date(periode.tahun, periode.bulan_periode_ke(periode_ke)[1], 1)
