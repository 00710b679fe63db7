"""SKP planning and realisation: periods, unit indicators (IKU / Perjanjian Kinerja), SKP, RHK, IKI, realisasi,
bukti dukung, umpan balik and dialog kinerja.

Invariants live here as database constraints; workflow rules (who may do what, deadlines, optimistic locking)
live in ``indikator.services``. Read ``indikator.capaian`` for how achievement is computed.

Decisions worth knowing:

- **Zero target.** A negative target is never meaningful and is refused. A zero target is refused when higher
  is better (anything would "meet" it), and allowed when lower is better ("zero findings", "zero late
  reports"): the capaian of such an indicator is undefined and shown as "—" for the penilai to judge
  (domain.md, "Achievement of an indicator").
- **Revisions.** Only one SKP per pegawai per period is *terkini* (current); revising an approved SKP copies it
  into a new draft revision and the old one stays readable with ``terkini=False``.
- **Deadlines.** A closed period is read-only for everybody. Inside an open period the SKP drafting deadline
  and the per-month/quarter realisation deadline make entries read-only, unless an admin recorded a
  ``PembukaanKembali`` for that pegawai.
"""

import calendar
import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from kepegawaian.models import Pegawai, UnitKerja
from kinerja.db import choices_q


def hari_ini() -> dt.date:
    """Today in Asia/Jakarta. The one clock of this app: tests replace it with ``monkeypatch``."""
    return timezone.localdate()


NAMA_BULAN = [
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
]
NAMA_TRIWULAN = [_("Triwulan I"), _("Triwulan II"), _("Triwulan III"), _("Triwulan IV")]


class Arah(models.TextChoices):
    """The direction of an indicator: which way is better."""

    NAIK = "naik", _("Semakin tinggi semakin baik")
    TURUN = "turun", _("Semakin rendah semakin baik")


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", _("Kuantitas")
    KUALITAS = "kualitas", _("Kualitas")
    WAKTU = "waktu", _("Waktu")
    BIAYA = "biaya", _("Biaya")


class Perspektif(models.TextChoices):
    """Perspektif of a leader's RHK, taken from the unit's Perjanjian Kinerja."""

    PENERIMA_LAYANAN = "penerima_layanan", _("Penerima Layanan")
    PROSES_BISNIS = "proses_bisnis", _("Proses Bisnis")
    PENGUATAN_INTERNAL = "penguatan_internal", _("Penguatan Internal")
    ANGGARAN = "anggaran", _("Anggaran")


class BentukTarget(models.TextChoices):
    ANGKA = "angka", _("Angka")
    RENTANG = "rentang", _("Rentang")


# --- Periods ---------------------------------------------------------------------------------------------------


def galat_target_rentang(*, target_bentuk: str, target, target_atas) -> "StrOrPromise | None":
    """ "A range target is valid", the one rule for the form, the API and the service: a range needs its upper
    bound, and the lower bound may not exceed it. Returns the message (for ``target_atas``), or ``None`` when valid.
    A target that is not a range ignores ``target_atas``."""
    if target_bentuk != BentukTarget.RENTANG:
        return None
    if target_atas is None:
        return _("Target rentang wajib diisi batas atasnya.")
    if target is not None and target > target_atas:
        return _("Batas bawah rentang target tidak boleh lebih besar dari batas atasnya.")
    return None


