"""Reads of laporan that the public site, the admin pages and the public API share.

The public sees only ``Laporan.versi_publik`` of a report whose public version is published (or withdrawn: then
only the reason). A published page reads the snapshot (one row); it never touches the live tables.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Prefetch, Q, QuerySet, When
from django.http import Http404
from django.utils.translation import gettext as _

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
    TargetMenengah,
    VersiLaporan,
)

log = logging.getLogger(__name__)

#: approved questions shown on a report's page (the newest; the API pages through all of them)
PERTANYAAN_DI_HALAMAN = 50

_PUBLIK = Q(versi_publik__status__in=[StatusVersi.TERBIT, StatusVersi.DITARIK])


def laporan_terbit(*, tahun: int | None = None, unit_id: int | None = None, q: str = "") -> QuerySet[Laporan]:
    """Published reports, the province summary (the root units) first, then by the unit tree. ``unit_id`` filters
    to that unit's subtree; ``q`` searches the unit's name or code."""
    qs = Laporan.objects.filter(versi_publik__status=StatusVersi.TERBIT).select_related("unit", "versi_publik")
    if tahun:
        qs = qs.filter(tahun=tahun)
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id).only("path").first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if q:
        qs = qs.filter(Q(unit__nama__icontains=q) | Q(unit__kode__icontains=q))
    return qs.order_by("-tahun", "unit__depth", "unit__path")


def tahun_terbit() -> list[int]:
    return list(
        Laporan.objects.filter(versi_publik__status=StatusVersi.TERBIT)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def unit_terbit() -> QuerySet[UnitKerja]:
    """Units with a published report (the filter's choices), in tree order."""
    return UnitKerja.objects.filter(
        pk__in=Laporan.objects.filter(versi_publik__status=StatusVersi.TERBIT).values("unit_id")
    ).order_by("path")


def laporan_publik_get(pk, *, tanpa_data: bool = False) -> Laporan:
    """A public report (published or withdrawn) with its public version and unit: one query. 404 otherwise.
    ``tanpa_data``: leave the snapshot out (the page served from its cache needs only the validators)."""
    qs = Laporan.objects.filter(_PUBLIK, pk=pk).select_related("unit", "versi_publik")
    laporan = (qs.defer("versi_publik__data") if tanpa_data else qs).first()
    if laporan is None:
        raise Http404(_("Laporan tidak ditemukan."))
    return laporan


#: how long the public page's header (the report, its public version without the snapshot, the compared year) is
#: kept: publication, withdrawal and moderation forget it at once (``laporan_halaman_lupakan``); this bounds the rest
#: (a unit renamed)
HALAMAN_DETIK = 300


def _kunci_halaman(pk) -> str:
    return f"laporan:halaman:{pk}"


def laporan_halaman_get(pk) -> tuple[Laporan, Laporan | None]:
    """The public page of the current version: the report (public version without its snapshot) and the compared
    year's published report, from the cache (no query) or from the database (two queries), then kept. 404 as
    ``laporan_publik_get``. A cache outage reads the database."""
    kunci = _kunci_halaman(pk)
    try:
        simpanan = cache.get(kunci)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        log.warning("cache tidak terjangkau untuk halaman laporan", exc_info=True)
        simpanan = None
    if simpanan is not None:
        return simpanan
    laporan = laporan_publik_get(pk, tanpa_data=True)
    assert laporan.versi_publik is not None
    banding = laporan_tahun_lalu(laporan) if laporan.versi_publik.status == StatusVersi.TERBIT else None
    try:
        cache.set(kunci, (laporan, banding), HALAMAN_DETIK)
    except Exception:  # noqa: BLE001
        log.warning("cache tidak terjangkau untuk halaman laporan", exc_info=True)
    return laporan, banding


def laporan_halaman_lupakan(*, unit_id: int, tahun: int) -> None:
    """Forget the cached page header of (unit, year) and of the next year's report (which compares with it): now,
    and again once the transaction that changed what they show commits (a reader in between may have cached the
    old state)."""

    def lupakan():
        pks = Laporan.objects.filter(unit_id=unit_id, tahun__in=[tahun, tahun + 1]).values_list("pk", flat=True)
        try:
            cache.delete_many([_kunci_halaman(pk) for pk in pks])
        except Exception:  # noqa: BLE001
            log.warning("cache tidak terjangkau: halaman laporan tidak dilupakan", exc_info=True)

    lupakan()
    transaction.on_commit(lupakan)


def versi_publik_get(laporan: Laporan, nomor: int | None) -> VersiLaporan:
    """The version the public asks for: the public one, or an earlier published/withdrawn one by number."""
    assert laporan.versi_publik is not None
    if nomor is None or nomor == laporan.versi_publik.nomor:
        return laporan.versi_publik
    versi = VersiLaporan.objects.filter(
        laporan=laporan, nomor=nomor, status__in=[StatusVersi.TERBIT, StatusVersi.DITARIK]
    ).first()
    if versi is None:
        raise Http404(_("Versi laporan tidak ditemukan."))
    return versi


def versi_riwayat(laporan: Laporan) -> list[VersiLaporan]:
    """Published and withdrawn versions, newest first, without their snapshots (dates and what changed)."""
    return list(
        VersiLaporan.objects.filter(laporan=laporan, status__in=[StatusVersi.TERBIT, StatusVersi.DITARIK])
        .defer("data")
        .order_by("-nomor")
    )


def laporan_tahun_lalu(laporan: Laporan) -> Laporan | None:
    """The same unit's published report of the previous year (the comparison), or ``None``."""
    return (
        Laporan.objects.filter(
            unit_id=laporan.unit_id, tahun=laporan.tahun - 1, versi_publik__status=StatusVersi.TERBIT
        )
        .select_related("versi_publik")
        .defer("versi_publik__data")  # read (one more query) only when the page's body is rendered
        .first()
    )


# --- admin pages ---------------------------------------------------------------------------------------------------


def run_list(runs: QuerySet[RunLaporan]) -> QuerySet[RunLaporan]:
    return runs.select_related("unit", "dimulai_oleh").order_by("-dibuat_pada", "-pk")


def run_item_gagal(run: RunLaporan) -> QuerySet[ItemRun]:
    return ItemRun.objects.filter(run=run, status=StatusItem.GAGAL).select_related("unit").order_by("unit__path")


def laporan_kelola_list(laporan: QuerySet[Laporan], *, tahun: int | None = None) -> QuerySet[Laporan]:
    """Reports an admin manages, with the version being worked on (if any) and the public one."""
    qs = laporan.select_related("unit", "versi_publik").prefetch_related(
        Prefetch(
            "versi",
            queryset=VersiLaporan.objects.filter(status__in=STATUS_KERJA).defer("data"),
            to_attr="kerja_list",
        )
    )
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "unit__path")


