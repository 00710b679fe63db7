"""Citizens' complaints (pengaduan): categories with their service levels, the complaint, its photos, its status
trail, official responses, support (dukungan), the officers a unit's admin assigns, and Jakarta's holidays.

Decisions worth knowing:

- **Officers.** ``kepegawaian.PeranAdmin`` holds only the two admin roles and ``kepegawaian`` is not ours to
  change, so the complaint roles are granted here (``PetugasPengaduan``) by the admin of the unit (or BKD):
  *petugas* (triages, forwards, responds, resolves, merges), *moderator* (hides spam). The unit's head is not
  granted: he is derived from the hierarchy (a pegawai of the unit whose atasan works outside it), as the
  pejabat penilai is.
- **Handling unit.** A complaint starts at the kelurahan it is about; *Disposisi* forwards it to another unit
  (``unit_penanganan``). Only the handling unit's officers and head see the complainant's name and contact.
- **Tracking code.** Random, 10 characters from an alphabet without look-alikes (~50 bits): it is the citizen's
  only key (to follow, rate or reopen), so it is never shown in a public list.
- **Clock.** All timestamps are stored aware (UTC) and shown in Asia/Jakarta; the service-level deadlines are
  computed once, at filing, by ``partisipasi.sla`` (the rule is written there).
"""

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PANJANG, TEKS_SEDANG, batas_teks


class HitunganHari(models.TextChoices):
    KALENDER = "kalender", _("Hari kalender")
    KERJA = "kerja", _("Hari kerja")


