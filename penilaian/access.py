"""Who may see and do what in ``penilaian``, on top of ``kepegawaian.access`` (the one access layer).

Seeing: an evaluation is visible to everyone who may see its pegawai (``pegawai_scope_q``: himself, his superiors up
the chain, an admin of his subtree, admin BKD) and to the penilai it records, even after the atasan changed. A
pegawai never sees another pegawai's evaluation. Not visible → 404.

Acting (403 when visible but not allowed):

| action                                        | who                                                          |
|-----------------------------------------------|--------------------------------------------------------------|
| open an evaluation                            | the pegawai's pejabat penilai now (never himself)            |
| rate, write feedback, finalise                | the penilai recorded on the evaluation, while it is a draft  |
| self-assessment                               | the pegawai, while draft, when the period asks for it        |
| acknowledge                                   | the pegawai, once, after final                               |
| object                                        | the pegawai, once, annual and final, within 14 days          |
| respond to an objection                       | the recorded penilai, while the objection waits              |
| decide an objection                           | the atasan of the recorded penilai (atasan pejabat penilai)  |
| penilaian settings of a period                | admin BKD                                                    |

Each rule is one predicate (``can_*``); services call ``require_*`` built on it, ``actions_for`` shows buttons.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.access import (
    akses_for,
    first_or_404,
    is_penilai_of,
    pegawai_can_manage,
    pegawai_scope_q,
    unit_can_manage,
    unit_visible,
)
from kepegawaian.models import Pegawai
from penilaian import aturan
from penilaian.models import ArsipDokumenUnit, Evaluasi, Keberatan, PengaturanPeriode, SesiKalibrasi

# --- seeing (404) -----------------------------------------------------------------------------------------------


def evaluasi_visible(user) -> QuerySet[Evaluasi]:
    akses = akses_for(user)
    q = pegawai_scope_q(user, "pegawai__")
    if akses.pegawai_id is not None:
        q |= Q(penilai_id=akses.pegawai_id)
    return Evaluasi.objects.filter(q)


def evaluasi_get_for_user(user, pk) -> Evaluasi:
    return first_or_404(
        evaluasi_visible(user)
        .select_related("pegawai", "pegawai__jabatan", "pegawai__unit", "penilai", "periode", "skp")
        .filter(pk=pk),
        _("Evaluasi tidak ditemukan."),
    )


def keberatan_visible(user) -> QuerySet[Keberatan]:
    return Keberatan.objects.filter(evaluasi__in=evaluasi_visible(user))


def keberatan_get_for_user(user, pk) -> Keberatan:
    return first_or_404(
        keberatan_visible(user).select_related("evaluasi", "evaluasi__pegawai", "evaluasi__periode").filter(pk=pk),
        _("Keberatan tidak ditemukan."),
    )


# --- the predicates ---------------------------------------------------------------------------------------------


def is_pegawai_evaluasi(user, evaluasi: Evaluasi) -> bool:
    akses = akses_for(user)
    return akses.pegawai_id is not None and evaluasi.pegawai_id == akses.pegawai_id


def is_penilai_evaluasi(user, evaluasi: Evaluasi) -> bool:
    """The user is the penilai recorded on the evaluation (and not the pegawai himself)."""
    akses = akses_for(user)
    return akses.pegawai_id is not None and evaluasi.penilai_id == akses.pegawai_id != evaluasi.pegawai_id


def is_atasan_penilai_evaluasi(user, evaluasi: Evaluasi) -> bool:
    """The user is the superior of the recorded penilai: the one who decides objections."""
    akses = akses_for(user)
    if akses.pegawai_id is None or akses.pegawai_id == evaluasi.pegawai_id:
        return False
    return Pegawai.objects.filter(pk=evaluasi.penilai_id, atasan_id=akses.pegawai_id).exists()


def can_open(user, pegawai: Pegawai) -> bool:
    akses = akses_for(user)
    return akses.pegawai_id != pegawai.pk and is_penilai_of(user, pegawai)


def can_rate(user, evaluasi: Evaluasi) -> bool:
    return is_penilai_evaluasi(user, evaluasi) and not evaluasi.final


def penilaian_mandiri_aktif(evaluasi: Evaluasi) -> bool:
    return PengaturanPeriode.objects.filter(periode_id=evaluasi.periode_id, penilaian_mandiri=True).exists()


def can_see_rating(user, evaluasi: Evaluasi) -> bool:
    """The ratings, the predikat, the notes and the evaluation's feedback: the pegawai sees them once the evaluation
    is final (before that they are his penilai's draft, and his self-assessment comes first); every other viewer of
    the evaluation sees them at once."""
    return evaluasi.final or not is_pegawai_evaluasi(user, evaluasi)


def can_assess_self(user, evaluasi: Evaluasi) -> bool:
    return is_pegawai_evaluasi(user, evaluasi) and not evaluasi.final and penilaian_mandiri_aktif(evaluasi)


def can_acknowledge(user, evaluasi: Evaluasi) -> bool:
    return is_pegawai_evaluasi(user, evaluasi) and evaluasi.final and evaluasi.dibaca_pada is None


def tanggal_final(evaluasi: Evaluasi) -> dt.date | None:
    """The day (Asia/Jakarta) the evaluation became final."""
    return timezone.localtime(evaluasi.difinalkan_pada).date() if evaluasi.difinalkan_pada else None


def batas_keberatan(evaluasi: Evaluasi) -> dt.date | None:
    final = tanggal_final(evaluasi)
    return aturan.batas_keberatan(final) if final else None


def keberatan_terbuka(evaluasi: Evaluasi, *, hari: dt.date | None = None) -> bool:
    """Whether an objection may still be filed against this evaluation: annual, final, within 14 calendar days."""
    final = tanggal_final(evaluasi)
    if evaluasi.jenis != Evaluasi.Jenis.TAHUNAN or not evaluasi.final or final is None:
        return False
    return aturan.keberatan_masih_terbuka(final, hari or timezone.localdate())


def punya_keberatan(evaluasi: Evaluasi) -> bool:
    return Keberatan.objects.filter(evaluasi_id=evaluasi.pk).exists()


def can_object(user, evaluasi: Evaluasi) -> bool:
    return is_pegawai_evaluasi(user, evaluasi) and keberatan_terbuka(evaluasi) and not punya_keberatan(evaluasi)


def can_reply_keberatan(user, keberatan: Keberatan) -> bool:
    return keberatan.status == Keberatan.Status.DIAJUKAN and is_penilai_evaluasi(user, keberatan.evaluasi)


def can_decide_keberatan(user, keberatan: Keberatan) -> bool:
    return keberatan.status == Keberatan.Status.DIAJUKAN and is_atasan_penilai_evaluasi(user, keberatan.evaluasi)


# --- refusing (403) ---------------------------------------------------------------------------------------------


def require_open(user, pegawai: Pegawai) -> None:
    if akses_for(user).pegawai_id == pegawai.pk:
        raise PermissionDenied(_("Anda tidak dapat menilai diri sendiri."))
    if not can_open(user, pegawai):
        raise PermissionDenied(_("Hanya pejabat penilai pegawai ini yang dapat membuka evaluasinya."))


def require_rate(user, evaluasi: Evaluasi) -> None:
    if not is_penilai_evaluasi(user, evaluasi):
        raise PermissionDenied(_("Hanya pejabat penilai evaluasi ini yang dapat memberi rating."))
    if evaluasi.final:
        raise PermissionDenied(_("Evaluasi ini sudah final dan terkunci."))


def require_assess_self(user, evaluasi: Evaluasi) -> None:
    if not can_assess_self(user, evaluasi):
        raise PermissionDenied(
            _("Penilaian mandiri hanya oleh pegawai sendiri, sebelum final, bila periode ini memintanya.")
        )


def require_acknowledge(user, evaluasi: Evaluasi) -> None:
    if not is_pegawai_evaluasi(user, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat menyatakan telah membaca evaluasi ini."))


def require_object(user, evaluasi: Evaluasi) -> None:
    if not is_pegawai_evaluasi(user, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang dinilai yang dapat mengajukan keberatan."))


def require_reply_keberatan(user, keberatan: Keberatan) -> None:
    if not is_penilai_evaluasi(user, keberatan.evaluasi):
        raise PermissionDenied(_("Hanya pejabat penilai evaluasi ini yang dapat menanggapi keberatan."))


def require_decide_keberatan(user, keberatan: Keberatan) -> None:
    if not is_atasan_penilai_evaluasi(user, keberatan.evaluasi):
        raise PermissionDenied(_("Hanya atasan pejabat penilai yang dapat memutus keberatan."))


def require_bkd(user) -> None:
    if not akses_for(user).is_bkd:
        raise PermissionDenied(_("Hanya Admin BKD yang dapat mengubah pengaturan penilaian periode."))


def actions_for(user, evaluasi: Evaluasi) -> dict[str, bool]:
    """What the evaluation page may offer (buttons); the services check again with the same predicates."""
    keberatan = getattr(evaluasi, "keberatan", None) if punya_keberatan(evaluasi) else None
    return {
        "lihat_rating": can_see_rating(user, evaluasi),
        "nilai": can_rate(user, evaluasi),
        "mandiri": can_assess_self(user, evaluasi),
        "baca": can_acknowledge(user, evaluasi),
        "keberatan": can_object(user, evaluasi),
        "tanggapi": keberatan is not None and can_reply_keberatan(user, keberatan),
        "putuskan": keberatan is not None and can_decide_keberatan(user, keberatan),
    }


# --- the unit: organisation predikat, distribution, calibration --------------------------------------------------
#
# | action                                                   | who                                                   |
# |----------------------------------------------------------|-------------------------------------------------------|
# | set the unit's predikat, finalise its annual results      | the head of the parent unit (the leader one level up), |
# |                                                          | an admin of the unit's subtree, admin BKD              |
# | see the distribution, calibrate (open, change, lock)      | the above, and the unit's own head (the atasan        |
# |                                                          | penilai of its penilai)                               |
# Nobody changes his own evaluation in a calibration session.

STRUKTURAL = ("jpt", "administrator", "pengawas")


def _kepala_path_id(path: str | None) -> int | None:
    if not path:
        return None
    return (
        Pegawai.objects.filter(unit__path=path, aktif=True, jabatan__jenis__in=STRUKTURAL)
        .exclude(atasan__unit__path=path)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def kepala_unit_id(unit) -> int | None:
    """The head of a unit: its structural official (JPT / administrator / pengawas) whose own atasan works in another
    unit (or who has none). The one who rates the unit's penilai. One query."""
    return _kepala_path_id(unit.path if unit is not None else None)


def kepala_induk_id(unit) -> int | None:
    """The head of the unit's parent: the leader one level up. One query (none for a root unit)."""
    return _kepala_path_id(unit.path[: -unit.steplen] if unit.depth > 1 else None)


def can_set_unit(user, unit) -> bool:
    """May set the unit's predikat kinerja organisasi and finalise its annual results."""
    akses = akses_for(user)
    if akses.user_id is None:
        return False
    if unit_can_manage(user, unit):
        return True
    return akses.pegawai_id is not None and kepala_induk_id(unit) == akses.pegawai_id


def can_calibrate(user, unit) -> bool:
    """May see the unit's distribution and calibrate its ratings."""
    akses = akses_for(user)
    if akses.pegawai_id is not None and kepala_unit_id(unit) == akses.pegawai_id:
        return True
    return can_set_unit(user, unit)


def require_set_unit(user, unit) -> None:
    if not can_set_unit(user, unit):
        raise PermissionDenied(
            _("Hanya pimpinan satu tingkat di atas unit ini, admin unit, atau Admin BKD yang dapat menetapkannya.")
        )


def require_calibrate(user, unit) -> None:
    if not can_calibrate(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat distribusi atau mengalibrasi rating unit ini."))


def sesi_kalibrasi_get_for_user(user, pk):
    """A calibration session of a unit the user may see (404 otherwise)."""
    return first_or_404(
        SesiKalibrasi.objects.filter(unit__in=unit_visible(user)).select_related("unit", "periode").filter(pk=pk),
        _("Sesi kalibrasi tidak ditemukan."),
    )


def can_close_kebutuhan(user, kebutuhan) -> bool:
    """A development need is closed by an admin of the pegawai (who records the training) or his penilai."""
    akses = akses_for(user)
    if akses.user_id is None:
        return False
    if akses.pegawai_id is not None and akses.pegawai_id == kebutuhan.pegawai_id:
        return False
    if akses.pegawai_id is not None and kebutuhan.evaluasi.penilai_id == akses.pegawai_id:
        return True
    return pegawai_can_manage(user, kebutuhan.pegawai)


def require_close_kebutuhan(user, kebutuhan) -> None:
    if not Pegawai.objects.filter(pegawai_scope_q(user), pk=kebutuhan.pegawai_id).exists() and not (
        akses_for(user).pegawai_id == kebutuhan.evaluasi.penilai_id
    ):
        raise Http404(_("Kebutuhan pengembangan tidak ditemukan."))
    if not can_close_kebutuhan(user, kebutuhan):
        raise PermissionDenied(_("Hanya pejabat penilai atau admin pegawai ini yang dapat menutup kebutuhan ini."))


def arsip_get_for_user(user, pk):
    """A documents ZIP job: its maker and whoever may see the unit's distribution; 404 for everybody else."""
    job = first_or_404(
        ArsipDokumenUnit.objects.filter(unit__in=unit_visible(user)).select_related("unit", "periode").filter(pk=pk),
        _("Arsip dokumen tidak ditemukan."),
    )
    if job.dibuat_oleh_id != user.pk and not can_calibrate(user, job.unit):
        raise Http404(_("Arsip dokumen tidak ditemukan."))
    return job
