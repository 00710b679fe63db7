"""Reads of the monitoring page of admin unit and admin BKD: the SKP of their scope per unit (not started, draft,
returned, submitted, approved) and the realisation completion of the last closed month, aggregated in the database
(three queries whatever the number of pegawai), and the list of pegawai behind each number."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from indikator.models import Iki, PeriodePenilaian, Realisasi, Skp
from kepegawaian.access import akses_for, pegawai_manage_q
from kepegawaian.models import Pegawai, UnitKerja

STATUS = ("belum", Skp.Status.DRAFT, Skp.Status.DIKEMBALIKAN, Skp.Status.DIAJUKAN, Skp.Status.DISETUJUI)


@dataclass
class BarisUnit:
    unit: UnitKerja
    per_status: dict[str, int] = field(default_factory=dict)
    iki_total: int = 0
    iki_terisi: int = 0

    @property
    def jumlah_pegawai(self) -> int:
        return sum(self.per_status.values())

    @property
    def hitungan(self) -> list[tuple[str, int]]:
        """(status, number of pegawai) in the order of ``STATUS``, for the table."""
        return [(s, self.per_status.get(s, 0)) for s in STATUS]

    @property
    def persen_terisi(self) -> int | None:
        return round(100 * self.iki_terisi / self.iki_total) if self.iki_total else None


def unit_pantau_awal(user) -> UnitKerja | None:
    """The unit the page opens on: the root for admin BKD, the (first) granted unit for an admin unit."""
    akses = akses_for(user)
    if akses.is_bkd:
        return UnitKerja.objects.filter(depth=1).order_by("path").first()
    return UnitKerja.objects.filter(pk__in=akses.admin_unit_ids).order_by("path").first()


def _status_skp(periode: PeriodePenilaian):
    return Subquery(Skp.objects.filter(pegawai=OuterRef("pk"), periode=periode, terkini=True).values("status")[:1])


def pemantauan_unit(user, *, unit: UnitKerja, periode: PeriodePenilaian, periode_ke: int | None) -> list[BarisUnit]:
    """One row for the unit itself (its own pegawai) and one per direct sub-unit (its whole subtree)."""
    panjang = unit.path.__len__() + UnitKerja.steplen
    pegawai = Pegawai.objects.filter(pegawai_manage_q(user), aktif=True, unit__path__startswith=unit.path)
    kunci = Substr("unit__path", 1, panjang)
    per_status: dict[str, dict[str, int]] = {}
    for k, status, n in (
        pegawai.annotate(k=kunci, s=_status_skp(periode))
        .values("k", "s")
        .annotate(n=Count("pk"))
        .values_list("k", "s", "n")
    ):
        per_status.setdefault(k, {})[status or "belum"] = n
    terisi: dict[str, tuple[int, int]] = {}
    if periode_ke is not None:
        ada = Realisasi.objects.filter(iki=OuterRef("pk"), periode_ke=periode_ke)
        for k, total, isi in (
            Iki.objects.filter(
                rhk__skp__pegawai__in=pegawai,
                rhk__skp__periode=periode,
                rhk__skp__terkini=True,
                rhk__skp__status=Skp.Status.DISETUJUI,
            )
            .annotate(k=Substr("rhk__skp__pegawai__unit__path", 1, panjang), ada=Exists(ada))
            .values("k")
            .annotate(total=Count("pk"), isi=Count("pk", filter=Q(ada=True)))
            .values_list("k", "total", "isi")
        ):
            terisi[k] = (total, isi)
    units = {u.path: u for u in UnitKerja.objects.filter(Q(pk=unit.pk) | Q(path__in=list(per_status)))}
    rows = []
    for path in sorted(
        set(per_status) | {unit.path}, key=lambda p: (p != unit.path, units[p].nama if p in units else p)
    ):
        if path not in units:
            continue
        total, isi = terisi.get(path, (0, 0))
        rows.append(BarisUnit(unit=units[path], per_status=per_status.get(path, {}), iki_total=total, iki_terisi=isi))
    return rows


def pegawai_pantau(
    user, *, unit: UnitKerja, periode: PeriodePenilaian, status: str | None, langsung: bool = False
) -> QuerySet[Pegawai]:
    """The pegawai of the unit's subtree (only of the unit itself when ``langsung``) in the admin's scope, with the
    status of their current SKP."""
    tempat = Q(unit=unit) if langsung else Q(unit__path__startswith=unit.path)
    qs = (
        Pegawai.objects.filter(tempat, pegawai_manage_q(user), aktif=True)
        .annotate(status_skp=_status_skp(periode))
        .annotate(
            skp_id=Subquery(Skp.objects.filter(pegawai=OuterRef("pk"), periode=periode, terkini=True).values("pk")[:1])
        )
        .select_related("unit", "jabatan")
        .order_by("unit__path", "nama", "pk")
    )
    if status == "belum":
        qs = qs.filter(status_skp__isnull=True)
    elif status:
        qs = qs.filter(status_skp=status)
    return qs
