"""Who may see and do what in ``indikator``, on top of ``kepegawaian.access`` (the one access layer).

Seeing follows the people: a user sees the SKP (and everything hanging from it) of every pegawai he may see
(``pegawai_scope_q``: himself, his subordinates and theirs, an admin's subtree, everyone for admin BKD).
An object he may not see is reported as ``Http404``, never 403, so its existence is not revealed.

Acting is narrower; a visible object the user may not act on raises ``PermissionDenied`` (403):

| action                                           | who                                         |
|--------------------------------------------------|---------------------------------------------|
| draft / edit / submit / revise an SKP, realisasi | the owner (the pegawai himself)             |
| return / approve, ekspektasi khusus, umpan balik,| his pejabat penilai (atasan langsung)       |
| dialog kinerja, bulk cascade to subordinates     |                                             |
| reply to umpan balik                             | the owner or his pejabat penilai            |
| indikator unit (IKU / PK)                        | admin of the unit's subtree, admin BKD      |
| reopen one pegawai's entries                     | admin of the pegawai's subtree, admin BKD   |
| open / close a period                            | admin BKD                                   |

The services call the ``require_*`` helpers themselves, so a rule holds whichever door (HTML, API, shell) is used.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from indikator.models import BuktiDukung, Iki, IndikatorUnit, Realisasi, Rhk, Skp, UmpanBalik
from kepegawaian.access import (
    akses_for,
    first_or_404,
    pegawai_can_manage,
    pegawai_scope_q,
    unit_can_manage,
    unit_scope_q,
)
from kepegawaian.models import Pegawai

# --- seeing (404) -----------------------------------------------------------------------------------------------


def skp_visible(user) -> QuerySet[Skp]:
    return Skp.objects.filter(pegawai_scope_q(user, "pegawai__"))


def skp_get_for_user(user, pk) -> Skp:
    return first_or_404(
        skp_visible(user)
        .select_related("pegawai", "pegawai__jabatan", "pegawai__unit", "pegawai__atasan", "periode", "penilai")
        .filter(pk=pk),
        _("SKP tidak ditemukan."),
    )


def rhk_get_for_user(user, pk) -> Rhk:
    return first_or_404(
        Rhk.objects.filter(pegawai_scope_q(user, "skp__pegawai__"), pk=pk).select_related(
            "skp", "skp__pegawai", "skp__periode"
        ),
        _("Rencana hasil kerja tidak ditemukan."),
    )


def iki_get_for_user(user, pk) -> Iki:
    return first_or_404(
        Iki.objects.filter(pegawai_scope_q(user, "rhk__skp__pegawai__"), pk=pk).select_related(
            "rhk", "rhk__skp", "rhk__skp__pegawai", "rhk__skp__periode"
        ),
        _("Indikator kinerja tidak ditemukan."),
    )


def realisasi_get_for_user(user, pk) -> Realisasi:
    return first_or_404(
        Realisasi.objects.filter(pegawai_scope_q(user, "iki__rhk__skp__pegawai__"), pk=pk).select_related(
            "iki", "iki__rhk", "iki__rhk__skp", "iki__rhk__skp__pegawai", "iki__rhk__skp__periode"
        ),
        _("Realisasi tidak ditemukan."),
    )


def bukti_get_for_user(user, pk) -> BuktiDukung:
    """For downloads too: serve the file only through this check."""
    return first_or_404(
        BuktiDukung.objects.filter(pegawai_scope_q(user, "realisasi__iki__rhk__skp__pegawai__"), pk=pk).select_related(
            "realisasi", "realisasi__iki__rhk__skp__pegawai", "realisasi__iki__rhk__skp__periode"
        ),
        _("Bukti dukung tidak ditemukan."),
    )


def umpan_balik_get_for_user(user, pk) -> UmpanBalik:
    return first_or_404(
        UmpanBalik.objects.filter(pegawai_scope_q(user, "iki__rhk__skp__pegawai__"), pk=pk).select_related(
            "iki", "iki__rhk__skp__pegawai", "iki__rhk__skp__periode"
        ),
        _("Umpan balik tidak ditemukan."),
    )


def indikator_unit_visible(user) -> QuerySet[IndikatorUnit]:
    return IndikatorUnit.objects.filter(unit__in=_units_visible(user))


def indikator_unit_get_for_user(user, pk) -> IndikatorUnit:
    return first_or_404(
        indikator_unit_visible(user).select_related("unit", "periode").filter(pk=pk),
        _("Indikator unit tidak ditemukan."),
    )


def _units_visible(user):
    from kepegawaian.models import UnitKerja

    return UnitKerja.objects.filter(unit_scope_q(user))


# --- acting (403) -----------------------------------------------------------------------------------------------


def is_owner(user, skp: Skp) -> bool:
    akses = akses_for(user)
    return akses.pegawai_id is not None and skp.pegawai_id == akses.pegawai_id


def is_penilai(user, skp: Skp) -> bool:
    """The user is the pegawai's pejabat penilai now (his atasan langsung)."""
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return False
    atasan_id = Pegawai.objects.filter(pk=skp.pegawai_id).values_list("atasan_id", flat=True).first()
    return atasan_id == akses.pegawai_id


def can_save_realisasi(user, skp: Skp) -> bool:
    """The owner may enter realisation on this SKP at all (its current revision, approved once). Whether one
    month/quarter is still open is ``PeriodePenilaian.realisasi_terbuka``; the services check both again."""
    return is_owner(user, skp) and skp.terkini and skp.pernah_disetujui


def require_owner(user, skp: Skp) -> None:
    if not is_owner(user, skp):
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat mengubah SKP ini."))


def require_penilai(user, skp: Skp) -> None:
    if not is_penilai(user, skp):
        raise PermissionDenied(_("Hanya pejabat penilai pegawai ini yang dapat melakukan tindakan ini."))


def require_owner_or_penilai(user, skp: Skp) -> None:
    if not (is_owner(user, skp) or is_penilai(user, skp)):
        raise PermissionDenied(_("Hanya pegawai yang bersangkutan atau pejabat penilainya yang dapat membalas."))


def require_bkd(user) -> None:
    if not akses_for(user).is_bkd:
        raise PermissionDenied(_("Hanya Admin BKD yang dapat mengelola periode penilaian."))


def require_admin_of_unit(user, unit) -> None:
    if not unit_can_manage(user, unit):
        raise PermissionDenied(_("Anda bukan admin unit kerja ini."))


def require_admin_of_pegawai(user, pegawai: Pegawai) -> None:
    if not pegawai_can_manage(user, pegawai):
        raise PermissionDenied(_("Anda bukan admin bagi pegawai ini."))


def actions_for(user, skp: Skp) -> dict[str, bool]:
    """What the page may offer on this SKP (buttons); the services check again."""
    owner, penilai = is_owner(user, skp), is_penilai(user, skp)
    status = skp.status
    return {
        "ubah": owner and skp.dapat_diubah,
        "ajukan": owner and skp.dapat_diubah,
        "revisi": owner and skp.terkini and status == Skp.Status.DISETUJUI,
        "kembalikan": penilai and skp.terkini and status == Skp.Status.DIAJUKAN,
        "setujui": penilai and skp.terkini and status == Skp.Status.DIAJUKAN,
        "ekspektasi": penilai and skp.terkini and status != Skp.Status.DISETUJUI,
        "realisasi": can_save_realisasi(user, skp),
        "umpan_balik": penilai and skp.pernah_disetujui,
        "dialog": penilai,
    }
