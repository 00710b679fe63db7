"""People and organisation: unit kerja (a tree), jabatan, pegawai, user accounts and granted admin roles.

Roles pegawai / pejabat penilai / atasan penilai are not stored: they follow from ``Pegawai.atasan``.
Only the two admin roles are granted (``PeranAdmin``).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from kepegawaian.validators import NIP_PATTERN, nip_parts, validate_nip
from kinerja.db import choices_q


class User(AbstractUser):
    """A login. Linked to at most one pegawai (``user.pegawai``).

    ``ringkasan_tugas``: he asked for the daily e-mail of his to-do list; ``ringkasan_tugas_terakhir`` is the day it
    was last sent (claimed), so that the job never sends twice in one day.

    ``wajib_ganti_sandi``: the password was set by someone else (an admin, a one-time code of a bulk creation): the
    person must choose his own before anything else (``kepegawaian.middleware.WajibGantiSandiMiddleware``)."""

    wajib_ganti_sandi = models.BooleanField(_("wajib mengganti kata sandi"), default=False)
    # The daily e-mail of the to-do list (kepegawaian.ringkasan), for people who turn it on on their profile page.
    ringkasan_tugas = models.BooleanField(_("ringkasan tugas harian lewat email"), default=False)
    ringkasan_tugas_terakhir = models.DateField(_("ringkasan tugas terakhir dikirim"), null=True, blank=True)

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
    # The materialised path of the supervisor chain: "/<root id>/.../<own id>/". Everyone under a pegawai (and he
    # himself) is ``jalur LIKE '<his jalur>%'``, one indexed range at any depth. Kept by ``jalur_atasan_segarkan``
    # (called by ``save()``, by the import's bulk writes and on delete); never written by a plain ``save()``.
    jalur = models.CharField(_("jalur atasan"), max_length=1000, default="", blank=True, editable=False)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [
            # The scope filter ``jalur LIKE 'prefix%'`` (access.pegawai_scope_q): the pattern opclass on PostgreSQL.
            models.Index(fields=["jalur"], name="pegawai_jalur_prefix_idx", opclasses=["varchar_pattern_ops"]),
            # Every pegawai list sorts by name (API /pegawai/, unit pages): a page is an index range, not a sort of
            # the whole scope (65,000 rows for the Sekda or the BKD).
            models.Index(fields=["nama", "id"], name="pegawai_nama_idx"),
        ]
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

    def save(self, *args, **kwargs):
        # ``jalur`` belongs to ``jalur_atasan_segarkan``: an instance loaded before its atasan (or his) moved holds
        # a stale one, so a plain save of an existing row writes every other column only.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.name != "jalur"
            ]
        baru = self._state.adding or kwargs.get("force_insert")
        super().save(*args, **kwargs)
        if baru or self.atasan_id != getattr(self, "_atasan_id_dimuat", _BELUM_DIMUAT):
            jalur_atasan_segarkan([self.pk])
            self.jalur = Pegawai.objects.filter(pk=self.pk).values_list("jalur", flat=True).get()
        self._atasan_id_dimuat = self.atasan_id

    def get_absolute_url(self) -> str:
        return reverse("kepegawaian:pegawai-detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "atasan_id" in field_names:
            instance._atasan_id_dimuat = instance.atasan_id
        return instance

    @property
    def nip_info(self) -> dict:
        return nip_parts(self.nip)

    @property
    def atasan_penilai(self) -> "Pegawai | None":
        """The atasan of the atasan (Atasan Pejabat Penilai), derived, never stored."""
        return self.atasan.atasan if self.atasan is not None else None


_BELUM_DIMUAT = object()

# Both statements run on PostgreSQL and SQLite (>= 3.33: UPDATE ... FROM). The depth guard (64) only matters for a
# corrupt loop, which the services and the import refuse.
_PUNCAK_SQL = """
    WITH RECURSIVE naik(awal, id, d) AS (
        SELECT p.id, p.atasan_id, 0 FROM kepegawaian_pegawai p WHERE p.id IN ({ids})
        UNION ALL
        SELECT naik.awal, p.atasan_id, naik.d + 1 FROM naik JOIN kepegawaian_pegawai p ON p.id = naik.id
        WHERE naik.d < 64
    )
    SELECT DISTINCT awal FROM naik WHERE id IN ({ids})
"""
_SEGARKAN_SQL = """
    WITH RECURSIVE turun(id, jalur, d) AS (
        SELECT p.id, COALESCE(NULLIF(a.jalur, ''), '/') || CAST(p.id AS TEXT) || '/', 0
        FROM kepegawaian_pegawai p LEFT JOIN kepegawaian_pegawai a ON a.id = p.atasan_id
        WHERE p.id IN ({ids})
        UNION ALL
        SELECT c.id, turun.jalur || CAST(c.id AS TEXT) || '/', turun.d + 1
        FROM kepegawaian_pegawai c JOIN turun ON c.atasan_id = turun.id
        WHERE turun.d < 64
    )
    UPDATE kepegawaian_pegawai SET jalur = turun.jalur FROM turun
    WHERE kepegawaian_pegawai.id = turun.id AND kepegawaian_pegawai.jalur <> turun.jalur
