"""The one access layer: who may see and change which people and units.

- a pegawai sees himself;
- a pejabat penilai sees his direct subordinates, an atasan penilai the whole subtree below him (domain.md);
- an admin unit sees and manages everyone in the subtree of each unit granted to him;
- an admin BKD sees and manages everyone.

HTML views, the API and exports of every app call these helpers, so a rule is written once. A row the user may
not see is reported as 404 (``Http404``), never 403, so its existence is not revealed.

Other apps scope their own rows with ``pegawai_scope_q(user, "pegawai__")``.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from kepegawaian.models import ImporJob, Pegawai, PeranAdmin, UnitKerja, User

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_kinerja_akses"


@dataclass(frozen=True)
class Akses:
    """What one user is, computed once per request (two small queries)."""

    user_id: int | None
    pegawai_id: int | None = None
    unit_id: int | None = None
    is_bkd: bool = False
    admin_unit_paths: tuple[str, ...] = field(default_factory=tuple)
    admin_unit_ids: tuple[int, ...] = field(default_factory=tuple)
    # The pegawai's materialised supervisor path (``Pegawai.jalur``): his subtree is ``jalur LIKE '<it>%'``.
    pegawai_jalur: str = ""
    # The scope is every pegawai of the province without being BKD: the user is the only root of the supervisor
    # forest (the Sekda), or an admin unit of the only root unit. ``pegawai_scope_q`` then filters nothing.
    seluruh_provinsi: bool = False

    @property
    def is_admin(self) -> bool:
        return self.is_bkd or bool(self.admin_unit_paths)


def akses_for(user) -> Akses:
    if user is None or not user.is_authenticated:
        return Akses(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    # One query each; the EXISTS answer at the first row (indexes on atasan_id and on the unit tree's depth).
    pegawai = (
        Pegawai.objects.filter(user=user, aktif=True)
        .annotate(
            akar_lain=Exists(Pegawai.objects.filter(atasan__isnull=True).exclude(pk=OuterRef("pk"))),
        )
        .values("pk", "unit_id", "jalur", "atasan_id", "akar_lain")
        .first()
    )
    grants = list(
        PeranAdmin.objects.filter(user=user)
        .annotate(
            akar_unit_lain=Exists(UnitKerja.objects.filter(depth=1).exclude(pk=OuterRef("unit_id"))),
        )
        .values_list("peran", "unit_id", "unit__path", "unit__depth", "akar_unit_lain")
    )
    satu_akar_pegawai = pegawai is not None and pegawai["atasan_id"] is None and not pegawai["akar_lain"]
    satu_akar_unit = any(
        peran == PeranAdmin.Peran.ADMIN_UNIT and depth == 1 and not lain for peran, _u, _p, depth, lain in grants
    )
    akses = Akses(
        user_id=user.pk,
        pegawai_id=pegawai["pk"] if pegawai else None,
        unit_id=pegawai["unit_id"] if pegawai else None,
        is_bkd=user.is_superuser or any(g[0] == PeranAdmin.Peran.ADMIN_BKD for g in grants),
        admin_unit_paths=tuple(g[2] for g in grants if g[0] == PeranAdmin.Peran.ADMIN_UNIT),
        admin_unit_ids=tuple(g[1] for g in grants if g[0] == PeranAdmin.Peran.ADMIN_UNIT),
        pegawai_jalur=pegawai["jalur"] if pegawai else "",
        seluruh_provinsi=satu_akar_pegawai or satu_akar_unit,
    )
    setattr(user, _CACHE_ATTR, akses)
    return akses


def pegawai_of_account(user) -> Pegawai:
    """The pegawai of the signed-in account, with his unit and jabatan: the one answer for "whose SKP, whose team".

    An account with no (active) pegawai — a pure admin, a service account — gets **403** (``PermissionDenied``) on
    every door: the page or endpoint exists and he is signed in, he just has no personal data to act on."""
    akses = akses_for(user)
    if akses.pegawai_id is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return Pegawai.objects.select_related("unit", "jabatan").get(pk=akses.pegawai_id)


def forget_akses(user) -> None:
    """Drop the per-request cache (after a grant or a link changed)."""
    for attr in (_CACHE_ATTR, _PERAN_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


_NOTHING = Q(pk__in=[])
# "Every row", as a Q that stays itself when combined: Django drops an empty Q() from ``Q() | Q(x)`` (giving just
# ``x``) and ``exclude(Q())`` excludes nothing, so a whole-province scope written as Q() silently narrowed to the
# other branch of an OR. The primary key of the filtered model is never NULL.
_ALL = Q(pk__isnull=False)

_BAWAHAN_SQL = """
    WITH RECURSIVE bawahan(id) AS (
        SELECT id FROM kepegawaian_pegawai WHERE atasan_id = %s
        UNION
        SELECT p.id FROM kepegawaian_pegawai p JOIN bawahan b ON p.atasan_id = b.id
    )
    SELECT id FROM bawahan
