"""Who may see and do what with complaints, on top of ``kepegawaian.access``.

| action                                                  | who                                                  |
|---------------------------------------------------------|------------------------------------------------------|
| file, support a public complaint, follow it by code,    | anyone, without an account (an anonymous actor)      |
| rate or reopen it with its code                         |                                                      |
| see the queue and a complaint (without the contact)     | petugas/moderator of the kelurahan or handling unit, |
|                                                         | the unit's head, an admin of the unit, admin BKD     |
| see the complainant's name and contact                  | petugas/moderator and head of the *handling* unit    |
| triage, forward, respond, resolve, reject, merge        | petugas of the handling unit                         |
| hide spam (kept, with who hid it)                       | moderator of the kelurahan or handling unit, BKD     |
| grant/revoke the complaint roles on a unit              | admin of the unit, admin BKD                         |
|   … the *integrasi* role (an external system's account) | admin BKD only                                       |
| import complaints from a file (CSV/JSON)                | admin of the complaint's kelurahan, admin BKD        |
| send complaints through the integration API             | an account with *integrasi* on the kelurahan's unit  |

A role granted on a unit covers the units below it (a kecamatan's petugas sees its kelurahan). The unit's head is
the pegawai of the unit whose atasan works outside it (the lurah of a kelurahan), derived, never granted.
A complaint the user may not see is a 404; one he sees but may not act on is a 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Expression, F, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, first_or_404, unit_can_manage
from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from partisipasi.models import Pengaduan, PetugasPengaduan

_CACHE_ATTR = "_partisipasi_peran"


@dataclass(frozen=True)
class PeranPengaduan:
    """The complaint roles of one user, computed once per request."""

    petugas_paths: tuple[str, ...] = ()
    moderator_paths: tuple[str, ...] = ()
    kepala_paths: tuple[str, ...] = ()
    integrasi_paths: tuple[str, ...] = ()

    @property
    def penangan_paths(self) -> tuple[str, ...]:
        """Units whose complaints (and complainants' contact) this user may see as one of the handling unit."""
        return self.petugas_paths + self.moderator_paths + self.kepala_paths

    @property
    def ada(self) -> bool:
        return bool(self.penangan_paths)


JABATAN_KEPALA = (Jabatan.Jenis.JPT, Jabatan.Jenis.ADMINISTRATOR, Jabatan.Jenis.PENGAWAS)


def kepala_q() -> Q:
    """The head of his unit (on ``Pegawai``): a structural position whose recorded atasan works in another unit."""
    return Q(atasan__isnull=False, jabatan__jenis__in=JABATAN_KEPALA) & ~Q(atasan__unit_id=F("unit_id"))


def peran_pengaduan(user) -> PeranPengaduan:
    if user is None or not user.is_authenticated:
        return PeranPengaduan()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    grants = list(PetugasPengaduan.objects.filter(user=user).values_list("peran", "unit__path"))
    akses = akses_for(user)
    kepala: tuple[str, ...] = ()
    if akses.pegawai_id is not None:
        # The head of his unit: a structural position (JPT, administrator, pengawas) whose recorded atasan works in
        # another unit. A pegawai whose atasan is missing (a data gap) or who holds a non-structural position never
        # counts as head, so a gap in the data never opens complainants' contact to him.
        kepala = tuple(Pegawai.objects.filter(kepala_q(), pk=akses.pegawai_id).values_list("unit__path", flat=True))
    peran = PeranPengaduan(
        petugas_paths=tuple(p for r, p in grants if r == PetugasPengaduan.Peran.PETUGAS),
        moderator_paths=tuple(p for r, p in grants if r == PetugasPengaduan.Peran.MODERATOR),
        kepala_paths=kepala,
        integrasi_paths=tuple(p for r, p in grants if r == PetugasPengaduan.Peran.INTEGRASI),
    )
    setattr(user, _CACHE_ATTR, peran)
    return peran


def forget_peran(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _in_paths(path: str, paths: tuple[str, ...]) -> bool:
    return any(path.startswith(p) for p in paths)


def _paths_q(paths: tuple[str, ...], prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}__path__startswith": path})
    return q


class UnitDalam(Expression):
    """``<kolom> = ANY(ARRAY(SELECT id FROM unit WHERE path LIKE 'p%' OR …))``: the foreign key ``kolom`` points to a
    unit of the subtrees ``paths``, as a condition that an index on ``kolom`` serves.

    The plain join (``kolom__path__startswith``) and an ``IN (subquery)`` under an OR are both filters applied to
    every row of the table (PostgreSQL cannot probe an index with either); the array is computed once (an InitPlan
    over the ~1,200 units) and ``= ANY`` of it is an index condition, so "my kelurahan's complaints" reads that
    kelurahan's rows at any size (OR of two such conditions: a BitmapOr). SQLite (tests): ``IN (subquery)``."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, kolom: str, paths: tuple[str, ...]):
        super().__init__()
        self.kolom = F(kolom)
        self.units = Subquery(UnitKerja.objects.filter(_unit_paths_q(paths)).order_by().values("pk"))

    def get_source_expressions(self):
        return [self.kolom, self.units]

    def set_source_expressions(self, exprs):
        self.kolom, self.units = exprs

    def as_sql(self, compiler, connection):
        kolom_sql, kolom_params = compiler.compile(self.kolom)
        units_sql, units_params = compiler.compile(self.units)
        return f"{kolom_sql} = ANY(ARRAY{units_sql})", (*kolom_params, *units_params)

    def as_sqlite(self, compiler, connection):
        kolom_sql, kolom_params = compiler.compile(self.kolom)
        units_sql, units_params = compiler.compile(self.units)
        return f"{kolom_sql} IN {units_sql}", (*kolom_params, *units_params)


def _unit_paths_q(paths: tuple[str, ...]) -> Q:
    """Units in the subtrees of ``paths`` (each path once)."""
    q = Q(pk__in=[])
    for path in dict.fromkeys(paths):
        q |= Q(path__startswith=path)
    return q


def _units_q(paths: tuple[str, ...], *kolom: str) -> Q:
    """Rows whose foreign key ``kolom`` (any of them) points into the subtrees ``paths``; nothing when none."""
    if not paths:
        return Q(pk__in=[])
    q = Q(UnitDalam(kolom[0], paths))
    for k in kolom[1:]:
        q |= Q(UnitDalam(k, paths))
    return q


# --- seeing (404) -----------------------------------------------------------------------------------------------


def pengaduan_visible(user) -> QuerySet[Pengaduan]:
    akses = akses_for(user)
    if akses.user_id is None:
        return Pengaduan.objects.none()
    if akses.is_bkd:
        return Pengaduan.objects.all()
    peran = peran_pengaduan(user)
    paths = peran.penangan_paths + akses.admin_unit_paths
    if not paths:
        return Pengaduan.objects.none()
    return Pengaduan.objects.filter(_units_q(paths, "unit_penanganan_id", "kelurahan_id"))


def pengaduan_get_for_user(user, pk) -> Pengaduan:
    return first_or_404(
        pengaduan_visible(user).select_related("kategori", "kelurahan", "unit_penanganan").filter(pk=pk),
        _("Pengaduan tidak ditemukan."),
    )


def is_petugas(user) -> bool:
    """The user holds a complaint role somewhere, or heads a unit (for the menu and the queue page)."""
    akses = akses_for(user)
    return akses.is_admin or peran_pengaduan(user).ada


# --- acting (403) and the predicates the buttons share ----------------------------------------------------------


def can_see_kontak(user, pengaduan: Pengaduan) -> bool:
    """The complainant's name and contact: the handling unit's people only (not the admins, not the public)."""
    return _in_paths(pengaduan.unit_penanganan.path, peran_pengaduan(user).penangan_paths)


def can_handle(user, pengaduan: Pengaduan) -> bool:
    return _in_paths(pengaduan.unit_penanganan.path, peran_pengaduan(user).petugas_paths)


def require_handle(user, pengaduan: Pengaduan) -> None:
    if not can_handle(user, pengaduan):
        raise PermissionDenied(_("Hanya petugas pengaduan unit penanganan yang dapat menangani pengaduan ini."))


def can_moderate(user, pengaduan: Pengaduan) -> bool:
    if akses_for(user).is_bkd:
        return True
    paths = peran_pengaduan(user).moderator_paths
    return _in_paths(pengaduan.unit_penanganan.path, paths) or _in_paths(pengaduan.kelurahan.path, paths)


def require_moderate(user, pengaduan: Pengaduan) -> None:
    if not can_moderate(user, pengaduan):
        raise PermissionDenied(_("Hanya moderator yang dapat menyembunyikan pengaduan."))


def can_grant_petugas(user, unit: UnitKerja) -> bool:
    return unit_can_manage(user, unit)


def require_grant_petugas(user, unit: UnitKerja) -> None:
    if not can_grant_petugas(user, unit):
        raise PermissionDenied(_("Hanya admin unit ini yang dapat memberi peran pengaduan."))


def actions_for(user, pengaduan: Pengaduan) -> dict[str, bool]:
    handle = can_handle(user, pengaduan)
    return {
        "tangani": handle and bool(pengaduan.transisi_berikut()),
        "tanggapi": handle and pengaduan.terbuka,
        "gabung": handle and pengaduan.terbuka,
        "sembunyikan": can_moderate(user, pengaduan),
        "kontak": can_see_kontak(user, pengaduan),
    }


def petugas_visible(user) -> QuerySet[PetugasPengaduan]:
    """The complaint roles granted on the units this user administers (all for BKD)."""
    akses = akses_for(user)
    if akses.is_bkd:
        return PetugasPengaduan.objects.all()
    return PetugasPengaduan.objects.filter(_paths_q(akses.admin_unit_paths, "unit"))


# --- forums and aspirations ---------------------------------------------------------------------------------------


def can_manage_forum(user, kelurahan: UnitKerja) -> bool:
    """Schedule a forum of a kelurahan, record its minutes and aspirations: its petugas and its head."""
    peran = peran_pengaduan(user)
    return _in_paths(kelurahan.path, peran.petugas_paths + peran.kepala_paths)


def require_manage_forum(user, kelurahan: UnitKerja) -> None:
    if not can_manage_forum(user, kelurahan):
        raise PermissionDenied(_("Hanya petugas atau pimpinan kelurahan ini yang dapat mengelola forumnya."))


def can_follow_up(user, aspirasi) -> bool:
    """Follow up an aspiration: the petugas/head of the responsible unit or of the forum's kelurahan."""
    peran = peran_pengaduan(user)
    paths = peran.petugas_paths + peran.kepala_paths
    return _in_paths(aspirasi.unit_penanggung_jawab.path, paths) or _in_paths(aspirasi.forum.kelurahan.path, paths)


def require_follow_up(user, aspirasi) -> None:
    if not can_follow_up(user, aspirasi):
        raise PermissionDenied(_("Hanya unit penanggung jawab atau kelurahan forum yang dapat menindaklanjuti."))


def _penangan_q(user, *fields: str) -> Q | None:
    """None: everything (BKD); otherwise the rows whose ``fields`` lie in the user's petugas/head units."""
    if akses_for(user).is_bkd:
        return None
    peran = peran_pengaduan(user)
    return _units_q(peran.petugas_paths + peran.kepala_paths, *(f"{f}_id" for f in fields))


def forum_kelola_visible(user):
    """The forums this user manages (officer pages)."""
    from partisipasi.models import Forum

    if akses_for(user).user_id is None:
        return Forum.objects.none()
    q = _penangan_q(user, "kelurahan")
    return Forum.objects.all() if q is None else Forum.objects.filter(q)


def forum_kelola_get_for_user(user, pk):
    return first_or_404(forum_kelola_visible(user).filter(pk=pk), _("Forum tidak ditemukan."))


def aspirasi_kelola_visible(user):
    from partisipasi.models import Aspirasi

    if akses_for(user).user_id is None:
        return Aspirasi.objects.none()
    q = _penangan_q(user, "unit_penanggung_jawab", "forum__kelurahan")
    return Aspirasi.objects.all() if q is None else Aspirasi.objects.filter(q)


def aspirasi_kelola_get_for_user(user, pk):
    return first_or_404(
        aspirasi_kelola_visible(user).select_related("forum__kelurahan", "unit_penanggung_jawab").filter(pk=pk),
        _("Aspirasi tidak ditemukan."),
    )


# --- complaints from other channels (file import, the integration API) ----------------------------------------


def can_import_pengaduan(user, kelurahan: UnitKerja) -> bool:
    """A file of complaints from other channels: the admin of the kelurahan (his unit or above it) or BKD."""
    return unit_can_manage(user, kelurahan)


def is_integrasi(user) -> bool:
    """The account of an external complaint system (a CRM): it holds the *integrasi* role somewhere."""
    return bool(peran_pengaduan(user).integrasi_paths)


def can_integrate(user, kelurahan: UnitKerja) -> bool:
    """The integration account files complaints of the kelurahan under the unit its role was granted on."""
    return _in_paths(kelurahan.path, peran_pengaduan(user).integrasi_paths)


def require_integrasi(user) -> None:
    if not is_integrasi(user):
        raise PermissionDenied(_("Hanya akun integrasi sistem pengaduan yang dapat mengirim pengaduan lewat API ini."))


def can_grant_integrasi(user) -> bool:
    """The integration role lets an account file complaints with their own dates, which feed the computed
    indicators: granted by admin BKD only."""
    return akses_for(user).is_bkd
