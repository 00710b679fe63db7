"""Annual public performance reports (LKjIP): runs that generate them, the reports and their versions (snapshots).

- ``RunLaporan``: one "generate the annual report for year Y" for a scope (the province's root unit or an admin
  unit's unit); it makes one ``ItemRun`` per unit of the scope's subtree. The Celery tasks claim items with a
  conditional UPDATE, so a run that runs twice (or is redelivered after a worker died) does each unit once.
- ``Laporan``: THE report of one unit and one year (unique): the province summary is the report of the root unit.
- ``VersiLaporan``: one version of a report, holding its **snapshot** (the figures, already aggregated and privacy-
  suppressed, with the generation time and a data version). Generated → reviewed (the admin unit writes the
  narrative) → published (admin BKD) or withdrawn with a public reason. At most one version is being worked on
  (generated or reviewed); regenerating a published report makes a new version, the published one stays.
  ``Laporan.versi_publik`` is the version the public sees (the last published or withdrawn one).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PANJANG, TEKS_SEDANG, batas_teks


class StatusRun(models.TextChoices):
    ANTRI = "antri", _("Menunggu")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    SEBAGIAN = "sebagian", _("Selesai dengan kegagalan")


class StatusItem(models.TextChoices):
    ANTRI = "antri", _("Menunggu")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class StatusVersi(models.TextChoices):
    DIBUAT = "dibuat", _("Dibuat")
    DITINJAU = "ditinjau", _("Ditinjau")
    TERBIT = "terbit", _("Terbit")
    DITARIK = "ditarik", _("Ditarik")


#: the longest narrative field and withdrawal reason (the services check them; forms say so earlier)
BATAS_NARASI = 5000
BATAS_ALASAN = 1000

#: a version still being worked on (regenerating it updates it instead of making a new version)
STATUS_KERJA = (StatusVersi.DIBUAT, StatusVersi.DITINJAU)


class RunLaporan(models.Model):
    """One generation run for a year and a scope (the unit whose subtree it covers)."""

    Status = StatusRun

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    unit = models.ForeignKey(UnitKerja, verbose_name=_("cakupan"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    dimulai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimulai oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong bila dimulai oleh jadwal."),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    jumlah_total = models.PositiveIntegerField(_("jumlah unit"), default=0)
    jumlah_selesai = models.PositiveIntegerField(_("unit selesai"), default=0)
    jumlah_gagal = models.PositiveIntegerField(_("unit gagal"), default=0)

    class Meta:
        verbose_name = _("proses laporan")
        verbose_name_plural = _("proses laporan")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusRun), name="runlaporan_status_valid"),
            models.CheckConstraint(condition=Q(tahun__gte=2000, tahun__lte=2100), name="runlaporan_tahun_wajar"),
            models.CheckConstraint(
                condition=Q(jumlah_selesai__lte=models.F("jumlah_total") - models.F("jumlah_gagal")),
                name="runlaporan_hitungan_konsisten",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["selesai", "sebagian"]) | Q(selesai_pada__isnull=False),
                name="runlaporan_selesai_berwaktu",
            ),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.tahun} — {self.unit_id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("laporan:run-detail", args=[self.pk])

    @property
    def selesai(self) -> bool:
        return self.status in (StatusRun.SELESAI, StatusRun.SEBAGIAN)

    @property
    def progres(self) -> int:
        """Units done (finished or failed) out of all, in percent."""
        if not self.jumlah_total:
            return 100 if self.selesai else 0
        return round(100 * (self.jumlah_selesai + self.jumlah_gagal) / self.jumlah_total)

    @property
    def durasi(self):
        if self.mulai_pada and self.selesai_pada:
            return self.selesai_pada - self.mulai_pada
        return None


class ItemRun(models.Model):
    """One unit of a run: generated by one task, marked failed with a plain-words error, retried alone."""

    Status = StatusItem

    run = models.ForeignKey(RunLaporan, verbose_name=_("proses"), on_delete=models.CASCADE, related_name="item")
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    galat = models.CharField(_("kesalahan"), max_length=500, blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    versi = models.ForeignKey(
        "VersiLaporan",
        verbose_name=_("versi laporan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("unit dalam proses laporan")
        verbose_name_plural = _("unit dalam proses laporan")
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "unit"], name="itemrun_satu_per_unit"),
            models.CheckConstraint(condition=choices_q("status", StatusItem), name="itemrun_status_valid"),
            models.CheckConstraint(condition=~Q(status="gagal") | ~Q(galat=""), name="itemrun_gagal_berpesan"),
        ]
        indexes = [
            # The run's counts: WHERE run_id = ? GROUP BY status.
            models.Index(fields=["run", "status"], name="itemrun_run_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.unit_id} ({self.get_status_display()})"


class Laporan(models.Model):
    """The annual report of one unit (its subtree) for one year; the root unit's is the province summary."""

    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    #: the version the public sees: the last one published or withdrawn (set by the publish/withdraw services)
    versi_publik = models.ForeignKey(
        "VersiLaporan",
        verbose_name=_("versi publik"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("laporan kinerja tahunan")
        verbose_name_plural = _("laporan kinerja tahunan")
        ordering = ["-tahun", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "tahun"],
                name="laporan_satu_per_unit_tahun",
                violation_error_message=_("Laporan unit ini untuk tahun tersebut sudah ada."),
            ),
            models.CheckConstraint(condition=Q(tahun__gte=2000, tahun__lte=2100), name="laporan_tahun_wajar"),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.tahun} — {self.unit_id}"

    def get_absolute_url(self) -> str:
        return reverse("laporan:detail", args=[self.pk])


