"""Competency development: the programme catalogue, scheduled events, registrations (with the waiting list),
attendance per day, completion (which grants the JP and a certificate), and external training submitted by a
pegawai for his penilai's approval.

Invariants live here as database constraints; workflow rules (who may act, registration window, quota) live in
``pelatihan.services``. Decisions worth knowing:

- **Quota.** ``Kegiatan.jumlah_terdaftar`` counts the seats taken. A seat is taken by one conditional
  ``UPDATE ... SET jumlah_terdaftar = jumlah_terdaftar + 1 WHERE jumlah_terdaftar < kuota`` (0 rows: the person
  goes on the waiting list), and the named constraint ``kegiatan_kuota_tidak_terlampaui`` makes an over-booked
  event impossible in the database whatever the code does.
- **JP ledger year** (``tahun_jp``) is fixed when the JP is granted: the calendar year of the end date for a PNS,
  the contract year (counted from the TMT month in his NIP, labelled by the year it starts) for a PPPK
  (domain.md: "paling banyak 24 JP dalam 1 tahun masa perjanjian kerja"). See ``pelatihan.jp``.
- **Recommendations** from development needs (penilaian) are not built yet; see the report of issue 11.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PANJANG, TEKS_SEDANG, batas_teks

JP_MIN = 1


def jp_maks() -> int:
    """The largest JP one training may grant (a 500-JP seminar is a typing error). A setting, default 400."""
    return int(getattr(settings, "PELATIHAN_JP_MAKS", 400))


def hari_ini() -> dt.date:
    """Today in Asia/Jakarta. The one clock of this app: tests replace ``timezone.localdate``."""
    return timezone.localdate()


class BidangKompetensi(models.TextChoices):
    MANAJERIAL = "manajerial", _("Manajerial")
    TEKNIS = "teknis", _("Teknis")
    SOSIAL_KULTURAL = "sosial_kultural", _("Sosial kultural")


class Bentuk(models.TextChoices):
    KLASIKAL = "klasikal", _("Klasikal")
    NON_KLASIKAL = "non_klasikal", _("Non-klasikal")


class Jenis(models.TextChoices):
    """The kind of learning (the national record's "jenis"). ``KLASIKAL`` is the one classroom kind."""

    KLASIKAL = "klasikal", _("Pelatihan klasikal")
    E_LEARNING = "e_learning", _("E-learning")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    MAGANG = "magang", _("Magang")
    SEMINAR = "seminar", _("Seminar/konferensi")
    BENCHMARKING = "benchmarking", _("Benchmarking")
    DETASERING = "detasering", _("Detasering")
    PENGEMBANGAN_DIRI = "pengembangan_diri", _("Belajar mandiri (self-development)")
    TEAM_BUILDING = "team_building", _("Team building")
    LAINNYA = "lainnya", _("Lainnya (non-klasikal)")


class Penyelenggara(models.TextChoices):
    BPSDM = "bpsdm", _("BPSDM")
    DINAS = "dinas", _("Perangkat daerah (Dinas/Badan)")
    ASN_CORPU = "asn_corpu", _("ASN Corpu")
    EKSTERNAL = "eksternal", _("Lembaga eksternal")


def _jp_q(field: str) -> Q:
    return Q(**{f"{field}__gte": JP_MIN})


class Program(models.Model):
    """A programme in the catalogue. ``unit_pemilik`` is the unit whose admin manages it (empty: admin BKD)."""

    judul = models.CharField(_("judul"), max_length=200)
    deskripsi = models.TextField(_("deskripsi"), blank=True, **batas_teks(TEKS_PANJANG))
    bidang = models.CharField(_("bidang kompetensi"), max_length=20, choices=BidangKompetensi.choices)
    kompetensi = models.JSONField(_("kompetensi"), default=list, blank=True)
    bentuk = models.CharField(_("bentuk"), max_length=20, choices=Bentuk.choices)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=20, choices=Penyelenggara.choices)
    nama_penyelenggara = models.CharField(_("nama penyelenggara"), max_length=200, blank=True)
    jp = models.PositiveSmallIntegerField(_("JP"))
    target_jabatan = models.ManyToManyField(Jabatan, verbose_name=_("sasaran jabatan"), blank=True, related_name="+")
    # Annotated: UnitKerja comes from treebeard (untyped), so mypy cannot infer the field type.
    target_unit: "models.ManyToManyField[UnitKerja, Any]" = models.ManyToManyField(
        UnitKerja, verbose_name=_("sasaran unit"), blank=True, related_name="+"
    )
    unit_pemilik = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit pengelola"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="program_pelatihan",
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["judul", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("bidang", BidangKompetensi), name="program_bidang_valid"),
            models.CheckConstraint(condition=choices_q("bentuk", Bentuk), name="program_bentuk_valid"),
            models.CheckConstraint(condition=choices_q("jenis", Jenis), name="program_jenis_valid"),
            models.CheckConstraint(
                condition=choices_q("penyelenggara", Penyelenggara), name="program_penyelenggara_valid"
            ),
            # klasikal is one kind; every other kind is non-klasikal.
            models.CheckConstraint(
                condition=Q(bentuk="klasikal", jenis="klasikal") | (Q(bentuk="non_klasikal") & ~Q(jenis="klasikal")),
                name="program_bentuk_sesuai_jenis",
                violation_error_message=_("Bentuk klasikal hanya untuk jenis pelatihan klasikal, dan sebaliknya."),
            ),
            models.CheckConstraint(
                condition=_jp_q("jp"),
                name="program_jp_positif",
                violation_error_message=_("JP harus lebih dari 0."),
            ),
            models.CheckConstraint(condition=~Q(judul=""), name="program_judul_tidak_kosong"),
        ]

    def __str__(self) -> str:
        return self.judul