"""


def bawahan_semua_sql(pegawai_id: int) -> RawSQL:
    """Everyone under a pegawai in the supervisor chain, at any depth, as one recursive subquery
    (UNION, not UNION ALL, so that even a corrupt loop terminates). Uses the index on ``atasan_id``."""
    return RawSQL(_BAWAHAN_SQL, [pegawai_id])  # noqa: S611 - a constant query with a bound parameter


def _unit_subtree_q(paths: tuple[str, ...], prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def pegawai_scope_q(user, prefix: str = "") -> Q:
    """A filter for any queryset whose rows belong to a pegawai reached by ``prefix`` ("" for Pegawai itself)."""
    akses = akses_for(user)
    if akses.user_id is None:
        return _NOTHING
    if akses.is_bkd or akses.seluruh_provinsi:
        return _ALL
    q = Q(pk__in=[])
    if akses.pegawai_id and akses.pegawai_jalur:
        # Himself and everyone under him: one indexed prefix range of the materialised supervisor path.
        q |= Q(**{f"{prefix}jalur__startswith": akses.pegawai_jalur})
    elif akses.pegawai_id:
        # A path not yet computed (never after migration 0004 and Pegawai.save): the recursive subquery.
        q |= Q(**{f"{prefix}pk": akses.pegawai_id})
        q |= Q(**{f"{prefix}pk__in": bawahan_semua_sql(akses.pegawai_id)})
    if akses.admin_unit_paths:
        q |= _unit_subtree_q(akses.admin_unit_paths, f"{prefix}unit__")
    return q


def pegawai_manage_q(user, prefix: str = "") -> Q:
    """A filter for the people whose data (unit, jabatan, atasan …) this user may change: admins only."""
    akses = akses_for(user)
    if akses.is_bkd:
        return _ALL
    if akses.admin_unit_paths:
        return _unit_subtree_q(akses.admin_unit_paths, f"{prefix}unit__")
    return _NOTHING


def first_or_404(queryset: QuerySet[M], message: str) -> M:
    """The first row of ``queryset`` (already limited to what the user may see), else a 404 saying ``message``."""
    obj = queryset.first()
    if obj is None:
        raise Http404(message)
    return obj


def pegawai_visible(user) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(pegawai_scope_q(user))


def pegawai_get_for_user(user, pk) -> Pegawai:
    return first_or_404(
        pegawai_visible(user)
        .select_related("unit", "jabatan", "user", "atasan", "atasan__jabatan", "atasan__atasan")
        .filter(pk=pk),
        _("Pegawai tidak ditemukan."),
    )


def pegawai_can_manage(user, pegawai: Pegawai) -> bool:
    return Pegawai.objects.filter(pegawai_manage_q(user), pk=pegawai.pk).exists()


def is_penilai_of(user, pegawai: Pegawai) -> bool:
    """The user is this pegawai's pejabat penilai (his atasan langsung). The one predicate other apps use for
    "may this actor approve / nominate / rate this pegawai"."""
    akses = akses_for(user)
    return akses.pegawai_id is not None and pegawai.atasan_id == akses.pegawai_id


def is_atasan_penilai_of(user, pegawai: Pegawai) -> bool:
    """The user is the atasan of this pegawai's pejabat penilai (he decides objections, domain.md)."""
    akses = akses_for(user)
    return (
        akses.pegawai_id is not None
        and pegawai.atasan_id is not None
        and Pegawai.objects.filter(pk=pegawai.atasan_id, atasan_id=akses.pegawai_id).exists()
    )