class VersiLaporan(models.Model):
    """One version of a report, with its frozen snapshot (``data``) and its review/publication state."""

    Status = StatusVersi

    laporan = models.ForeignKey(Laporan, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveSmallIntegerField(_("nomor versi"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIBUAT)
    #: the snapshot: the figures and tables the report shows (aggregated, small groups suppressed)
    data = models.JSONField(_("angka laporan"), default=dict)
    dibuat_pada = models.DateTimeField(_("dihasilkan pada"))
    #: SHA-256 of ``data``: changes exactly when a figure changes (cache validator, file names)
    versi_data = models.CharField(_("versi data"), max_length=64)
    #: what changed against the previous version, in plain words (one line per changed headline figure)
    perubahan = models.TextField(_("perubahan dari versi sebelumnya"), blank=True, **batas_teks(TEKS_PANJANG))
    run = models.ForeignKey(
        RunLaporan, verbose_name=_("proses"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tantangan = models.TextField(_("tantangan"), blank=True, **batas_teks(TEKS_PANJANG))
    langkah = models.TextField(_("langkah ke depan"), blank=True, **batas_teks(TEKS_PANJANG))
    ditinjau_pada = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    ditinjau_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditinjau oleh"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    terbit_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    terbit_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diterbitkan oleh"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    ditarik_pada = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    alasan_tarik = models.TextField(_("alasan penarikan"), blank=True, **batas_teks(TEKS_SEDANG))

    class Meta:
        verbose_name = _("versi laporan")
        verbose_name_plural = _("versi laporan")
        ordering = ["laporan", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "nomor"], name="versilaporan_nomor_unik"),
            # Exactly one version being worked on: regenerating (twice, or after a redelivery) updates it.
            models.UniqueConstraint(
                fields=["laporan"],
                condition=Q(status__in=["dibuat", "ditinjau"]),
                name="versilaporan_satu_dalam_kerja",
            ),
            models.CheckConstraint(condition=choices_q("status", StatusVersi), name="versilaporan_status_valid"),
            models.CheckConstraint(condition=Q(nomor__gte=1), name="versilaporan_nomor_positif"),
            models.CheckConstraint(
                condition=Q(status__in=["dibuat"]) | (~Q(tantangan="") & ~Q(langkah="")),
                name="versilaporan_ditinjau_bernarasi",
                violation_error_message=_("Tantangan dan langkah ke depan wajib diisi sebelum laporan ditinjau."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["terbit", "ditarik"]) | Q(terbit_pada__isnull=False),
                name="versilaporan_terbit_bertanggal",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditarik") | (Q(ditarik_pada__isnull=False) & ~Q(alasan_tarik="")),
                name="versilaporan_ditarik_beralasan",
                violation_error_message=_("Penarikan laporan wajib disertai alasan."),
            ),
        ]

    def __str__(self) -> str:
        return f"Laporan #{self.laporan_id} v{self.nomor} ({self.get_status_display()})"

    @property
    def folder_berkas(self) -> str:
        """Where this version's files live in the storage (content-addressed: a regenerated draft gets new ones)."""
        return f"laporan/{self.laporan_id}/v{self.nomor}-{self.versi_data[:16]}"
