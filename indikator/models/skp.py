"""The SKP, its RHK and IKI, and the BerAKHLAK ekspektasi."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from indikator.models._dasar import Arah, Aspek, BentukTarget, Perspektif, satuan_persen
from indikator.models.indikator_unit import IndikatorUnit
from indikator.models.periode import PeriodePenilaian
from kepegawaian.models import Pegawai
from kinerja.db import choices_q
from kinerja.teks import TEKS_PENDEK, TEKS_SEDANG, batas_teks


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

    alasan_pengembalian = models.TextField(_("alasan pengembalian"), blank=True, **batas_teks(TEKS_SEDANG))
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
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True, **batas_teks(TEKS_SEDANG))
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True, **batas_teks(TEKS_SEDANG))
    konsekuensi = models.TextField(_("konsekuensi"), blank=True, **batas_teks(TEKS_SEDANG))

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
    uraian = models.TextField(_("rencana hasil kerja"), **batas_teks(TEKS_PENDEK))
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
    rhk_atasan_uraian = models.TextField(_("uraian RHK atasan"), blank=True, **batas_teks(TEKS_PENDEK))
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
    uraian = models.TextField(_("indikator"), **batas_teks(TEKS_PENDEK))
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, default=Aspek.KUANTITAS)
    satuan = models.CharField(_("satuan"), max_length=50)
    arah = models.CharField(_("arah"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target_bentuk = models.CharField(
        _("bentuk target"), max_length=8, choices=BentukTarget.choices, default=BentukTarget.ANGKA
    )
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, help_text=_("Batas bawah bila rentang."))
    target_atas = models.DecimalField(_("batas atas target"), max_digits=18, decimal_places=4, null=True, blank=True)
    #: the IKI's own bounds of a realisation; empty: not negative, and at most 100 for a percentage
    batas_bawah_realisasi = models.DecimalField(
        _("batas bawah realisasi"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Kosongkan: realisasi tidak boleh negatif. Isi angka negatif bila indikator ini boleh minus."),
    )
    batas_atas_realisasi = models.DecimalField(
        _("batas atas realisasi"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Kosongkan: tanpa batas atas (100 untuk satuan persen)."),
    )
    #: the day a later revision added the IKI, kept through further revisions (a copy carries its origin's day);
    #: empty: there from the start of the period (first revision). A month closed before that day owes nothing.
    berlaku_sejak = models.DateField(_("berlaku sejak"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=(
                    Q(batas_bawah_realisasi__isnull=True)
                    | Q(batas_atas_realisasi__isnull=True)
                    | Q(batas_bawah_realisasi__lte=F("batas_atas_realisasi"))
                ),
                name="iki_batas_realisasi_bawah_tidak_melebihi_atas",
                violation_error_message=_("Batas bawah realisasi tidak boleh lebih besar dari batas atasnya."),
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

    @property
    def batas_realisasi(self) -> tuple[Decimal | None, Decimal | None]:
        """The bounds a realisation of this IKI must keep: its own, else 0 below (no negative value) and, for a
        percentage, 100 above. ``None``: no bound on that side."""
        bawah = self.batas_bawah_realisasi if self.batas_bawah_realisasi is not None else Decimal(0)
        atas = self.batas_atas_realisasi
        if atas is None and satuan_persen(self.satuan):
            atas = Decimal(100)
        return bawah, atas

    def galat_realisasi(self, nilai: Decimal) -> "StrOrPromise | None":
        """ "This value fits the indicator", the one rule of the service (which refuses with it) and of the
        realisation page (which prints the bounds). Returns the message naming the bound, or ``None``."""
        from indikator.capaian import format_angka

        bawah, atas = self.batas_realisasi
        if bawah is not None and nilai < bawah:
            if self.batas_bawah_realisasi is None:
                return _("Realisasi tidak boleh negatif untuk indikator ini (batas bawah 0).")
            return _("Realisasi tidak boleh kurang dari %(batas)s, batas bawah indikator ini.") % {
                "batas": format_angka(bawah)
            }
        if atas is not None and nilai > atas:
            if self.batas_atas_realisasi is None:
                return _("Realisasi tidak boleh lebih dari 100 untuk satuan persen (%(satuan)s).") % {
                    "satuan": self.satuan
                }
            return _("Realisasi tidak boleh lebih dari %(batas)s, batas atas indikator ini.") % {
                "batas": format_angka(atas)
            }
        return None

    def ada_saat_terbuka(self, periode: "PeriodePenilaian", ke: int) -> bool:
        """ "The IKI existed while month/quarter ``ke`` could still be filled", the one predicate behind missing
        entries (realisation page, team page, dashboard): an IKI added by a revision in December owes nothing for
        January–October, whose deadlines had passed before it existed."""
        return self.berlaku_sejak is None or self.berlaku_sejak <= periode.batas_realisasi(ke)

    @property
    def batas_realisasi_label(self) -> str:
        """ "0–100 %", "≥ 0 dokumen": what the realisation page says a value may be."""
        from indikator.capaian import format_angka

        bawah, atas = self.batas_realisasi
        if atas is None:
            return f"≥ {format_angka(bawah)} {self.satuan}"
        return f"{format_angka(bawah)}–{format_angka(atas)} {self.satuan}"


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
    ekspektasi_khusus = models.TextField(_("ekspektasi khusus pimpinan"), blank=True, **batas_teks(TEKS_SEDANG))

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
