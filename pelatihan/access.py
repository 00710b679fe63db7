"""Who may see and do what in ``pelatihan``, on top of ``kepegawaian.access`` (the one access layer).

Seeing: every signed-in user sees the catalogue (programmes and events). A registration, a JP ledger, an external
training is seen by whoever may see the pegawai (``pegawai_scope_q``: himself, his superiors up the chain, the
admin of his subtree, admin BKD); the organiser of an event also sees its participants. Not visible: ``Http404``.

Acting (visible but not allowed: ``PermissionDenied``, 403):

| action                                              | who                                                   |
|-----------------------------------------------------|-------------------------------------------------------|
| create / change a programme                          | admin of its unit (``unit_pemilik``), admin BKD; a    |
|                                                     | programme without a unit: admin BKD                   |
| schedule / change an event, attendance, completion  | admin of the organising unit, admin BKD               |
| register oneself, submit external training          | the pegawai himself                                   |
| nominate                                            | the pegawai's pejabat penilai (atasan langsung)        |
| cancel a registration                               | the pegawai, his pejabat penilai, the organiser       |
| approve / reject external training                  | the pegawai's pejabat penilai                          |
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, first_or_404, is_penilai_of, pegawai_scope_q, unit_can_manage
from kepegawaian.models import Pegawai, UnitKerja
from pelatihan.models import Kegiatan, PelatihanEksternal, Peserta, Program

_NOTHING = Q(pk__in=[])


def _unit_kelola_q(user, field: str) -> Q:
    """Rows whose ``field`` (a unit, nullable = province) this user administers."""
    akses = akses_for(user)
    if akses.is_bkd:
        return Q(pk__isnull=False)  # every row (not Q(): an empty Q vanishes in an OR)
    q = _NOTHING
    for path in akses.admin_unit_paths:
        q |= Q(**{f"{field}__path__startswith": path})
    return q


def is_admin(user) -> bool:
    return akses_for(user).is_admin


# --- seeing (404) -----------------------------------------------------------------------------------------------


def program_visible(user) -> QuerySet[Program]:
    if akses_for(user).user_id is None:
        return Program.objects.none()
    return Program.objects.all()


def program_get_for_user(user, pk) -> Program:
    return first_or_404(program_visible(user).filter(pk=pk), _("Program pelatihan tidak ditemukan."))


def kegiatan_visible(user) -> QuerySet[Kegiatan]:
    if akses_for(user).user_id is None:
        return Kegiatan.objects.none()
    return Kegiatan.objects.all()


def kegiatan_get_for_user(user, pk) -> Kegiatan:
    return first_or_404(
        kegiatan_visible(user).select_related("program", "unit_penyelenggara").filter(pk=pk),
        _("Kegiatan pelatihan tidak ditemukan."),
    )


def kegiatan_kelola_q(user, prefix: str = "") -> Q:
    """Events this user organises (admin of the organising unit's subtree; BKD: all)."""
    akses = akses_for(user)
    if akses.is_bkd:
        return Q(pk__isnull=False)  # every row (not Q(): an empty Q vanishes in an OR)
    return _unit_kelola_q(user, f"{prefix}unit_penyelenggara")


def program_kelola_q(user) -> Q:
    """Programmes this user manages (admin of the owning unit's subtree; BKD: all, the province-wide ones too)."""
    akses = akses_for(user)
    if akses.is_bkd:
        return Q(pk__isnull=False)  # every row (not Q(): an empty Q vanishes in an OR)
    return _unit_kelola_q(user, "unit_pemilik")


def require_admin(user) -> None:
    """The management pages of the catalogue and the events are for admin unit and admin BKD."""
    if not is_admin(user):
        raise PermissionDenied(_("Halaman ini untuk admin unit dan Admin BKD yang mengelola pelatihan."))


def peserta_visible(user) -> QuerySet[Peserta]:
    if akses_for(user).user_id is None:
        return Peserta.objects.none()
    return Peserta.objects.filter(pegawai_scope_q(user, "pegawai__") | kegiatan_kelola_q(user, "kegiatan__"))


def peserta_get_for_user(user, pk) -> Peserta:
    return first_or_404(
        peserta_visible(user).select_related("pegawai", "pegawai__unit", "kegiatan", "kegiatan__program").filter(pk=pk),
        _("Pendaftaran pelatihan tidak ditemukan."),
    )


def eksternal_visible(user) -> QuerySet[PelatihanEksternal]:
    return PelatihanEksternal.objects.filter(pegawai_scope_q(user, "pegawai__"))


def eksternal_get_for_user(user, pk) -> PelatihanEksternal:
    return first_or_404(
        eksternal_visible(user).select_related("pegawai", "pegawai__unit").filter(pk=pk),
        _("Pelatihan eksternal tidak ditemukan."),
    )


# --- acting (403) -----------------------------------------------------------------------------------------------


def can_manage_program(user, program: Program) -> bool:
    return can_create_in_unit(user, program.unit_pemilik)


def can_create_in_unit(user, unit: UnitKerja | None) -> bool:
    """Create a programme or schedule an event owned by ``unit`` (``None``: province-wide, admin BKD)."""
    if unit is None:
        return akses_for(user).is_bkd
    return unit_can_manage(user, unit)


def can_manage_kegiatan(user, kegiatan: Kegiatan) -> bool:
    return can_create_in_unit(user, kegiatan.unit_penyelenggara)


def is_self(user, pegawai: Pegawai) -> bool:
    akses = akses_for(user)
    return akses.pegawai_id is not None and akses.pegawai_id == pegawai.pk


def can_nominate(user, pegawai: Pegawai) -> bool:
    return is_penilai_of(user, pegawai)


def can_cancel(user, peserta: Peserta) -> bool:
    return (
        is_self(user, peserta.pegawai)
        or is_penilai_of(user, peserta.pegawai)
        or can_manage_kegiatan(user, peserta.kegiatan)
    )


def can_decide_eksternal(user, eksternal: PelatihanEksternal) -> bool:
    return is_penilai_of(user, eksternal.pegawai)


def can_rate(user, peserta: Peserta) -> bool:
    """Only the participant himself, and only if he attended (``Peserta.pernah_hadir``)."""
    return is_self(user, peserta.pegawai) and peserta.pernah_hadir()


def require_manage_program(user, program: Program) -> None:
    if not can_manage_program(user, program):
        raise PermissionDenied(_("Anda bukan pengelola program pelatihan ini."))


def require_create_in_unit(user, unit: UnitKerja | None) -> None:
    if not can_create_in_unit(user, unit):
        if unit is None:
            raise PermissionDenied(_("Hanya Admin BKD yang dapat mengelola pelatihan tingkat provinsi."))
        raise PermissionDenied(_("Anda bukan admin unit kerja ini."))


def require_manage_kegiatan(user, kegiatan: Kegiatan) -> None:
    if not can_manage_kegiatan(user, kegiatan):
        raise PermissionDenied(_("Hanya penyelenggara kegiatan ini yang dapat melakukan tindakan ini."))


def require_nominate(user, pegawai: Pegawai) -> None:
    if not can_nominate(user, pegawai):
        raise PermissionDenied(
            _("Hanya pejabat penilai yang dapat menominasikan bawahannya (%(nama)s bukan bawahan langsung Anda).")
            % {"nama": pegawai.nama}
        )


def require_cancel(user, peserta: Peserta) -> None:
    if not can_cancel(user, peserta):
        raise PermissionDenied(_("Anda tidak dapat membatalkan pendaftaran ini."))


def require_decide_eksternal(user, eksternal: PelatihanEksternal) -> None:
    if not can_decide_eksternal(user, eksternal):
        raise PermissionDenied(_("Hanya pejabat penilai pegawai ini yang dapat menyetujui pelatihan eksternalnya."))


def require_rate(user, peserta: Peserta) -> None:
    if not is_self(user, peserta.pegawai):
        raise PermissionDenied(_("Hanya peserta sendiri yang dapat mengulas kegiatan ini."))
    if not peserta.pernah_hadir():
        raise PermissionDenied(_("Ulasan hanya dapat diberikan oleh peserta yang hadir pada kegiatan ini."))


def actions_for_kegiatan(user, kegiatan: Kegiatan) -> dict[str, bool]:
    akses = akses_for(user)
    return {
        "daftar": akses.pegawai_id is not None and kegiatan.pendaftaran_terbuka(),
        "nominasi": kegiatan.pendaftaran_terbuka()
        and akses.pegawai_id is not None
        and Pegawai.objects.filter(atasan_id=akses.pegawai_id, aktif=True).exists(),
        "kelola": can_manage_kegiatan(user, kegiatan),
    }


def require_lihat_agregat(user) -> None:
    """The aggregate pages of a scope (JP compliance, did training work) are for admin unit and admin BKD."""
    if not is_admin(user):
        raise PermissionDenied(_("Halaman ini untuk admin unit dan admin BKD."))