class KategoriPengaduan(models.Model):
    """A configurable complaint category with its service levels (domain.md, "Citizens": LAPOR! SP4N answers
    within 3 days and completes information/complaints within 5, disputes without a field check within 14, with
    one within 60; the lurah follows up within 24 hours, SE Sekda DKI 61/SE/2018)."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama kategori"), max_length=120)
    aktif = models.BooleanField(_("aktif"), default=True)
    batas_respons_hari = models.PositiveSmallIntegerField(_("batas respons pertama (hari)"), default=3)
    batas_selesai_hari = models.PositiveSmallIntegerField(_("batas penyelesaian (hari)"), default=5)
    hitungan = models.CharField(
        _("hitungan hari"), max_length=10, choices=HitunganHari.choices, default=HitunganHari.KERJA
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["urutan", "nama"]
        constraints = [
            models.CheckConstraint(condition=choices_q("hitungan", HitunganHari), name="kategoripengaduan_hitungan"),
            models.CheckConstraint(
                condition=Q(batas_respons_hari__gte=1, batas_selesai_hari__gte=1),
                name="kategoripengaduan_batas_positif",
                violation_error_message=_("Batas waktu paling sedikit 1 hari."),
            ),
            models.CheckConstraint(
                condition=Q(batas_respons_hari__lte=models.F("batas_selesai_hari")),
                name="kategoripengaduan_respons_sebelum_selesai",
                violation_error_message=_("Batas respons pertama tidak boleh melebihi batas penyelesaian."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class HariLibur(models.Model):
    """A public holiday in Jakarta (national holidays and cuti bersama): not a working day for the SLA clock."""

    tanggal = models.DateField(_("tanggal"), unique=True)
    nama = models.CharField(_("nama hari libur"), max_length=120)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"


class PeranPetugas(models.TextChoices):
    PETUGAS = "petugas", _("Petugas pengaduan")
    MODERATOR = "moderator", _("Moderator")
    # An external complaint system's account (a CRM): files complaints of the unit's kelurahan through
    # ``POST /api/v1/partisipasi/integrasi/pengaduan/``; it sees no queue and no complainant (docs/partisipasi.md).
    INTEGRASI = "integrasi", _("Integrasi sistem pengaduan (CRM)")


class PetugasPengaduan(models.Model):
    """A complaint role on a unit (and the units below it), granted by that unit's admin."""

    Peran = PeranPetugas

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="peran_pengaduan"
    )
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="+")
    peran = models.CharField(_("peran"), max_length=10, choices=Peran.choices)
    diberikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberikan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    diberikan_pada = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("petugas pengaduan")
        verbose_name_plural = _("petugas pengaduan")
        constraints = [
            models.CheckConstraint(condition=choices_q("peran", PeranPetugas), name="petugaspengaduan_peran"),
            models.UniqueConstraint(
                fields=["user", "unit", "peran"],
                name="petugaspengaduan_unik",
                violation_error_message=_("Peran ini sudah diberikan kepada akun tersebut di unit ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_display()} — {self.unit}"


class StatusPengaduan(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    KOORDINASI = "koordinasi", _("Koordinasi")
    DISPOSISI = "disposisi", _("Disposisi")
    PROSES = "proses", _("Proses")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")


#: The statuses of a complaint still being handled (the queue's default, the overdue rule's scope).
STATUS_TERBUKA_NILAI = (
    StatusPengaduan.MENUNGGU.value,
    StatusPengaduan.KOORDINASI.value,
    StatusPengaduan.DISPOSISI.value,
    StatusPengaduan.PROSES.value,
)


class KanalPengaduan(models.TextChoices):
    WEB = "web", _("Situs web")
    API = "api", _("API")
    # Other channels, imported (CSV/JSON) or sent by an external complaint system (domain.md: Jakarta's CRM
    # gathers reports from 13 channels).
    CRM = "crm", _("CRM Pemprov DKI")
    JAKI = "jaki", _("Aplikasi JAKI")
    LAPOR = "lapor", _("LAPOR! SP4N")
    MEDSOS = "medsos", _("Media sosial")
    KANTOR = "kantor", _("Kantor kelurahan/kecamatan")
    TELEPON = "telepon", _("Telepon/SMS/WhatsApp")
    EMAIL = "email", _("Surel")
    SURAT = "surat", _("Surat")
    LAIN = "lain", _("Kanal lain")


class Pengaduan(models.Model):
    Status = StatusPengaduan
    Kanal = KanalPengaduan

    kode_lacak = models.CharField(_("kode lacak"), max_length=12, unique=True)
    kategori = models.ForeignKey(
        KategoriPengaduan, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="pengaduan"
    )
    kelurahan = models.ForeignKey(
        UnitKerja, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="pengaduan_lokasi"
    )
    rw = models.CharField(_("RW"), max_length=3)
    deskripsi = models.TextField(_("uraian pengaduan"), **batas_teks(TEKS_PANJANG))
    nama_pelapor = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    kontak_pelapor = models.CharField(_("kontak pelapor"), max_length=120, blank=True)
    publik = models.BooleanField(_("tampil di daftar publik"), default=True)
    kanal = models.CharField(_("kanal"), max_length=10, choices=KanalPengaduan.choices, default=KanalPengaduan.WEB)
    # The complaint's id in the channel it came from (imports, the CRM API): with ``kanal`` the key that makes a
    # second import of the same complaint change nothing.
    id_eksternal = models.CharField(_("ID di kanal asal"), max_length=100, blank=True)
    unit_penanganan = models.ForeignKey(
        UnitKerja, verbose_name=_("unit penanganan"), on_delete=models.PROTECT, related_name="pengaduan_ditangani"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StatusPengaduan.choices, default=StatusPengaduan.MENUNGGU
    )
    dibuat = models.DateTimeField(_("dilaporkan pada"))
    batas_respons = models.DateTimeField(_("batas respons pertama"))
    batas_selesai = models.DateTimeField(_("batas penyelesaian"))
    respons_pertama_pada = models.DateTimeField(_("respons pertama pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    jumlah_dukungan = models.PositiveIntegerField(_("jumlah dukungan"), default=0)
    jumlah_dibuka_kembali = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    rating = models.PositiveSmallIntegerField(_("penilaian warga"), null=True, blank=True)
    komentar_rating = models.TextField(_("komentar penilaian"), blank=True, **batas_teks(TEKS_SEDANG))
    dinilai_pada = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    digabung_ke = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplikat",
    )
    disembunyikan = models.BooleanField(_("disembunyikan (spam)"), default=False)
    disembunyikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disembunyikan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    disembunyikan_pada = models.DateTimeField(_("disembunyikan pada"), null=True, blank=True)
    alasan_disembunyikan = models.CharField(_("alasan disembunyikan"), max_length=300, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1)
    # When the complainant's personal data was erased after the retention period (partisipasi.services.privasi).
    dianonimkan_pada = models.DateTimeField(_("data pelapor dianonimkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusPengaduan), name="pengaduan_status"),
            models.CheckConstraint(condition=choices_q("kanal", KanalPengaduan), name="pengaduan_kanal"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="pengaduan_rating_1_5",
                violation_error_message=_("Penilaian harus antara 1 dan 5."),
            ),
            models.CheckConstraint(
                condition=~Q(deskripsi=""),
                name="pengaduan_deskripsi_tidak_kosong",
                violation_error_message=_("Uraian pengaduan wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(selesai_pada__isnull=True) | Q(status="selesai"),
                name="pengaduan_selesai_pada_hanya_jika_selesai",
            ),
            models.CheckConstraint(
                condition=~Q(digabung_ke=models.F("pk")), name="pengaduan_tidak_digabung_ke_diri_sendiri"
            ),
            models.UniqueConstraint(
                fields=["kanal", "id_eksternal"],
                condition=~Q(id_eksternal=""),
                name="pengaduan_kanal_id_eksternal_unik",
                violation_error_message=_("Pengaduan dengan ID ini dari kanal yang sama sudah ada."),
            ),
        ]
        indexes = [
            # The officer's queue: WHERE unit_penanganan_id IN (…) AND status IN (open) ORDER BY dibuat.
            models.Index(fields=["unit_penanganan", "status", "dibuat"], name="pengaduan_antrian_idx"),
            # The public list per kelurahan: WHERE kelurahan_id = ? AND publik AND NOT disembunyikan ORDER BY dibuat.
            models.Index(
                fields=["kelurahan", "-dibuat"],
                name="pengaduan_publik_idx",
                condition=Q(publik=True, disembunyikan=False, digabung_ke__isnull=True),
            ),
            # Resolution-time figures per unit and month: WHERE status = 'selesai' AND selesai_pada in a month.
            models.Index(
                fields=["unit_penanganan", "selesai_pada"],
                name="pengaduan_selesai_idx",
                condition=Q(status="selesai"),
            ),
            # The same figures for every unit at once (the public ranking, ``selectors.penyelesaian_per_unit``):
            # the completed, unmerged complaints of the span, read from the index alone (the duration, the
            # deadline check and the grouping use only the included columns). Issue 9.
            models.Index(
                fields=["selesai_pada"],
                include=["unit_penanganan", "dibuat", "batas_selesai"],
                name="pengaduan_selesai_rentang_idx",
                condition=Q(status="selesai", digabung_ke__isnull=True),
            ),
            # A queue's open complaints (``access.pengaduan_visible``: handling unit OR kelurahan in the user's
            # subtrees, a BitmapOr of these two): only the open, unmerged ones are indexed, so a lurah's queue,
            # dashboard and to-do count read his open complaints, not his kelurahan's whole history. Issue 9.
            models.Index(
                fields=["unit_penanganan", "dibuat"],
                name="pengaduan_terbuka_unit_idx",
                condition=Q(status__in=STATUS_TERBUKA_NILAI, digabung_ke__isnull=True),
            ),
            models.Index(
                fields=["kelurahan", "dibuat"],
                name="pengaduan_terbuka_kel_idx",
                condition=Q(status__in=STATUS_TERBUKA_NILAI, digabung_ke__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode_lacak} — {self.kategori}"

    def get_absolute_url(self) -> str:
        return reverse("partisipasi:pengaduan-detail", args=[self.pk])

    @property
    def terbuka(self) -> bool:
        """Still being handled (not finished, not rejected, not merged into another)."""
        return self.status not in (self.Status.SELESAI, self.Status.DITOLAK) and self.digabung_ke_id is None

    @property
    def tampil_publik(self) -> bool:
        return self.publik and not self.disembunyikan and self.digabung_ke_id is None

    def transisi_berikut(self) -> tuple[str, ...]:
        """The statuses an officer may move this complaint to now (Jakarta's CRM order; ``TRANSISI``)."""
        if self.digabung_ke_id is not None:
            return ()
        return TRANSISI.get(self.status, ())

    def jendela_warga_terbuka(self, sekarang: dt.datetime) -> bool:
        """After Selesai the citizen may rate or reopen within ``PARTISIPASI_JENDELA_ULASAN_HARI`` days."""
        if self.status != self.Status.SELESAI or self.selesai_pada is None:
            return False
        return sekarang <= self.selesai_pada + dt.timedelta(days=jendela_ulasan_hari())

    def ulasan_terbuka(self, sekarang: dt.datetime) -> bool:
        return self.jendela_warga_terbuka(sekarang) and self.rating is None

    def terlambat(self, sekarang: dt.datetime) -> bool:
        return self.terbuka and (
            self.batas_selesai < sekarang or (self.respons_pertama_pada is None and self.batas_respons < sekarang)
        )


def normalisasi_kode(kode: str) -> str:
    """A tracking code as typed by a person ('abcd-efgh 23') in the stored form ('ABCDEFGH23')."""
    return re.sub(r"[\s-]", "", kode or "").upper()


def jendela_ulasan_hari() -> int:
    return int(getattr(settings, "PARTISIPASI_JENDELA_ULASAN_HARI", 7))


_S = StatusPengaduan
# Jakarta's CRM: Menunggu → Koordinasi / Disposisi → Proses → Selesai, or Ditolak; Selesai goes back to Proses only
# when the citizen reopens it (``pengaduan_open``), never by an officer.
TRANSISI: dict[str, tuple[str, ...]] = {
    _S.MENUNGGU: (_S.KOORDINASI, _S.DISPOSISI, _S.PROSES, _S.DITOLAK),
    _S.KOORDINASI: (_S.DISPOSISI, _S.PROSES, _S.DITOLAK),
    _S.DISPOSISI: (_S.KOORDINASI, _S.DISPOSISI, _S.PROSES, _S.DITOLAK),
    _S.PROSES: (_S.KOORDINASI, _S.DISPOSISI, _S.SELESAI),
    _S.SELESAI: (),
    _S.DITOLAK: (),
}


class FotoPengaduan(models.Model):
    """A photo of a complaint, as re-encoded by ``partisipasi.foto`` (metadata stripped unless kept on purpose)."""

    pengaduan = models.ForeignKey(Pengaduan, verbose_name=_("pengaduan"), on_delete=models.CASCADE, related_name="foto")
    berkas = models.FileField(_("berkas"), upload_to="pengaduan/%Y/%m/")
    tipe = models.CharField(_("tipe"), max_length=20)
    lebar = models.PositiveIntegerField(_("lebar"))
    tinggi = models.PositiveIntegerField(_("tinggi"))
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    lokasi_disimpan = models.BooleanField(_("lokasi foto disimpan"), default=False)

    class Meta:
        verbose_name = _("foto pengaduan")
        verbose_name_plural = _("foto pengaduan")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.berkas.name


class RiwayatStatus(models.Model):
    """One step of the status trail (shown to the citizen): from, to, why, to which unit, when, by whom."""

    pengaduan = models.ForeignKey(
        Pengaduan, verbose_name=_("pengaduan"), on_delete=models.CASCADE, related_name="riwayat"
    )
    dari_status = models.CharField(_("dari status"), max_length=12, choices=Pengaduan.Status.choices, blank=True)
    ke_status = models.CharField(_("ke status"), max_length=12, choices=Pengaduan.Status.choices)
    alasan = models.TextField(_("alasan/keterangan"), blank=True, **batas_teks(TEKS_SEDANG))
    unit_tujuan = models.ForeignKey(
        UnitKerja, verbose_name=_("unit tujuan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pada = models.DateTimeField(_("pada"))

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["pada", "pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("ke_status", StatusPengaduan), name="riwayatstatus_ke"),
        ]

    def __str__(self) -> str:
        return f"{self.dari_status} → {self.ke_status}"


class Tanggapan(models.Model):
    """An official response to the citizen (public, on the tracking page)."""

    pengaduan = models.ForeignKey(
        Pengaduan, verbose_name=_("pengaduan"), on_delete=models.CASCADE, related_name="tanggapan"
    )
    teks = models.TextField(_("tanggapan"), **batas_teks(TEKS_SEDANG))
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pada = models.DateTimeField(_("pada"))

    class Meta:
        verbose_name = _("tanggapan")
        verbose_name_plural = _("tanggapan")
        ordering = ["pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(teks=""),
                name="tanggapan_teks_tidak_kosong",
                violation_error_message=_("Tanggapan tidak boleh kosong."),
            ),
        ]

    def __str__(self) -> str:
        return self.teks[:60]


class Dukungan(models.Model):
    """A citizen's support of a public complaint. ``klien`` is a keyed hash of the client (never the address
    itself), so that one client supports a complaint once."""

    pengaduan = models.ForeignKey(
        Pengaduan, verbose_name=_("pengaduan"), on_delete=models.CASCADE, related_name="dukungan"
    )
    klien = models.CharField(_("penanda klien"), max_length=64)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("dukungan")
        verbose_name_plural = _("dukungan")
        constraints = [
            models.UniqueConstraint(
                fields=["pengaduan", "klien"],
                name="dukungan_sekali_per_klien",
                violation_error_message=_("Anda sudah mendukung pengaduan ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pengaduan_id}: {self.klien[:8]}"


class RingkasanTerlambat(models.Model):
    """The day the daily overdue digest (``partisipasi.services.ringkasan``) last went to a handling unit: claimed
    with a conditional UPDATE before the mail is sent, so that a unit gets it once a day."""

    unit = models.OneToOneField(
        UnitKerja, verbose_name=_("unit"), on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    terakhir = models.DateField(_("terakhir dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("ringkasan pengaduan terlambat")
        verbose_name_plural = _("ringkasan pengaduan terlambat")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.terakhir}"
