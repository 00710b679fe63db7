"""Who may start runs, review, publish and withdraw reports (admin BKD: the province; admin unit: his subtree).

The public needs no rule: it reads only published versions (``laporan.selectors``). Not allowed to see a run or a
report being worked on: 404; allowed to see but not to act: 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, first_or_404, unit_can_manage, unit_manageable
from kepegawaian.models import UnitKerja
from laporan.models import (
    STATUS_KERJA,
    ItemRun,
    Laporan,
    PertanyaanLaporan,
    RunLaporan,
    StatusItem,
    StatusPertanyaan,
    StatusVersi,
    VersiLaporan,
)


def require_admin_laporan(user) -> None:
    """The report pages of the admins: an admin unit or an admin BKD."""
    if not akses_for(user).is_admin:
        raise PermissionDenied(_("Hanya admin unit atau Admin BKD yang dapat mengelola laporan kinerja."))


def run_visible(user) -> QuerySet[RunLaporan]:
    return RunLaporan.objects.filter(unit__in=unit_manageable(user))


def run_get_for_user(user, pk) -> RunLaporan:
    return first_or_404(
        run_visible(user).filter(pk=pk).select_related("unit", "dimulai_oleh"), _("Proses tidak ditemukan.")
    )


def laporan_kelola_visible(user) -> QuerySet[Laporan]:
    return Laporan.objects.filter(unit__in=unit_manageable(user))


def laporan_kelola_get_for_user(user, pk) -> Laporan:
    return first_or_404(
        laporan_kelola_visible(user).filter(pk=pk).select_related("unit", "versi_publik"),
        _("Laporan tidak ditemukan."),
    )


def can_start_run(user, unit: UnitKerja) -> bool:
    """Admin BKD for any unit (the province's root included); an admin unit for a unit of his subtree."""
    return unit_can_manage(user, unit)


def require_start_run(user, unit: UnitKerja) -> None:
    require_admin_laporan(user)
    if not can_start_run(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang membuat laporan untuk unit ini."))


def require_run_manager(user, run: RunLaporan) -> None:
    if not run_visible(user).filter(pk=run.pk).exists():
        raise Http404(_("Proses tidak ditemukan."))


def can_retry_item(user, item: ItemRun) -> bool:
    return item.status == StatusItem.GAGAL and unit_can_manage(user, item.run.unit)


def can_review(user, versi: VersiLaporan) -> bool:
    """The unit's admin (or BKD) writes the narrative of a version still being worked on."""
    return versi.status in STATUS_KERJA and unit_can_manage(user, versi.laporan.unit)


def can_publish(user, versi: VersiLaporan) -> bool:
    """Admin BKD publishes a reviewed version."""
    return versi.status == StatusVersi.DITINJAU and akses_for(user).is_bkd


def can_withdraw(user, laporan: Laporan) -> bool:
    """Admin BKD withdraws the published version, with a public reason."""
    versi = laporan.versi_publik
    return versi is not None and versi.status == StatusVersi.TERBIT and akses_for(user).is_bkd


def actions_for(user, laporan: Laporan, kerja: VersiLaporan | None) -> dict[str, bool]:
    return {
        "tinjau": kerja is not None and can_review(user, kerja),
        "terbit": kerja is not None and can_publish(user, kerja),
        "tarik": can_withdraw(user, laporan),
    }


# --- citizens' questions on a report -------------------------------------------------------------------------------


def can_ask(laporan: Laporan) -> bool:
    """Anyone may ask about a report whose public version is published (not withdrawn)."""
    return laporan.versi_publik is not None and laporan.versi_publik.status == StatusVersi.TERBIT


def pertanyaan_kelola_visible(user) -> QuerySet[PertanyaanLaporan]:
    """Questions the admin moderates: those on the reports of the units he manages (admin BKD: all)."""
    return PertanyaanLaporan.objects.filter(laporan__unit__in=unit_manageable(user))


def pertanyaan_get_for_user(user, pk) -> PertanyaanLaporan:
    require_admin_laporan(user)
    return first_or_404(
        pertanyaan_kelola_visible(user).filter(pk=pk).select_related("laporan__unit"),
        _("Pertanyaan tidak ditemukan."),
    )


def can_moderate(user, pertanyaan: PertanyaanLaporan) -> bool:
    """The admin of the report's unit (or of a unit above it, or BKD) approves, hides and answers."""
    return unit_can_manage(user, pertanyaan.laporan.unit)


def require_moderate(user, pertanyaan: PertanyaanLaporan) -> None:
    """403 for one who is no admin; 404 for an admin of another unit (he may not know the question exists)."""
    require_admin_laporan(user)
    if not can_moderate(user, pertanyaan):
        raise Http404(_("Pertanyaan tidak ditemukan."))


def pertanyaan_actions_for(user, pertanyaan: PertanyaanLaporan) -> dict[str, bool]:
    boleh = can_moderate(user, pertanyaan)
    return {
        "setujui": boleh and pertanyaan.status != StatusPertanyaan.TAMPIL,
        "sembunyikan": boleh and pertanyaan.status != StatusPertanyaan.TERSEMBUNYI,
        "jawab": boleh and pertanyaan.status != StatusPertanyaan.TERSEMBUNYI,
    }


# --- medium-term targets -------------------------------------------------------------------------------------------


def can_set_target_menengah(user) -> bool:
    """Admin BKD records the RPD / RPJMD targets (the province's plans)."""
    return akses_for(user).is_bkd


def require_set_target_menengah(user) -> None:
    if not can_set_target_menengah(user):
        raise PermissionDenied(_("Hanya Admin BKD yang dapat mengubah target jangka menengah."))