class ModaKegiatan(models.TextChoices):
    TATAP_MUKA = "tatap_muka", _("Tatap muka")
    DARING = "daring", _("Daring")
    CAMPURAN = "campuran", _("Tatap muka dan daring")


class StatusKegiatan(models.TextChoices):
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class StatusPeserta(models.TextChoices):
    TERDAFTAR = "terdaftar", _("Terdaftar")
    MENUNGGU = "menunggu", _("Daftar tunggu")
    BATAL = "batal", _("Dibatalkan")


class CaraDaftar(models.TextChoices):
    MANDIRI = "mandiri", _("Mendaftar sendiri")
    NOMINASI = "nominasi", _("Dinominasikan pejabat penilai")


class AsalPeserta(models.TextChoices):
    KINERJA = "kinerja", _("Kegiatan yang diselenggarakan melalui Kinerja")
    IMPOR = "impor", _("Riwayat yang diimpor")


class StatusEksternal(models.TextChoices):
    DIAJUKAN = "diajukan", _("Menunggu persetujuan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


class Kegiatan(models.Model):
    """A programme held on dates (an "event"): a place or online, a quota, a registration window."""

    Moda = ModaKegiatan
    Status = StatusKegiatan

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="kegiatan")
    nama = models.CharField(_("nama angkatan/kelas"), max_length=200, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    moda = models.CharField(_("moda"), max_length=20, choices=Moda.choices, default=Moda.TATAP_MUKA)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    tautan = models.URLField(_("tautan daring"), blank=True)
    kuota = models.PositiveIntegerField(_("kuota"))
    jumlah_terdaftar = models.PositiveIntegerField(_("kursi terisi"), default=0)
    pendaftaran_mulai = models.DateField(_("pendaftaran dibuka"))
    pendaftaran_selesai = models.DateField(_("pendaftaran ditutup"))
    unit_penyelenggara = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit penyelenggara"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan_pelatihan",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIJADWALKAN)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")
        ordering = ["tanggal_mulai", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("moda", ModaKegiatan), name="kegiatan_moda_valid"),
            models.CheckConstraint(condition=choices_q("status", StatusKegiatan), name="kegiatan_status_valid"),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="kegiatan_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(pendaftaran_selesai__gte=F("pendaftaran_mulai")),
                name="kegiatan_pendaftaran_urut",
                violation_error_message=_("Pendaftaran tidak boleh ditutup sebelum dibuka."),
            ),
            models.CheckConstraint(
                condition=Q(pendaftaran_selesai__lte=F("tanggal_selesai")),
                name="kegiatan_pendaftaran_sebelum_selesai",
                violation_error_message=_("Pendaftaran harus ditutup paling lambat pada tanggal selesai kegiatan."),
            ),
            models.CheckConstraint(
                condition=Q(kuota__gte=1),
                name="kegiatan_kuota_positif",
                violation_error_message=_("Kuota paling sedikit 1 orang."),
            ),
            # The quota guarantee: no code path can store more seats taken than the quota.
            models.CheckConstraint(
                condition=Q(jumlah_terdaftar__lte=F("kuota")),
                name="kegiatan_kuota_tidak_terlampaui",
                violation_error_message=_("Kuota tidak boleh lebih kecil dari jumlah peserta yang sudah terdaftar."),
            ),
        ]
        indexes = [
            # The catalogue of upcoming events: WHERE status = 'dijadwalkan' AND tanggal_selesai >= today.
            models.Index(fields=["status", "tanggal_selesai"], name="kegiatan_mendatang_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.program.judul} ({self.tanggal_mulai:%d-%m-%Y})"

    @property
    def judul(self) -> str:
        return f"{self.program.judul} — {self.nama}" if self.nama else self.program.judul

    def pendaftaran_terbuka(self, hari: dt.date | None = None) -> bool:
        """Registration window open today (and the event not cancelled)."""
        hari = hari or hari_ini()
        return self.status == self.Status.DIJADWALKAN and self.pendaftaran_mulai <= hari <= self.pendaftaran_selesai

    def sudah_dimulai(self, hari: dt.date | None = None) -> bool:
        return (hari or hari_ini()) >= self.tanggal_mulai

    @property
    def daftar_tanggal(self) -> list[dt.date]:
        n = (self.tanggal_selesai - self.tanggal_mulai).days + 1
        return [self.tanggal_mulai + dt.timedelta(days=i) for i in range(n)]

    @property
    def sisa_kuota(self) -> int:
        return max(0, self.kuota - self.jumlah_terdaftar)


BUKTI_IMPOR_MAKS = 200


class Peserta(models.Model):
    """One pegawai on one event: a seat (``terdaftar``), a place on the waiting list, or cancelled.

    Completion (``selesai``) grants ``jp`` (copied from the programme at that moment) in the ledger year
    ``tahun_jp`` and a certificate with ``kode_verifikasi`` — when Kinerja recorded it (``asal = kinerja``). A
    completion brought in by the history import (``asal = impor``) counts its JP but has **no** Kinerja certificate
    (Kinerja did not see the training happen): it keeps the proof named in the file (``bukti_impor``, e.g. the
    organiser's certificate number) and where it came from (``sumber_impor``: the file or sheet and the row)."""

    Status = StatusPeserta
    Cara = CaraDaftar
    Asal = AsalPeserta

    kegiatan = models.ForeignKey(Kegiatan, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    cara = models.CharField(_("cara mendaftar"), max_length=20, choices=Cara.choices, default=Cara.MANDIRI)
    didaftarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("didaftarkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    didaftarkan = models.DateTimeField(_("didaftarkan"), default=timezone.now)
    selesai = models.BooleanField(_("selesai"), default=False)
    selesai_pada = models.DateTimeField(_("dinyatakan selesai pada"), null=True, blank=True)
    jp = models.PositiveSmallIntegerField(_("JP diperoleh"), default=0)
    tahun_jp = models.PositiveSmallIntegerField(_("tahun buku JP"), null=True, blank=True)
    kode_verifikasi = models.CharField(_("kode verifikasi sertifikat"), max_length=20, null=True, blank=True)
    asal = models.CharField(_("asal catatan"), max_length=10, choices=AsalPeserta.choices, default=AsalPeserta.KINERJA)
    bukti_impor = models.CharField(_("bukti (dari berkas impor)"), max_length=BUKTI_IMPOR_MAKS, blank=True)
    sumber_impor = models.CharField(_("sumber impor"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        ordering = ["didaftarkan", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusPeserta), name="peserta_status_valid"),
            models.CheckConstraint(condition=choices_q("cara", CaraDaftar), name="peserta_cara_valid"),
            models.UniqueConstraint(
                fields=["kegiatan", "pegawai"],
                condition=~Q(status="batal"),
                name="peserta_sekali_per_kegiatan",
                violation_error_message=_("Pegawai ini sudah terdaftar pada kegiatan ini."),
            ),
            models.UniqueConstraint(fields=["kode_verifikasi"], name="peserta_kode_verifikasi_unik"),
            models.CheckConstraint(condition=choices_q("asal", AsalPeserta), name="peserta_asal_valid"),
            # Only a seated participant completes; completion carries its JP, its ledger year and — when Kinerja
            # recorded it — its certificate code; an imported completion never has a Kinerja code.
            models.CheckConstraint(
                condition=Q(selesai=False, jp=0, kode_verifikasi__isnull=True, asal="kinerja")
                | Q(
                    selesai=True,
                    status="terdaftar",
                    jp__gte=JP_MIN,
                    tahun_jp__isnull=False,
                    asal="kinerja",
                    kode_verifikasi__isnull=False,
                )
                | Q(
                    selesai=True,
                    status="terdaftar",
                    jp__gte=JP_MIN,
                    tahun_jp__isnull=False,
                    asal="impor",
                    kode_verifikasi__isnull=True,
                ),
                name="peserta_selesai_lengkap",
            ),
        ]
        indexes = [
            # The JP ledger and the compliance view: SUM(jp) WHERE pegawai_id = ? AND tahun_jp = ? AND selesai.
            models.Index(
                fields=["pegawai", "tahun_jp"], condition=Q(selesai=True), name="peserta_jp_pegawai_tahun_idx"
            ),
            # The JP summary (``pelatihan.rekap``): a ledger year's JP summed per pegawai in one index-only walk
            # (WHERE selesai AND tahun_jp = ? [AND pegawai_id IN ...] GROUP BY pegawai_id).
            models.Index(
                fields=["tahun_jp", "pegawai", "jp"],  # jp a key column: SQLite has no INCLUDE (models.W040)
                condition=Q(selesai=True),
                name="peserta_jp_tahun_idx",
            ),
            # The waiting list of an event, first come first served.
            models.Index(fields=["kegiatan", "didaftarkan"], condition=Q(status="menunggu"), name="peserta_tunggu_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.kegiatan}"

    @property
    def bersertifikat(self) -> bool:
        """Kinerja issued a certificate for it: completed, recorded by Kinerja (not imported)."""
        return self.selesai and self.asal == AsalPeserta.KINERJA and bool(self.kode_verifikasi)

    def pernah_hadir(self) -> bool:
        """Attended the event: completed it, or was marked present on at least one day (one query unless
        completed). The rule for who may rate an event."""
        if self.status != StatusPeserta.TERDAFTAR:
            return False
        return self.selesai or self.kehadiran.filter(hadir=True).exists()


class Kehadiran(models.Model):
    """Attendance of one participant on one day of the event."""

    peserta = models.ForeignKey(Peserta, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="kehadiran")
    tanggal = models.DateField(_("tanggal"))
    hadir = models.BooleanField(_("hadir"), default=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["tanggal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["peserta", "tanggal"], name="kehadiran_sekali_per_hari"),
        ]

    def __str__(self) -> str:
        return f"{self.peserta_id} {self.tanggal}"


ULASAN_NILAI_MIN = 1
ULASAN_NILAI_MAKS = 5
ULASAN_KOMENTAR_MAKS = 1000


class UlasanKegiatan(models.Model):
    """An attendee's rating of an event (1–5 and a comment); one per participant, which he may change. Only
    people who attended rate (``pelatihan.access.can_rate``); organisers read the summary."""

    peserta = models.OneToOneField(Peserta, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="ulasan")
    nilai = models.PositiveSmallIntegerField(_("nilai"))
    komentar = models.CharField(_("komentar"), max_length=ULASAN_KOMENTAR_MAKS, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("ulasan kegiatan")
        verbose_name_plural = _("ulasan kegiatan")
        ordering = ["-diubah", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai__gte=ULASAN_NILAI_MIN, nilai__lte=ULASAN_NILAI_MAKS),
                name="ulasan_nilai_1_sampai_5",
                violation_error_message=_("Nilai ulasan harus antara 1 dan 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peserta_id}: {self.nilai}"


class PelatihanEksternal(models.Model):
    """A course taken elsewhere, submitted by the pegawai with its certificate, approved for JP by his penilai."""

    Status = StatusEksternal

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul pelatihan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    bidang = models.CharField(_("bidang kompetensi"), max_length=20, choices=BidangKompetensi.choices)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    tahun_jp = models.PositiveSmallIntegerField(_("tahun buku JP"))
    berkas = models.FileField(_("sertifikat"), upload_to="pelatihan/eksternal/", max_length=200)
    tipe = models.CharField(_("jenis berkas"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIAJUKAN)
    catatan = models.TextField(_("catatan penilai"), blank=True, **batas_teks(TEKS_SEDANG))
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    diajukan = models.DateTimeField(_("diajukan"), auto_now_add=True)

    class Meta:
        verbose_name = _("pelatihan eksternal")
        verbose_name_plural = _("pelatihan eksternal")
        ordering = ["-diajukan", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusEksternal), name="eksternal_status_valid"),
            models.CheckConstraint(condition=choices_q("jenis", Jenis), name="eksternal_jenis_valid"),
            models.CheckConstraint(condition=choices_q("bidang", BidangKompetensi), name="eksternal_bidang_valid"),
            models.CheckConstraint(
                condition=_jp_q("jp"), name="eksternal_jp_positif", violation_error_message=_("JP harus lebih dari 0.")
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="eksternal_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]
        indexes = [
            # The JP ledger: SUM(jp) WHERE pegawai_id = ? AND tahun_jp = ? AND status = 'disetujui'.
            models.Index(
                fields=["pegawai", "tahun_jp"], condition=Q(status="disetujui"), name="eksternal_jp_pegawai_tahun_idx"
            ),
            # The JP summary: the approved JP of a ledger year per pegawai, index-only (see Peserta).
            models.Index(
                fields=["tahun_jp", "pegawai", "jp"],
                condition=Q(status="disetujui"),
                name="eksternal_jp_tahun_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.pegawai})"


class JpTahunan(models.Model):
    """A pegawai's JP in one ledger year — the completed events' JP plus the approved external trainings' JP,
    uncapped — kept so that the compliance view reads one row per person instead of summing every completion of the
    year. Derived data: the live rows (``Peserta``, ``PelatihanEksternal``) stay the truth. Every service that
    changes them refreshes the rows it touched in the same transaction (``pelatihan.rekap.jp_tahunan_segarkan``);
    ``manage.py jp_tahunan_bangun`` rebuilds the whole table from the live rows. A missing row means 0 JP."""

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun buku JP"))
    jp = models.PositiveIntegerField(_("JP"), default=0)

    class Meta:
        verbose_name = _("rekap JP tahunan")
        verbose_name_plural = _("rekap JP tahunan")
        constraints = [
            # one row per person and year; the index (tahun, pegawai) also serves the compliance view's probe
            models.UniqueConstraint(fields=["tahun", "pegawai"], name="jptahunan_sekali_per_tahun"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.jp} JP"


class JenisPengingat(models.TextChoices):
    PEGAWAI = "pegawai", _("Pengingat kepada pegawai")
    RINGKASAN = "ringkasan", _("Ringkasan kepada pejabat penilai")


class PengingatJp(models.Model):
    """One monthly JP reminder e-mail to one person: the row is the claim that makes the job run once a month.

    Inserted (unique per recipient, month and kind) before sending; ``dikirim`` is set by a conditional UPDATE
    ``WHERE dikirim IS NULL`` so that two runs of the job never send the same mail twice."""

    Jenis = JenisPengingat

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="+")
    bulan = models.DateField(_("bulan"))
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPengingat.choices)
    dikirim = models.DateTimeField(_("dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengingat JP")
        verbose_name_plural = _("pengingat JP")
        constraints = [
            models.CheckConstraint(condition=choices_q("jenis", JenisPengingat), name="pengingatjp_jenis_valid"),
            models.UniqueConstraint(fields=["pegawai", "bulan", "jenis"], name="pengingatjp_sekali_sebulan"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.bulan:%Y-%m} {self.jenis}"