def unit_scope_q(user) -> Q:
    """Units this user may see: all for BKD; an admin unit's subtrees; otherwise the units of the people he sees."""
    akses = akses_for(user)
    if akses.user_id is None:
        return _NOTHING
    if akses.is_bkd:
        return _ALL
    q = _unit_subtree_q(akses.admin_unit_paths, "")
    if akses.pegawai_id:
        q |= Q(pk__in=Pegawai.objects.filter(pegawai_scope_q(user)).values("unit_id"))
    return q


def unit_visible(user) -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(unit_scope_q(user))


def unit_get_for_user(user, pk) -> UnitKerja:
    return first_or_404(unit_visible(user).filter(pk=pk), _("Unit kerja tidak ditemukan."))


def unit_can_manage(user, unit: UnitKerja) -> bool:
    akses = akses_for(user)
    return akses.is_bkd or any(unit.path.startswith(path) for path in akses.admin_unit_paths)


_PERAN_ATTR = "_kinerja_peran_hierarki"


def _peran_hierarki(user, kunci: str, hitung) -> bool:
    """Answers that follow from the hierarchy, asked by the page, the header and the API alike: once per request."""
    cache = getattr(user, _PERAN_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _PERAN_ATTR, cache)
    if kunci not in cache:
        cache[kunci] = hitung()
    return cache[kunci]


def punya_bawahan(user) -> bool:
    """The user's pegawai has an active direct subordinate (he is a pejabat penilai)."""
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return False
    return _peran_hierarki(
        user, "langsung", lambda: Pegawai.objects.filter(atasan_id=akses.pegawai_id, aktif=True).exists()
    )


def punya_bawahan_tidak_langsung(user) -> bool:
    """The user's pegawai is the atasan of someone's pejabat penilai (an atasan pejabat penilai)."""
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return False
    return _peran_hierarki(
        user, "tidak_langsung", lambda: Pegawai.objects.filter(atasan__atasan_id=akses.pegawai_id, aktif=True).exists()
    )


def peran_labels(user) -> list[str]:
    """Human labels of every role this user holds, for the header and the home page."""
    akses = akses_for(user)
    labels = []
    if akses.is_bkd:
        labels.append(_("Admin BKD"))
    if akses.admin_unit_paths:
        labels.append(_("Admin unit"))
    if akses.pegawai_id:
        labels.append(_("Pegawai"))
        if punya_bawahan(user):
            labels.append(_("Pejabat penilai"))
        if punya_bawahan_tidak_langsung(user):
            labels.append(_("Atasan pejabat penilai"))
    return labels


PERAN_PEGAWAI = "pegawai"
PERAN_PENILAI = "pejabat_penilai"
PERAN_ATASAN_PENILAI = "atasan_penilai"


def peran_kode(user) -> list[str]:
    """Machine codes of every role this user holds (for the API): admin_bkd, admin_unit, pegawai,
    pejabat_penilai, atasan_penilai. The last two follow from the hierarchy, like ``peran_labels``."""
    akses = akses_for(user)
    codes = []
    if akses.is_bkd:
        codes.append(PeranAdmin.Peran.ADMIN_BKD.value)
    if akses.admin_unit_paths:
        codes.append(PeranAdmin.Peran.ADMIN_UNIT.value)
    if akses.pegawai_id:
        codes.append(PERAN_PEGAWAI)
        if punya_bawahan(user):
            codes.append(PERAN_PENILAI)
        if punya_bawahan_tidak_langsung(user):
            codes.append(PERAN_ATASAN_PENILAI)
    return codes