def versi_kerja(laporan: Laporan) -> VersiLaporan | None:
    return VersiLaporan.objects.filter(laporan=laporan, status__in=STATUS_KERJA).first()


# --- citizens' questions ------------------------------------------------------------------------------------------


def pertanyaan_tampil(laporan_id: int) -> QuerySet[PertanyaanLaporan]:
    """The approved questions of a report, oldest first, with only what the public may see (the optional name,
    the text, the answer and their dates): never who moderated or answered."""
    return (
        PertanyaanLaporan.objects.filter(laporan_id=laporan_id, status=StatusPertanyaan.TAMPIL)
        .only("pk", "laporan_id", "nama", "isi", "dibuat_pada", "jawaban", "dijawab_pada", "dimoderasi_pada")
        .order_by("dibuat_pada", "pk")
    )


def pertanyaan_antrian(qs: QuerySet[PertanyaanLaporan], *, status: str | None = None) -> QuerySet[PertanyaanLaporan]:
    """The moderators' list: pending first, then the newest; with the report, its unit and the moderator."""
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("laporan__unit", "dimoderasi_oleh", "dijawab_oleh").order_by(
        Case(When(status=StatusPertanyaan.MENUNGGU, then=0), default=1), "-dibuat_pada", "-pk"
    )


# --- medium-term targets -------------------------------------------------------------------------------------------


def target_menengah_list(*, rencana_id: int | None = None) -> QuerySet[TargetMenengah]:
    qs = TargetMenengah.objects.select_related("rencana", "unit", "diubah_oleh")
    if rencana_id:
        qs = qs.filter(rencana_id=rencana_id)
    return qs.order_by("rencana__tahun_awal", "unit__path", "indikator")
