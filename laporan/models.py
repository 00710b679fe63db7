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
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PANJANG, TEKS_PENDEK, TEKS_SEDANG, batas_teks


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
    # The unit's slice of the run's grouped figures (``laporan.bab.agregat_per_unit``, read once per run), stored by
    # the run's task for the unit's task; emptied once the unit is done. Empty: the unit reads its own figures.
    agregat = models.JSONField(_("angka agregat"), null=True, blank=True, encoder=DjangoJSONEncoder)

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
    #: when the public questions last changed (approved, hidden, answered): the public page's validators and cache key
    pertanyaan_diubah_pada = models.DateTimeField(_("pertanyaan publik diubah pada"), null=True, blank=True)

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


# --- citizens' questions and comments on a published report ------------------------------------------------------


class StatusPertanyaan(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu moderasi")
    TAMPIL = "tampil", _("Ditampilkan")
    TERSEMBUNYI = "tersembunyi", _("Disembunyikan")


#: the longest question and answer, and the optional name (the services check them; forms say so earlier)
BATAS_PERTANYAAN = 2000
BATAS_JAWABAN = 3000
BATAS_NAMA_PENANYA = 80


class PertanyaanLaporan(models.Model):
    """A citizen's question or comment on a published report (no account: the name is optional and is the only
    thing about the citizen that is stored or shown). Pending until the admin of the report's unit approves it;
    hidden ones are kept with who hid them; the unit's answer is shown under it."""

    Status = StatusPertanyaan

    laporan = models.ForeignKey(Laporan, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="pertanyaan")
    nama = models.CharField(_("nama (tidak wajib)"), max_length=BATAS_NAMA_PENANYA, blank=True)
    isi = models.TextField(_("pertanyaan atau komentar"), **batas_teks(BATAS_PERTANYAAN))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    dibuat_pada = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    dimoderasi_pada = models.DateTimeField(_("dimoderasi pada"), null=True, blank=True)
    dimoderasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dimoderasi oleh"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    alasan_sembunyi = models.CharField(_("alasan disembunyikan"), max_length=500, blank=True)
    jawaban = models.TextField(_("jawaban unit"), blank=True, **batas_teks(BATAS_JAWABAN))
    dijawab_pada = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dijawab oleh"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("pertanyaan warga tentang laporan")
        verbose_name_plural = _("pertanyaan warga tentang laporan")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusPertanyaan), name="pertanyaan_status_valid"),
            models.CheckConstraint(condition=~Q(isi=""), name="pertanyaan_isi_wajib"),
            # approved or hidden: when (who may be gone: SET NULL keeps the row)
            models.CheckConstraint(
                condition=Q(status="menunggu") | Q(dimoderasi_pada__isnull=False),
                name="pertanyaan_moderasi_bertanggal",
            ),
            models.CheckConstraint(
                condition=Q(jawaban="") | Q(dijawab_pada__isnull=False), name="pertanyaan_jawaban_bertanggal"
            ),
        ]
        indexes = [
            # The public page: WHERE laporan_id = ? AND status = 'tampil' ORDER BY dibuat_pada.
            models.Index(fields=["laporan", "status", "dibuat_pada"], name="pertanyaan_laporan_status_idx"),
            # The moderators' to-do count and queue: WHERE status = 'menunggu'.
            models.Index(fields=["status"], condition=Q(status="menunggu"), name="pertanyaan_menunggu_idx"),
        ]

    def __str__(self) -> str:
        return f"Pertanyaan #{self.pk} — laporan {self.laporan_id} ({self.get_status_display()})"


# --- medium-term targets (RPD 2023–2026 / RPJMD 2025–2029) -------------------------------------------------------


#: DKI Jakarta's medium-term plans (domain.md): RPD 2023–2026 (the transitional plan, Pergub 25/2022), then RPJMD
#: 2025–2029, as (kode, nama, tahun_awal, tahun_akhir). Migration 0004 wrote them with its own frozen copy; the demo
#: makes sure they exist (a test database flushed by a transactional test has lost the migration's rows).
RENCANA_BAWAAN = (
    ("rpd-2023-2026", "RPD 2023–2026", 2023, 2026),
    ("rpjmd-2025-2029", "RPJMD 2025–2029", 2025, 2029),
)


class RencanaMenengah(models.Model):
    """A medium-term plan: RPD 2023–2026 (the transitional plan, Pergub 25/2022), then RPJMD 2025–2029. A report
    of year Y compares with the latest-starting plan whose period covers Y that has a target for the indicator."""

    kode = models.SlugField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    tahun_awal = models.PositiveSmallIntegerField(_("tahun awal"))
    tahun_akhir = models.PositiveSmallIntegerField(_("tahun akhir"))

    class Meta:
        verbose_name = _("rencana jangka menengah")
        verbose_name_plural = _("rencana jangka menengah")
        ordering = ["tahun_awal", "kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_awal__gte=2000, tahun_akhir__lte=2100, tahun_awal__lte=models.F("tahun_akhir")),
                name="rencanamenengah_tahun_urut",
                violation_error_message=_("Tahun awal harus sebelum atau sama dengan tahun akhir."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tahun_awal}–{self.tahun_akhir})"


class TargetMenengah(models.Model):
    """The medium-term target of one unit indicator in one plan: the target for the plan's last year. An indicator
    is matched by the unit and its name, as the IKU of each year are (``indikator.IndikatorUnit`` is one row per
    year)."""

    rencana = models.ForeignKey(
        RencanaMenengah, verbose_name=_("rencana"), on_delete=models.PROTECT, related_name="target"
    )
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    indikator = models.TextField(_("indikator"), **batas_teks(TEKS_PENDEK))
    target = models.DecimalField(_("target akhir periode"), max_digits=18, decimal_places=4)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("target jangka menengah")
        verbose_name_plural = _("target jangka menengah")
        ordering = ["rencana", "unit__path", "indikator"]
        constraints = [
            models.UniqueConstraint(
                fields=["rencana", "unit", "indikator"],
                name="targetmenengah_satu_per_indikator",
                violation_error_message=_("Target indikator ini untuk rencana tersebut sudah ada."),
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="targetmenengah_target_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.rencana.kode}: {self.indikator} = {self.target}"
