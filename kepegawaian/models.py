"""People and organisation: unit kerja (a tree), jabatan, pegawai, user accounts and granted admin roles.

Roles pegawai / pejabat penilai / atasan penilai are not stored: they follow from ``Pegawai.atasan``.
Only the two admin roles are granted (``PeranAdmin``).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from kepegawaian.validators import NIP_PATTERN, nip_parts, validate_nip
from kinerja.db import choices_q


class User(AbstractUser):
    """A login. Linked to at most one pegawai (``user.pegawai``)."""

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")


class JenisUnit(models.TextChoices):
    """``UnitKerja.Jenis`` (module level so that ``Meta`` can name it in its constraint)."""

    PEMPROV = "pemprov", _("Pemerintah Provinsi")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat Daerah (Dinas/Badan)")
    BIDANG = "bidang", _("Bidang/Bagian")
    SUKU_DINAS = "suku_dinas", _("Suku Dinas")
    UPT = "upt", _("UPT")
    SEKOLAH = "sekolah", _("Sekolah")
    KOTA = "kota", _("Kota/Kabupaten Administrasi")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    SEKSI = "seksi", _("Seksi/Subbagian")


class UnitKerja(MP_Node):
    """A unit in the Pemprov tree; ``path`` is a materialised path, so a whole subtree is one indexed
    ``path LIKE 'prefix%'`` query at any depth (see ``selectors.unit_subtree``)."""

    Jenis = JenisUnit

    # Annotated because the base class (treebeard's MP_Node) is untyped, so mypy cannot infer the field types.
    kode: "models.CharField[str, str]" = models.CharField(_("kode unit"), max_length=30, unique=True)
    nama: "models.CharField[str, str]" = models.CharField(_("nama unit"), max_length=200)
    jenis: "models.CharField[str, str]" = models.CharField(_("jenis unit"), max_length=20, choices=Jenis.choices)
    aktif: "models.BooleanField[bool, bool]" = models.BooleanField(_("aktif"), default=True)

    # No node_order_by: sorted insertion would renumber siblings' paths on every insert; paths stay stable and
    # lists sort by name or code where they need to.

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.CheckConstraint(
                condition=choices_q("jenis", JenisUnit),
                name="unitkerja_jenis_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kode=""),
                name="unitkerja_kode_tidak_kosong",
                violation_error_message=_("Kode unit wajib diisi."),
            ),
        ]
        indexes = [
            # Subtree queries filter on `path LIKE 'prefix%'`: PostgreSQL needs the pattern opclass for that.
            models.Index(fields=["path"], name="unitkerja_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("kepegawaian:unit-detail", args=[self.pk])


class JenisJabatan(models.TextChoices):
    """``Jabatan.Jenis`` (module level so that ``Meta`` can name it in its constraint)."""

    JPT = "jpt", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


class Jabatan(models.Model):
    Jenis = JenisJabatan

    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=Jenis.choices)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["nama", "jenis"], name="jabatan_nama_jenis_unik"),
            models.CheckConstraint(
                condition=choices_q("jenis", JenisJabatan),
                name="jabatan_jenis_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class StatusPegawai(models.TextChoices):
    """``Pegawai.Status`` (module level so that ``Meta`` can name it in its constraint)."""

    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Pegawai(models.Model):
    Status = StatusPegawai

    class Golongan(models.TextChoices):
        I_A = "I/a", "I/a Juru Muda"
        I_B = "I/b", "I/b Juru Muda Tingkat I"
        I_C = "I/c", "I/c Juru"
        I_D = "I/d", "I/d Juru Tingkat I"
        II_A = "II/a", "II/a Pengatur Muda"
        II_B = "II/b", "II/b Pengatur Muda Tingkat I"
        II_C = "II/c", "II/c Pengatur"
        II_D = "II/d", "II/d Pengatur Tingkat I"
        III_A = "III/a", "III/a Penata Muda"
        III_B = "III/b", "III/b Penata Muda Tingkat I"
        III_C = "III/c", "III/c Penata"
        III_D = "III/d", "III/d Penata Tingkat I"
        IV_A = "IV/a", "IV/a Pembina"
        IV_B = "IV/b", "IV/b Pembina Tingkat I"
        IV_C = "IV/c", "IV/c Pembina Utama Muda"
        IV_D = "IV/d", "IV/d Pembina Utama Madya"
        IV_E = "IV/e", "IV/e Pembina Utama"
        PPPK_V = "V", "V (PPPK)"
        PPPK_VII = "VII", "VII (PPPK)"
        PPPK_IX = "IX", "IX (PPPK)"
        PPPK_X = "X", "X (PPPK)"
        PPPK_XI = "XI", "XI (PPPK)"

    user = models.OneToOneField(
        User, verbose_name=_("akun"), on_delete=models.SET_NULL, null=True, blank=True, related_name="pegawai"
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField(_("nama"), max_length=200)
    status = models.CharField(_("status kepegawaian"), max_length=4, choices=Status.choices, default=Status.PNS)
    golongan = models.CharField(_("pangkat/golongan"), max_length=6, choices=Golongan.choices)
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="pegawai")
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="pegawai")
    atasan = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung (pejabat penilai)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bawahan",
    )
    email = models.EmailField(_("email"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=NIP_PATTERN),
                name="pegawai_nip_18_angka",
                violation_error_message=_("NIP harus terdiri dari 18 angka."),
            ),
            models.CheckConstraint(
                condition=~Q(atasan=F("pk")),
                name="pegawai_bukan_atasan_sendiri",
                violation_error_message=_("Pegawai tidak boleh menjadi atasan bagi dirinya sendiri."),
            ),
            models.CheckConstraint(condition=choices_q("status", StatusPegawai), name="pegawai_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nip})"

    def get_absolute_url(self) -> str:
        return reverse("kepegawaian:pegawai-detail", args=[self.pk])

    @property
    def nip_info(self) -> dict:
        return nip_parts(self.nip)

    @property
    def atasan_penilai(self) -> "Pegawai | None":
        """The atasan of the atasan (Atasan Pejabat Penilai), derived, never stored."""
        return self.atasan.atasan if self.atasan is not None else None


class PeranAdmin(models.Model):
    """A granted admin role. Admin unit is scoped to a unit and everything under it; admin BKD is province-wide."""

    class Peran(models.TextChoices):
        ADMIN_UNIT = "admin_unit", _("Admin unit (pengelola kinerja)")
        ADMIN_BKD = "admin_bkd", _("Admin BKD")

    user = models.ForeignKey(User, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="peran_admin")
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    diberikan_pada = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("peran admin")
        verbose_name_plural = _("peran admin")
        constraints = [
            models.CheckConstraint(
                condition=(Q(peran="admin_unit", unit__isnull=False) | Q(peran="admin_bkd", unit__isnull=True)),
                name="peranadmin_unit_sesuai_peran",
                violation_error_message=_("Admin unit harus diberi unit kerja; admin BKD tidak terikat unit."),
            ),
            models.UniqueConstraint(
                fields=["user", "peran", "unit"],
                name="peranadmin_unik",
                violation_error_message=_("Peran ini sudah diberikan kepada akun tersebut."),
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(peran="admin_bkd"), name="peranadmin_bkd_sekali_per_akun"
            ),
        ]

    def __str__(self) -> str:
        if self.unit_id:
            return f"{self.get_peran_display()} — {self.unit}"
        return str(self.get_peran_display())


class StatusImporJob(models.TextChoices):
    """``ImporJob.Status`` (module level so that ``Meta`` can name it in its constraint)."""

    MENUNGGU = "menunggu", _("Menunggu")
    # The broker did not answer when the job was to be queued: the outbox sends it again (kinerja.antrian),
    # and the admin may queue it again from the job page.
    TERTUNDA = "tertunda", _("Belum diantrekan")
    BERJALAN = "berjalan", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Ditolak/gagal")


class ImporJob(models.Model):
    """One upload of units and/or employees (CSV or XLSX), imported whole or not at all.

    Small files run in the request; large ones (``KEPEGAWAIAN_IMPOR_BATAS_SINKRON`` rows) in a Celery job that
    claims the row with a conditional UPDATE, so it is safe to run twice. See ``kepegawaian/impor.py``.
    """

    Status = StatusImporJob

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    total_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    berkas = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    berkas_tambahan = models.FileField(_("berkas tambahan"), upload_to="impor/%Y/%m/", blank=True)
    # The names as uploaded (storage may rename a file to avoid a clash); the error list refers to these.
    nama_berkas = models.JSONField(_("nama berkas asli"), default=list, blank=True)
    kesalahan = models.JSONField(_("kesalahan per baris"), default=list, blank=True)
    jumlah_kesalahan = models.PositiveIntegerField(_("jumlah kesalahan"), default=0)
    ringkasan = models.JSONField(_("ringkasan hasil"), default=dict, blank=True)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(
        User, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="impor_job"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor data kepegawaian")
        verbose_name_plural = _("impor data kepegawaian")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusImporJob), name="imporjob_status_valid"),
            models.CheckConstraint(condition=Q(progres__lte=100), name="imporjob_progres_maks_100"),
        ]
        indexes = [
            # "My recent imports" on the upload page: WHERE dibuat_oleh_id = ? ORDER BY dibuat_pada DESC.
            models.Index(fields=["dibuat_oleh", "-dibuat_pada"], name="imporjob_pembuat_idx"),
        ]

    def __str__(self) -> str:
        return f"Impor #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("kepegawaian:impor-job", args=[self.pk])

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)

    @property
    def bisa_diantrekan_lagi(self) -> bool:
        """The rule of the "queue again" button and of ``impor_job_submit``: only a job that could not be queued."""
        return self.status == self.Status.TERTUNDA