"""


def jalur_atasan_segarkan(pegawai_ids) -> None:
    """Recompute ``Pegawai.jalur`` of these pegawai and of everyone under them, from the atasan links as they now
    are (two statements, whatever the number of ids). Call it, in the same transaction, after any write that
    creates a pegawai or changes an ``atasan_id`` without ``save()`` (bulk writes, raw SQL)."""
    from django.db import connection

    ids = sorted({int(i) for i in pegawai_ids if i is not None})
    if not ids:
        return
    with connection.cursor() as cursor:
        for i in range(0, len(ids), 5000):
            potong = ids[i : i + 5000]
            tanda = ", ".join(["%s"] * len(potong))
            # Ids below another id of the list are recomputed with it: start from the topmost ones only, so that
            # each row's new path is computed from an atasan whose path is already right.
            cursor.execute(_PUNCAK_SQL.format(ids=tanda), potong + potong)
            bawah = {row[0] for row in cursor.fetchall()}
            puncak = [pk for pk in potong if pk not in bawah]
            if puncak:
                cursor.execute(_SEGARKAN_SQL.format(ids=", ".join(["%s"] * len(puncak))), puncak)


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


class JenisImporJob(models.TextChoices):
    """``ImporJob.Jenis``: an import of a file, or a bulk creation of logins (``kepegawaian.akun_massal``), which
    shares the job row, its progress and its page."""

    IMPOR = "impor", _("Impor data")
    AKUN = "akun", _("Pembuatan akun login")
    # The training history (pelatihan registers how it is read and applied: kepegawaian.impor.jenis_impor_daftar).
    PELATIHAN = "pelatihan", _("Impor riwayat pelatihan")


class MetodeAktivasi(models.TextChoices):
    """How a login created in bulk is handed over."""

    EMAIL = "email", _("Tautan aktivasi lewat email (kode sekali pakai bila pegawai tidak punya email)")
    KODE = "kode", _("Kode sekali pakai yang diserahkan admin")


class ImporJob(models.Model):
    """One upload of units and/or employees (CSV or XLSX), imported whole or not at all; or (``jenis="akun"``) one
    bulk creation of logins for a unit subtree or for the pegawai of an earlier import.

    Small files run in the request; large ones (``KEPEGAWAIAN_IMPOR_BATAS_SINKRON`` rows) in a Celery job that
    claims the row with a conditional UPDATE, so it is safe to run twice. See ``kepegawaian/impor.py``.
    """

    Status = StatusImporJob
    Jenis = JenisImporJob
    Metode = MetodeAktivasi

    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.IMPOR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    total_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    berkas = models.FileField(_("berkas"), upload_to="impor/%Y/%m/", blank=True)
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
    # Bulk logins (jenis="akun"): for the subtree of akun_unit, or for the pegawai in akun_sumber's file.
    akun_unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    akun_sumber = models.ForeignKey(
        "self", verbose_name=_("dari impor"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    akun_metode = models.CharField(_("cara aktivasi"), max_length=10, choices=Metode.choices, blank=True)
    # The one-time codes, in clear, until the admin downloads the list (then emptied): each is also the login's
    # temporary password, stored hashed on the login as any password.
    kode_sekali = models.JSONField(_("kode sekali pakai"), default=list, blank=True)

    class Meta:
        verbose_name = _("impor data kepegawaian")
        verbose_name_plural = _("impor data kepegawaian")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", StatusImporJob), name="imporjob_status_valid"),
            models.CheckConstraint(condition=Q(progres__lte=100), name="imporjob_progres_maks_100"),
            models.CheckConstraint(condition=choices_q("jenis", JenisImporJob), name="imporjob_jenis_valid"),
            models.CheckConstraint(
                condition=~Q(jenis="akun")
                | Q(akun_unit__isnull=False, akun_sumber__isnull=True)
                | Q(akun_unit__isnull=True, akun_sumber__isnull=False),
                name="imporjob_akun_satu_sasaran",
            ),
            models.CheckConstraint(
                condition=(~Q(jenis="akun") & Q(akun_metode="")) | Q(jenis="akun", akun_metode__in=["email", "kode"]),
                name="imporjob_akun_metode_valid",
            ),
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


# Deleting a pegawai sets his subordinates' atasan to NULL with a bulk UPDATE (on_delete=SET_NULL, no save()):
# note them before, give them (and everyone under them) their new paths after.
@receiver(pre_delete, sender=Pegawai)
def _pegawai_catat_bawahan(sender, instance: Pegawai, **kwargs) -> None:
    bawahan = list(Pegawai.objects.filter(atasan_id=instance.pk).values_list("pk", flat=True))
    instance._bawahan_langsung = bawahan  # type: ignore[attr-defined]  # carried to post_delete


@receiver(post_delete, sender=Pegawai)
def _pegawai_segarkan_bawahan(sender, instance: Pegawai, **kwargs) -> None:
    jalur_atasan_segarkan(getattr(instance, "_bawahan_langsung", []))