def unit_manageable(user) -> QuerySet[UnitKerja]:
    """Units this user may change or put people into: all for BKD, an admin unit's subtrees, none otherwise."""
    akses = akses_for(user)
    if akses.is_bkd:
        return UnitKerja.objects.all()
    if akses.admin_unit_paths:
        return UnitKerja.objects.filter(_unit_subtree_q(akses.admin_unit_paths, ""))
    return UnitKerja.objects.none()


# --- Who may change what (the services call these to refuse; views and serializers may call them to answer early) --
#
# Not allowed to see the row: 404 (``Http404``). Allowed to see it but not to change it: 403 (``PermissionDenied``).


def require_admin(user) -> None:
    """An admin unit or an admin BKD (creating units and people, importing)."""
    if not akses_for(user).is_admin:
        raise PermissionDenied(_("Hanya admin unit atau Admin BKD yang dapat melakukan tindakan ini."))


def require_bkd(user) -> None:
    """An admin BKD (granting and revoking admin roles)."""
    if not akses_for(user).is_bkd:
        raise PermissionDenied(_("Hanya Admin BKD yang dapat melihat dan mengelola peran admin."))


def require_unit_manager(user, unit: UnitKerja) -> None:
    """The user manages this unit (it lies in his subtree; any unit for an admin BKD)."""
    if not unit_visible(user).filter(pk=unit.pk).exists():
        raise Http404(_("Unit kerja tidak ditemukan."))
    if not unit_can_manage(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengubah unit kerja ini."))


def require_pegawai_manager(user, pegawai: Pegawai) -> None:
    """The user manages this pegawai (an admin of his unit's subtree, or an admin BKD)."""
    if not pegawai_visible(user).filter(pk=pegawai.pk).exists():
        raise Http404(_("Pegawai tidak ditemukan."))
    if not pegawai_can_manage(user, pegawai):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data pegawai ini."))


# Who may manage a login: the admin BKD anyone's; an admin unit only the login of a pegawai in his subtree. A login
# that holds an admin role (or is staff) is managed by the admin BKD only, and a superuser's by a superuser only:
# otherwise an admin unit could reset the password of a stronger account and take it over.


def akun_can_manage(user, akun: User, *, pegawai_dikelola: bool | None = None) -> bool:
    """May ``user`` create, (de)activate, reset or link this login? (See the rules above.) A caller that has just
    asked ``pegawai_can_manage`` for the login's own pegawai passes the answer as ``pegawai_dikelola``."""
    akses = akses_for(user)
    if not akses.is_admin:
        return False
    if akun.is_superuser and not getattr(user, "is_superuser", False):
        return False
    if akses.is_bkd:
        return True
    if akun.is_staff or PeranAdmin.objects.filter(user=akun).exists():
        return False
    if pegawai_dikelola is not None:
        return pegawai_dikelola
    pegawai = Pegawai.objects.filter(user=akun).first()
    return pegawai is not None and pegawai_can_manage(user, pegawai)


def require_akun_manager(user, akun: User) -> None:
    """404 for a login the user may not see (an admin BKD sees every login; anyone else the logins of the people
    he sees), 403 for one he sees but may not manage (``akun_can_manage``)."""
    if not akses_for(user).is_bkd and not pegawai_visible(user).filter(user=akun).exists():
        raise Http404(_("Akun login tidak ditemukan."))
    if not akun_can_manage(user, akun):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun login ini."))


# --- Import jobs ---------------------------------------------------------------------------------------------------


def impor_job_visible(user) -> QuerySet[ImporJob]:
    """Jobs this user may see: his own; all of them for an admin BKD."""
    akses = akses_for(user)
    if akses.user_id is None:
        return ImporJob.objects.none()
    if akses.is_bkd:
        return ImporJob.objects.all()
    return ImporJob.objects.filter(dibuat_oleh_id=akses.user_id)


def impor_job_get_for_user(user, pk) -> ImporJob:
    return first_or_404(
        impor_job_visible(user).select_related("dibuat_oleh").filter(pk=pk), _("Impor tidak ditemukan.")
    )