class PeriodePenilaian(models.Model):
    """A year of performance management with its periodicity and deadlines. Admin BKD opens and closes it."""

    class Periodisitas(models.TextChoices):
        TRIWULAN = "triwulan", _("Triwulanan")
        BULANAN = "bulanan", _("Bulanan")

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    periodisitas = models.CharField(
        _("periodisitas penilaian"), max_length=10, choices=Periodisitas.choices, default=Periodisitas.TRIWULAN
    )
    batas_penyusunan_skp = models.DateField(_("batas penyusunan SKP"))
    hari_batas_realisasi = models.PositiveSmallIntegerField(
        _("tanggal batas pengisian realisasi"),
        default=5,
        help_text=_("Tanggal pada bulan berikutnya saat realisasi sebuah bulan/triwulan ditutup."),
    )
    batas_evaluasi_tahunan = models.DateField(_("batas evaluasi tahunan"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIBUKA)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-tahun"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                name="periode_tahun_wajar",
                violation_error_message=_("Tahun periode harus antara 2000 dan 2100."),
            ),
            models.CheckConstraint(
                condition=Q(periodisitas__in=["triwulan", "bulanan"]),
                name="periode_periodisitas_valid",
                violation_error_message=_("Periodisitas harus triwulanan atau bulanan."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["dibuka", "ditutup"]),
                name="periode_status_valid",
                violation_error_message=_("Status periode tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(hari_batas_realisasi__gte=1, hari_batas_realisasi__lte=28),
                name="periode_hari_batas_realisasi_1_28",
                violation_error_message=_("Tanggal batas realisasi harus antara 1 dan 28."),
            ),
            models.CheckConstraint(
                condition=Q(batas_evaluasi_tahunan__gte=F("batas_penyusunan_skp")),
                name="periode_batas_evaluasi_setelah_penyusunan",
                violation_error_message=_("Batas evaluasi tahunan tidak boleh sebelum batas penyusunan SKP."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Periode %(tahun)s") % {"tahun": self.tahun})

    def clean(self) -> None:
        # a drafting deadline outside the year would close (or keep open) SKP drafting for a period that has not begun
        batas = self.batas_penyusunan_skp
        if batas and self.tahun and batas.year != self.tahun:
            raise ValidationError(
                {
                    "batas_penyusunan_skp": _("Batas penyusunan SKP harus jatuh pada tahun periode (%(tahun)s).")
                    % {"tahun": self.tahun}
                }
            )

    # -- the months / quarters of the year

    @property
    def jumlah_periode(self) -> int:
        return 4 if self.periodisitas == self.Periodisitas.TRIWULAN else 12

    @property
    def daftar_periode_ke(self) -> list[int]:
        """The numbers of the realisation periods: 1–4 (quarters) or 1–12 (months)."""
        return list(range(1, self.jumlah_periode + 1))

    def label_periode_ke(self, ke: int) -> str:
        self._cek_ke(ke)
        names = NAMA_TRIWULAN if self.periodisitas == self.Periodisitas.TRIWULAN else NAMA_BULAN
        return str(names[ke - 1])

    def bulan_periode_ke(self, ke: int) -> tuple[int, int]:
        """First and last month (1–12) of realisation period ``ke``."""
        self._cek_ke(ke)
        if self.periodisitas == self.Periodisitas.TRIWULAN:
            return 3 * ke - 2, 3 * ke
        return ke, ke

    def mulai_periode_ke(self, ke: int) -> dt.date:
        return dt.date(self.tahun, self.bulan_periode_ke(ke)[0], 1)

    def akhir_periode_ke(self, ke: int) -> dt.date:
        bulan = self.bulan_periode_ke(ke)[1]
        return dt.date(self.tahun, bulan, calendar.monthrange(self.tahun, bulan)[1])

    def batas_realisasi(self, ke: int) -> dt.date:
        """The day realisation for period ``ke`` closes: ``hari_batas_realisasi`` of the following month."""
        bulan = self.bulan_periode_ke(ke)[1]
        tahun, bulan = (self.tahun + 1, 1) if bulan == 12 else (self.tahun, bulan + 1)
        return dt.date(tahun, bulan, self.hari_batas_realisasi)

    def periode_ke_untuk_tanggal(self, tanggal: dt.date) -> int | None:
        """The realisation period a date falls in, or None outside the year."""
        if tanggal.year != self.tahun:
            return None
        return (tanggal.month - 1) // 3 + 1 if self.periodisitas == self.Periodisitas.TRIWULAN else tanggal.month

    # -- open or closed

    @property
    def dibuka(self) -> bool:
        return self.status == self.Status.DIBUKA

    def penyusunan_skp_terbuka(
        self, *, pegawai_id: int | None = None, revisi: int = 1, hari: dt.date | None = None
    ) -> bool:
        """ "Drafting still open", the one predicate: the period is open and either it is a later revision of an
        approved SKP (``revisi > 1``: bound only to the period being open), or it is before the drafting deadline,
        or drafting was reopened for this pegawai. Services refuse with it; pages show buttons with it."""
        hari = hari or hari_ini()
        if not self.dibuka:
            return False
        if revisi > 1 or hari <= self.batas_penyusunan_skp:
            return True
        return pegawai_id is not None and self._dibuka_kembali(pegawai_id=pegawai_id, periode_ke=None, hari=hari)

    def penyusunan_skp_tertutup(self, *, pegawai_ids: list[int], hari: dt.date | None = None) -> list[int]:
        """Of ``pegawai_ids`` (first revisions), those for whom drafting is closed: ``penyusunan_skp_terbuka`` for
        many people in one query (the bulk cascade)."""
        hari = hari or hari_ini()
        if not self.dibuka:
            return list(pegawai_ids)
        if hari <= self.batas_penyusunan_skp or not pegawai_ids:
            return []
        dibuka = set(
            self.pembukaan_kembali.filter(
                pegawai_id__in=pegawai_ids, periode_ke__isnull=True, berlaku_sampai__gte=hari
            ).values_list("pegawai_id", flat=True)
        )
        return [pid for pid in pegawai_ids if pid not in dibuka]

    def realisasi_terbuka(
        self,
        *,
        pegawai_id: int | None,
        periode_ke: int,
        hari: dt.date | None = None,
        dibuka_kembali: "Collection[int | None] | None" = None,
    ) -> bool:
        """ "Realisation still open", the one predicate: realisation of period ``periode_ke`` may still be entered by
        this pegawai: it has begun, the period is open, and its deadline has not passed (or it was reopened for
        him). ``dibuka_kembali``: the ``periode_ke`` of his reopenings in force, when the caller read them already
        (a page of many months: one query instead of one per month); ``None`` in it is a whole-period reopening."""
        hari = hari or hari_ini()
        if not self.dibuka or hari < self.mulai_periode_ke(periode_ke):
            return False
        if hari <= self.batas_realisasi(periode_ke):
            return True
        if dibuka_kembali is not None:
            return None in dibuka_kembali or periode_ke in dibuka_kembali
        return pegawai_id is not None and self._dibuka_kembali(pegawai_id=pegawai_id, periode_ke=periode_ke, hari=hari)

    def dibuka_kembali_untuk(self, *, pegawai_id: int, hari: dt.date | None = None) -> list[int | None]:
        """The ``periode_ke`` of this pegawai's reopenings in force (``None``: the whole period), for
        ``realisasi_terbuka(dibuka_kembali=...)``."""
        hari = hari or hari_ini()
        return list(
            self.pembukaan_kembali.filter(pegawai_id=pegawai_id, berlaku_sampai__gte=hari).values_list(
                "periode_ke", flat=True
            )
        )

    def _dibuka_kembali(self, *, pegawai_id: int, periode_ke: int | None, hari: dt.date) -> bool:
        q = Q(periode_ke__isnull=True)
        if periode_ke is not None:
            q |= Q(periode_ke=periode_ke)
        return self.pembukaan_kembali.filter(q, pegawai_id=pegawai_id, berlaku_sampai__gte=hari).exists()

    def _cek_ke(self, ke: int) -> None:
        if not 1 <= ke <= self.jumlah_periode:
            raise ValueError(f"periode_ke {ke} di luar 1..{self.jumlah_periode}")


class PembukaanKembali(models.Model):
    """An admin reopens one pegawai's entries past their deadline, until a date, with a recorded reason.

    ``periode_ke`` empty: everything of the period (SKP drafting and every month/quarter); otherwise only the
    realisation of that month/quarter."""

    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="pembukaan_kembali"
    )
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="pembukaan_kembali"
    )
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"), null=True, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"))
    alasan = models.TextField(_("alasan"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pembukaan kembali")
        verbose_name_plural = _("pembukaan kembali")
        ordering = ["-dibuat"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alasan=""),
                name="pembukaankembali_alasan_wajib",
                violation_error_message=_("Alasan pembukaan kembali wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__isnull=True) | Q(periode_ke__gte=1, periode_ke__lte=12),
                name="pembukaankembali_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
        ]
        indexes = [
            # PeriodePenilaian.realisasi_terbuka(): is there a reopening for this pegawai in this period?
            models.Index(fields=["pegawai", "periode", "berlaku_sampai"], name="pembukaan_pegawai_periode_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.periode} s.d. {self.berlaku_sampai}"


# --- Unit indicators --------------------------------------------------------------------------------------------


class IndikatorUnit(models.Model):
    """A unit's Indikator Kinerja Utama or Perjanjian Kinerja target for a year: the roots of the cascade."""

    class Jenis(models.TextChoices):
        IKU = "iku", _("Indikator Kinerja Utama (IKU)")
        PK = "pk", _("Perjanjian Kinerja (PK)")

    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="indikator_unit"
    )
    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="indikator_unit"
    )
    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    sasaran_strategis = models.TextField(_("sasaran strategis"))
    indikator = models.TextField(_("indikator"))
    satuan = models.CharField(_("satuan"), max_length=50)
    arah = models.CharField(_("arah"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("indikator unit")
        verbose_name_plural = _("indikator unit")
        ordering = ["unit", "jenis", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "periode", "jenis", "indikator"],
                name="indikatorunit_unik_per_unit_tahun",
                violation_error_message=_("Indikator ini sudah ada untuk unit dan tahun tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["iku", "pk"]),
                name="indikatorunit_jenis_valid",
                violation_error_message=_("Jenis indikator harus IKU atau PK."),
            ),
            models.CheckConstraint(
                condition=choices_q("arah", Arah),
                name="indikatorunit_arah_valid",
                violation_error_message=_("Arah indikator tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0) | Q(arah=Arah.TURUN, target=0),
                name="indikatorunit_target_bermakna",
                violation_error_message=_(
                    "Target harus lebih besar dari nol (nol hanya boleh bila semakin rendah semakin baik)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jenis="iku") | ~Q(perspektif=""),
                name="indikatorunit_pk_berperspektif",
                violation_error_message=_("Indikator Perjanjian Kinerja wajib diberi perspektif."),
            ),
            models.CheckConstraint(
                condition=Q(perspektif="") | choices_q("perspektif", Perspektif),
                name="indikatorunit_perspektif_valid",
                violation_error_message=_("Perspektif tidak dikenal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.indikator}"


# --- The SKP ----------------------------------------------------------------------------------------------------


class Skp(models.Model):
    """A pegawai's Sasaran Kinerja Pegawai for a period, one revision of it.

    ``versi`` is the optimistic lock: every edit passes the ``versi`` it read and bumps it; a mismatch means
    somebody (another tab) changed the SKP meanwhile."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    #: statuses in which the owner may edit
    STATUS_DAPAT_DIUBAH = (Status.DRAFT, Status.DIKEMBALIKAN)

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="skp")
    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="skp"
    )
    revisi = models.PositiveSmallIntegerField(_("revisi"), default=1)
    terkini = models.BooleanField(_("revisi terkini"), default=True)
    revisi_dari = models.OneToOneField(
        "self",
        verbose_name=_("revisi dari"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisi_berikutnya",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    versi = models.PositiveIntegerField(_("versi"), default=1)

    alasan_pengembalian = models.TextField(_("alasan pengembalian"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    dikembalikan_pada = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Snapshots taken at approval: the SKP shows the people as they were, whatever changes later.
    penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skp_dinilai",
    )
    penilai_nama = models.CharField(_("nama pejabat penilai"), max_length=200, blank=True)
    penilai_nip = models.CharField(_("NIP pejabat penilai"), max_length=18, blank=True)
    penilai_golongan = models.CharField(_("pangkat/golongan pejabat penilai"), max_length=40, blank=True)
    penilai_jabatan = models.CharField(_("jabatan pejabat penilai"), max_length=200, blank=True)
    penilai_unit = models.CharField(_("unit kerja pejabat penilai"), max_length=200, blank=True)
    pegawai_nama = models.CharField(_("nama pegawai"), max_length=200, blank=True)
    pegawai_golongan = models.CharField(_("pangkat/golongan pegawai"), max_length=40, blank=True)
    pegawai_jabatan = models.CharField(_("jabatan pegawai"), max_length=200, blank=True)
    pegawai_unit = models.CharField(_("unit kerja pegawai"), max_length=200, blank=True)

    # Lampiran
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)

    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode__tahun", "pegawai__nama", "-revisi"]
        constraints = [
            # Also the index behind "the current SKP of these pegawai in this period" (team page, dashboard).
            models.UniqueConstraint(
                fields=["pegawai", "periode"],
                condition=Q(terkini=True),
                name="skp_satu_terkini_per_pegawai_periode",
                violation_error_message=_("Pegawai ini sudah memiliki SKP untuk periode tersebut."),
            ),
            models.UniqueConstraint(
                fields=["pegawai", "periode", "revisi"],
                name="skp_revisi_unik",
                violation_error_message=_("Revisi SKP ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "diajukan", "disetujui", "dikembalikan"]),
                name="skp_status_valid",
                violation_error_message=_("Status SKP tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(revisi__gte=1),
                name="skp_revisi_mulai_satu",
                violation_error_message=_("Revisi SKP dimulai dari 1."),
            ),
            models.CheckConstraint(
                condition=~Q(status="dikembalikan") | ~Q(alasan_pengembalian=""),
                name="skp_dikembalikan_beralasan",
                violation_error_message=_("SKP yang dikembalikan harus disertai alasan."),
            ),
            models.CheckConstraint(
                condition=~Q(status="disetujui") | Q(disetujui_pada__isnull=False),
                name="skp_disetujui_bertanggal",
                violation_error_message=_("SKP yang disetujui harus memiliki tanggal persetujuan."),
            ),
        ]
        indexes = [
            # Reports and the admin overview count SKP by status within a period.
            models.Index(fields=["periode", "status"], name="skp_periode_status_idx"),
        ]

    def __str__(self) -> str:
        nama = self.pegawai_nama or getattr(self.pegawai, "nama", "")
        return f"SKP {nama} {self.periode.tahun} (revisi {self.revisi})"

    @property
    def dapat_diubah(self) -> bool:
        """The status allows editing by the owner (deadlines are checked by the services)."""
        return self.terkini and self.status in self.STATUS_DAPAT_DIUBAH

    @property
    def pernah_disetujui(self) -> bool:
        """Approved, or a revision of an approved SKP: realisation may be logged against it."""
        return self.status == self.Status.DISETUJUI or self.revisi > 1


class Rhk(models.Model):
    """Rencana Hasil Kerja: one planned result, with the atasan's RHK it serves (intervensi)."""

    class Jenis(models.TextChoices):
        UTAMA = "utama", _("Utama")
        TAMBAHAN = "tambahan", _("Tambahan")

    class StatusTautan(models.TextChoices):
        TANPA = "tanpa", _("Tanpa tautan")
        MENUNGGU = "menunggu", _("Menunggu persetujuan SKP atasan")
        SAH = "sah", _("Sah")
        PUTUS = "putus", _("Tautan terputus")

    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis"), max_length=8, choices=Jenis.choices, default=Jenis.UTAMA)
    uraian = models.TextField(_("rencana hasil kerja"))
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rhk_bawahan",
    )
    indikator_unit = models.ForeignKey(
        IndikatorUnit,
        verbose_name=_("indikator unit (Perjanjian Kinerja)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rhk",
    )
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    status_tautan = models.CharField(
        _("status tautan"), max_length=8, choices=StatusTautan.choices, default=StatusTautan.TANPA
    )
    #: the linked RHK's text as last seen, so a broken link still says what it pointed at
    rhk_atasan_uraian = models.TextField(_("uraian RHK atasan"), blank=True)
    catatan_tautan = models.CharField(_("catatan tautan"), max_length=300, blank=True)
    #: the RHK of the previous revision (or last year's SKP) this one was copied from
    asal = models.ForeignKey(
        "self", verbose_name=_("disalin dari"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["skp", "jenis", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["utama", "tambahan"]),
                name="rhk_jenis_valid",
                violation_error_message=_("Jenis RHK harus utama atau tambahan."),
            ),
            models.CheckConstraint(
                condition=Q(status_tautan__in=["tanpa", "menunggu", "sah", "putus"]),
                name="rhk_status_tautan_valid",
                violation_error_message=_("Status tautan tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(uraian=""),
                name="rhk_uraian_wajib",
                violation_error_message=_("Uraian RHK wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(perspektif="") | choices_q("perspektif", Perspektif),
                name="rhk_perspektif_valid",
                violation_error_message=_("Perspektif tidak dikenal."),
            ),
        ]
        indexes = [
            # Broken-link flags shown on the penilai's team page and the pegawai's dashboard.
            models.Index(fields=["status_tautan"], name="rhk_tautan_putus_idx", condition=Q(status_tautan="putus")),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]


class Iki(models.Model):
    """Indikator Kinerja Individu: a measurable indicator of an RHK with its target (a number or a range)."""

    rhk = models.ForeignKey(Rhk, verbose_name=_("RHK"), on_delete=models.CASCADE, related_name="iki")
    uraian = models.TextField(_("indikator"))
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, default=Aspek.KUANTITAS)
    satuan = models.CharField(_("satuan"), max_length=50)
    arah = models.CharField(_("arah"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target_bentuk = models.CharField(
        _("bentuk target"), max_length=8, choices=BentukTarget.choices, default=BentukTarget.ANGKA
    )
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, help_text=_("Batas bawah bila rentang."))
    target_atas = models.DecimalField(_("batas atas target"), max_digits=18, decimal_places=4, null=True, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    asal = models.ForeignKey(
        "self", verbose_name=_("disalin dari"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("aspek", Aspek),
                name="iki_aspek_valid",
                violation_error_message=_("Aspek harus kuantitas, kualitas, waktu atau biaya."),
            ),
            models.CheckConstraint(
                condition=choices_q("arah", Arah),
                name="iki_arah_valid",
                violation_error_message=_("Arah indikator tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=choices_q("target_bentuk", BentukTarget),
                name="iki_target_bentuk_valid",
                violation_error_message=_("Bentuk target harus angka atau rentang."),
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0) | Q(arah=Arah.TURUN, target=0),
                name="iki_target_bermakna",
                violation_error_message=_(
                    "Target harus lebih besar dari nol (nol hanya boleh bila semakin rendah semakin baik)."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(target_bentuk=BentukTarget.ANGKA, target_atas__isnull=True)
                    | Q(target_bentuk=BentukTarget.RENTANG, target_atas__isnull=False, target_atas__gte=F("target"))
                ),
                name="iki_rentang_bawah_tidak_melebihi_atas",
                violation_error_message=_(
                    "Target rentang wajib punya batas atas yang tidak lebih kecil dari batas bawah; "
                    "target angka tidak punya batas atas."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]

    @property
    def target_label(self) -> str:
        from indikator.capaian import format_angka

        if self.target_bentuk == BentukTarget.RENTANG:
            return f"{format_angka(self.target)}–{format_angka(self.target_atas)} {self.satuan}"
        return f"{format_angka(self.target)} {self.satuan}"


class EkspektasiPerilaku(models.Model):
    """Perilaku kerja: one BerAKHLAK value of an SKP with the penilai's optional ekspektasi khusus."""

    class Nilai(models.TextChoices):
        BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", _("Berorientasi Pelayanan")
        AKUNTABEL = "akuntabel", _("Akuntabel")
        KOMPETEN = "kompeten", _("Kompeten")
        HARMONIS = "harmonis", _("Harmonis")
        LOYAL = "loyal", _("Loyal")
        ADAPTIF = "adaptif", _("Adaptif")
        KOLABORATIF = "kolaboratif", _("Kolaboratif")

    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="ekspektasi_perilaku")
    nilai = models.CharField(_("nilai BerAKHLAK"), max_length=24, choices=Nilai.choices)
    ekspektasi_khusus = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("ekspektasi perilaku kerja")
        verbose_name_plural = _("ekspektasi perilaku kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "nilai"],
                name="ekspektasi_satu_per_nilai",
                violation_error_message=_("Nilai BerAKHLAK ini sudah ada pada SKP tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(
                    nilai__in=[
                        "berorientasi_pelayanan",
                        "akuntabel",
                        "kompeten",
                        "harmonis",
                        "loyal",
                        "adaptif",
                        "kolaboratif",
                    ]
                ),
                name="ekspektasi_nilai_valid",
                violation_error_message=_("Nilai BerAKHLAK tidak dikenal."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_nilai_display())

    @property
    def pedoman(self) -> "tuple[StrOrPromise, StrOrPromise, StrOrPromise]":
        return PEDOMAN_BERAKHLAK[self.nilai]


#: The three behaviour guides of each BerAKHLAK value (domain.md), shown on the SKP and the evaluation.
PEDOMAN_BERAKHLAK: "dict[str, tuple[StrOrPromise, StrOrPromise, StrOrPromise]]" = {
    EkspektasiPerilaku.Nilai.BERORIENTASI_PELAYANAN: (
        _("Memahami dan memenuhi kebutuhan masyarakat"),
        _("Ramah, cekatan, solutif, dan dapat diandalkan"),
        _("Melakukan perbaikan tiada henti"),
    ),
    EkspektasiPerilaku.Nilai.AKUNTABEL: (
        _("Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi"),
        _("Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien"),
        _("Tidak menyalahgunakan kewenangan jabatan"),
    ),
    EkspektasiPerilaku.Nilai.KOMPETEN: (
        _("Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah"),
        _("Membantu orang lain belajar"),
        _("Melaksanakan tugas dengan kualitas terbaik"),
    ),
    EkspektasiPerilaku.Nilai.HARMONIS: (
        _("Menghargai setiap orang apa pun latar belakangnya"),
        _("Suka menolong orang lain"),
        _("Membangun lingkungan kerja yang kondusif"),
    ),
    EkspektasiPerilaku.Nilai.LOYAL: (
        _("Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah"),
        _("Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara"),
        _("Menjaga rahasia jabatan dan negara"),
    ),
    EkspektasiPerilaku.Nilai.ADAPTIF: (
        _("Cepat menyesuaikan diri menghadapi perubahan"),
        _("Terus berinovasi dan mengembangkan kreativitas"),
        _("Bertindak proaktif"),
    ),
    EkspektasiPerilaku.Nilai.KOLABORATIF: (
        _("Memberi kesempatan kepada berbagai pihak untuk berkontribusi"),
        _("Terbuka dalam bekerja sama untuk menghasilkan nilai tambah"),
        _("Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"),
    ),
}


# --- Realisation -------------------------------------------------------------------------------------------------


class Realisasi(models.Model):
    """The realisation of one IKI in one month or quarter (``periode_ke`` per the period's periodicity)."""

    iki = models.ForeignKey(Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, related_name="realisasi")
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"))
    nilai = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=4)
    narasi = models.TextField(_("narasi"), blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["iki", "periode_ke"]
        constraints = [
            # Also the index behind "realisation of these IKI" (team page, dashboard, reports).
            models.UniqueConstraint(
                fields=["iki", "periode_ke"],
                name="realisasi_satu_per_iki_periode",
                violation_error_message=_("Realisasi untuk indikator dan bulan/triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__gte=1, periode_ke__lte=12),
                name="realisasi_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.iki} — {self.periode_ke}: {self.nilai}"

    @property
    def nilai_label(self) -> str:
        """The value as people write it: ``95,9`` (not ``95,9000``), ``1.250.000``."""
        from indikator.capaian import format_angka

        return format_angka(self.nilai)


def nama_berkas_bukti(sha256: str, ekstensi: str) -> str:
    """The storage name of an evidence file: its content hash (unguessable; the same content is stored once, and
    the original name is kept in a column). The one scheme, for the upload, the service and the demo data."""
    return f"bukti/{sha256[:2]}/{sha256}.{ekstensi}"


def _bukti_upload_to(instance: "BuktiDukung", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return nama_berkas_bukti(instance.sha256, ext)


class BuktiDukung(models.Model):
    """Evidence of a realisation: a file checked by content (see ``indikator.bukti``) or a link."""

    class Jenis(models.TextChoices):
        BERKAS = "berkas", _("Berkas")
        TAUTAN = "tautan", _("Tautan")

    realisasi = models.ForeignKey(
        Realisasi, verbose_name=_("realisasi"), on_delete=models.CASCADE, related_name="bukti"
    )
    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    berkas = models.FileField(_("berkas"), upload_to=_bukti_upload_to, max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    tipe = models.CharField(_("tipe berkas"), max_length=100, blank=True)
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(jenis="berkas", url="", sha256__regex=r"^[0-9a-f]{64}$", ukuran__isnull=False) & ~Q(berkas="")
                )
                | (Q(jenis="tautan", berkas="", sha256="", ukuran__isnull=True) & ~Q(url="")),
                name="bukti_berkas_atau_tautan",
                violation_error_message=_(
                    "Bukti dukung harus berupa satu berkas (dengan hash SHA-256) atau satu tautan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ukuran__isnull=True) | Q(ukuran__lte=10 * 1024 * 1024),
                name="bukti_ukuran_maks_10mb",
                violation_error_message=_("Ukuran berkas bukti dukung paling besar 10 MB."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli or self.url


# --- Feedback and dialog -----------------------------------------------------------------------------------------


class UmpanBalik(models.Model):
    """Continuous feedback on one IKI in one month/quarter; the pegawai (or the penilai) may reply."""

    iki = models.ForeignKey(Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, related_name="umpan_balik")
    periode_ke = models.PositiveSmallIntegerField(_("bulan/triwulan ke"))
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    penulis_nama = models.CharField(_("nama penulis"), max_length=200, blank=True)
    teks = models.TextField(_("umpan balik"))
    balasan_untuk = models.ForeignKey(
        "self",
        verbose_name=_("balasan untuk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="balasan",
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["iki", "periode_ke", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(teks=""),
                name="umpanbalik_teks_wajib",
                violation_error_message=_("Umpan balik tidak boleh kosong."),
            ),
            models.CheckConstraint(
                condition=Q(periode_ke__gte=1, periode_ke__lte=12),
                name="umpanbalik_periode_ke_1_12",
                violation_error_message=_("Bulan/triwulan harus antara 1 dan 12."),
            ),
        ]
        indexes = [
            # The evaluation sheet lists the feedback of an IKI month by month.
            models.Index(fields=["iki", "periode_ke"], name="umpanbalik_iki_periode_idx"),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class DialogKinerja(models.Model):
    """A recorded dialog kinerja between a penilai and a pegawai about an SKP."""

    skp = models.ForeignKey(Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="dialog_kinerja")
    penilai = models.ForeignKey(
        Pegawai, verbose_name=_("pejabat penilai"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan"))
    hasil = models.TextField(_("hasil / tindak lanjut"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["skp", "-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(catatan=""),
                name="dialogkinerja_catatan_wajib",
                violation_error_message=_("Catatan dialog kinerja wajib diisi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp} — {self.tanggal}"
