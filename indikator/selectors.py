"""Reads shared by the HTML views, the API, the exports and other apps (penilaian, laporan).

Page-level selectors (``tim_penilai``, ``dasbor_pegawai``, ``skp_lembar``) run a constant number of queries
whatever the data size: they fetch each kind of row once for everybody and assemble in Python. Query-count tests
in ``tests/indikator/test_selectors.py`` pin them.

Realisation convention: the value entered for a month/quarter is the indicator's position **as at the end of
that month/quarter** (cumulative for counts, the running value for rates and durations). So the "capaian so
far" of an IKI is the capaian of its latest entered period, against the annual target.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from indikator.capaian import Capaian, capaian_iki
from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
    hari_ini,
)
from kepegawaian.access import pegawai_scope_q
from kepegawaian.models import Pegawai, UnitKerja

if TYPE_CHECKING:
    # What ``skp_lembar`` attaches with ``Prefetch(to_attr=...)``, for the type checker only (never instantiated).
    class _RealisasiLembar(Realisasi):
        bukti_list: list[BuktiDukung]

    class _IkiLembar(Iki):
        realisasi_list: list[_RealisasiLembar]
        umpan_balik_list: list[UmpanBalik]
        capaian: Capaian  # set by the SKP page (indikator.views.skp._render_skp)

    class _RhkLembar(Rhk):
        iki_list: list[_IkiLembar]

    class SkpLembar(Skp):
        rhk_list: list[_RhkLembar]
        ekspektasi_list: list[EkspektasiPerilaku]
        dialog_list: list[DialogKinerja]

# --- periods ----------------------------------------------------------------------------------------------------


def periode_aktif(*, hari: dt.date | None = None) -> PeriodePenilaian | None:
    """The period of this year if it exists, else the latest open one."""
    hari = hari or hari_ini()
    return (
        PeriodePenilaian.objects.filter(tahun=hari.year).first()
        or PeriodePenilaian.objects.filter(status=PeriodePenilaian.Status.DIBUKA).order_by("-tahun").first()
    )


def periode_list() -> QuerySet[PeriodePenilaian]:
    return PeriodePenilaian.objects.order_by("-tahun")


@dataclass(frozen=True)
class Tenggat:
    label: str
    tanggal: dt.date
    jenis: str  # "skp" | "realisasi" | "evaluasi"


def tenggat_mendatang(*, periode: PeriodePenilaian, hari: dt.date | None = None, batas: int = 3) -> list[Tenggat]:
    """The next deadlines of a period from ``hari`` on (no query)."""
    hari = hari or hari_ini()
    semua = [Tenggat(label=_("Penyusunan SKP"), tanggal=periode.batas_penyusunan_skp, jenis="skp")]
    semua += [
        Tenggat(
            label=_("Realisasi %(periode)s") % {"periode": periode.label_periode_ke(ke)},
            tanggal=periode.batas_realisasi(ke),
            jenis="realisasi",
        )
        for ke in periode.daftar_periode_ke
    ]
    semua.append(Tenggat(label=_("Evaluasi tahunan"), tanggal=periode.batas_evaluasi_tahunan, jenis="evaluasi"))
    return sorted((t for t in semua if t.tanggal >= hari), key=lambda t: t.tanggal)[:batas]


def periode_ke_jatuh_tempo(*, periode: PeriodePenilaian, hari: dt.date | None = None) -> list[int]:
    """The months/quarters that have begun (realisation is expected or may be entered)."""
    hari = hari or hari_ini()
    return [ke for ke in periode.daftar_periode_ke if periode.mulai_periode_ke(ke) <= hari]


def periode_ke_terbuka(*, periode: PeriodePenilaian, hari: dt.date | None = None) -> list[int]:
    """The months/quarters that have begun and whose realisation deadline has not passed (no query)."""
    hari = hari or hari_ini()
    return [
        ke for ke in periode.daftar_periode_ke if periode.mulai_periode_ke(ke) <= hari <= periode.batas_realisasi(ke)
    ]


def periode_ke_terakhir_ditutup(*, periode: PeriodePenilaian, hari: dt.date | None = None) -> int | None:
    """The latest month/quarter whose realisation deadline has passed (no query)."""
    hari = hari or hari_ini()
    ditutup = [ke for ke in periode.daftar_periode_ke if periode.batas_realisasi(ke) < hari]
    return max(ditutup) if ditutup else None


# --- SKP --------------------------------------------------------------------------------------------------------


def skp_for_user(user, *, periode: PeriodePenilaian | None = None, terkini: bool | None = True) -> QuerySet[Skp]:
    """SKP the user may see (own, subordinates', an admin's subtree), for lists and the API."""
    qs = Skp.objects.filter(pegawai_scope_q(user, "pegawai__")).select_related(
        "pegawai", "pegawai__unit", "pegawai__jabatan", "periode"
    )
    if periode is not None:
        qs = qs.filter(periode=periode)
    if terkini is not None:
        qs = qs.filter(terkini=terkini)
    return qs.order_by("pegawai__nama", "-revisi")


def skp_terkini(*, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp | None:
    return Skp.objects.filter(pegawai=pegawai, periode=periode, terkini=True).select_related("periode").first()


def skp_berlaku(*, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp | None:
    """The SKP that counts for evaluation: the latest approved revision (a revision being drafted does not count
    until approved)."""
    return (
        Skp.objects.filter(pegawai=pegawai, periode=periode, status=Skp.Status.DISETUJUI)
        .order_by("-revisi")
        .select_related("periode")
        .first()
    )


def skp_revisi_list(*, skp: Skp) -> QuerySet[Skp]:
    """Every revision of this SKP's pegawai and period, newest first (old ones stay readable)."""
    return Skp.objects.filter(pegawai_id=skp.pegawai_id, periode_id=skp.periode_id).order_by("-revisi")


def skp_lembar(*, skp: Skp) -> "SkpLembar":
    """An SKP with everything its page, its PDF and its evaluation sheet show, in a constant number of queries:
    ``skp.rhk_list`` (utama first) each with ``iki_list``; each IKI with ``realisasi_list`` (each with
    ``bukti_list``) and ``umpan_balik_list``; ``skp.ekspektasi_list``; ``skp.dialog_list``."""
    lembar = (
        Skp.objects.filter(pk=skp.pk)
        .select_related(
            "pegawai",
            "pegawai__jabatan",
            "pegawai__unit",
            "pegawai__atasan",
            "pegawai__atasan__jabatan",
            "pegawai__atasan__unit",
            "periode",
            "penilai",
        )
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=Rhk.objects.select_related("rhk_atasan", "indikator_unit").order_by("jenis", "urutan", "pk"),
                to_attr="rhk_list",
            ),
            Prefetch("rhk_list__iki", queryset=Iki.objects.order_by("urutan", "pk"), to_attr="iki_list"),
            Prefetch(
                "rhk_list__iki_list__realisasi",
                queryset=Realisasi.objects.order_by("periode_ke"),
                to_attr="realisasi_list",
            ),
            Prefetch(
                "rhk_list__iki_list__realisasi_list__bukti",
                queryset=BuktiDukung.objects.order_by("dibuat", "pk"),
                to_attr="bukti_list",
            ),
            Prefetch(
                "rhk_list__iki_list__umpan_balik",
                queryset=UmpanBalik.objects.order_by("periode_ke", "dibuat", "pk"),
                to_attr="umpan_balik_list",
            ),
            Prefetch("ekspektasi_perilaku", to_attr="ekspektasi_list"),
            Prefetch("dialog_kinerja", to_attr="dialog_list"),
        )
        .get()
    )
    return cast("SkpLembar", lembar)


def rhk_atasan_pilihan(*, pegawai: Pegawai, periode: PeriodePenilaian) -> QuerySet[Rhk]:
    """The RHK a pegawai may intervene: those of his atasan's current SKP (draft or approved)."""
    if pegawai.atasan_id is None:
        return Rhk.objects.none()
    return (
        Rhk.objects.filter(skp__pegawai_id=pegawai.atasan_id, skp__periode=periode, skp__terkini=True)
        .select_related("skp")
        .order_by("jenis", "urutan", "pk")
    )


def indikator_unit_list(
    *, unit: UnitKerja, periode: PeriodePenilaian, jenis: str | None = None
) -> QuerySet[IndikatorUnit]:
    qs = IndikatorUnit.objects.filter(unit=unit, periode=periode)
    if jenis:
        qs = qs.filter(jenis=jenis)
    return qs.order_by("jenis", "urutan", "pk")


def skp_menunggu_persetujuan(*, penilai: Pegawai, periode: PeriodePenilaian | None = None) -> QuerySet[Skp]:
    """Submitted SKP of the penilai's direct subordinates, oldest submission first (his to-do list)."""
    qs = Skp.objects.filter(pegawai__atasan=penilai, terkini=True, status=Skp.Status.DIAJUKAN)
    if periode is not None:
        qs = qs.filter(periode=periode)
    return qs.select_related("pegawai", "pegawai__jabatan", "periode").order_by("diajukan_pada", "pk")


def tautan_putus_bawahan(*, pegawai: Pegawai, periode: PeriodePenilaian) -> QuerySet[Rhk]:
    """Broken links of his direct subordinates' current SKP (the atasan's side of the flag)."""
    return (
        Rhk.objects.filter(
            skp__pegawai__atasan=pegawai,
            skp__periode=periode,
            skp__terkini=True,
            status_tautan=Rhk.StatusTautan.PUTUS,
        )
        .select_related("skp__pegawai")
        .order_by("skp__pegawai__nama", "pk")
    )


# --- team page --------------------------------------------------------------------------------------------------


@dataclass
class SelPeriode:
    """One month/quarter cell of the team page: how many IKI have a realisation."""

    ke: int
    label: str
    terisi: int
    jumlah_iki: int  # the IKI owed for this month: those that existed while it could still be filled
    dimulai: bool
    #: IKI without an entry that were added after this month had closed ("ditutup tanpa isian", no debt)
    tanpa_isian: int = 0

    @property
    def status(self) -> str:
        """belum (not started) | lengkap | sebagian | kosong | tanpa_isian (nothing was owed: closed before the
        IKI existed)"""
        if not self.dimulai:
            return "belum"
        if not self.jumlah_iki and self.tanpa_isian:
            return "tanpa_isian"
        if self.terisi >= self.jumlah_iki:
            return "lengkap" if self.jumlah_iki else "kosong"
        return "sebagian" if self.terisi else "kosong"


@dataclass
class BarisTim:
    pegawai: Pegawai
    skp: Skp | None
    sel: list[SelPeriode] = field(default_factory=list)
    capaian: Capaian = field(default_factory=lambda: Capaian(None))
    jumlah_iki: int = 0
    tautan_putus: int = 0

    @property
    def status_skp(self) -> str:
        return self.skp.get_status_display() if self.skp else _("Belum disusun")

    @property
    def kosong(self) -> int:
        """Months/quarters begun and not completely filled."""
        return sum(1 for s in self.sel if s.status in ("kosong", "sebagian"))


def _capaian_rata(nilai: list[Decimal]) -> Capaian:
    return Capaian(sum(nilai, Decimal(0)) / len(nilai) if nilai else None)


def tim_penilai(*, penilai: Pegawai, periode: PeriodePenilaian, hari: dt.date | None = None) -> list[BarisTim]:
    """The penilai's team page: each active direct subordinate with his current SKP's status, realisation filled
    or missing per month/quarter, capaian so far (mean over IKI with a defined capaian) and broken links.
    Five queries whatever the team size."""
    hari = hari or hari_ini()
    bawahan = list(
        Pegawai.objects.filter(atasan=penilai, aktif=True).select_related("jabatan", "unit").order_by("nama")
    )
    skp_by_pegawai = {s.pegawai_id: s for s in Skp.objects.filter(pegawai__in=bawahan, periode=periode, terkini=True)}
    skp_ids = [s.pk for s in skp_by_pegawai.values()]
    iki_by_skp: dict[int, list[Iki]] = defaultdict(list)
    for iki in (
        Iki.objects.filter(rhk__skp_id__in=skp_ids)
        .select_related("rhk")
        .only("pk", "arah", "target", "target_atas", "target_bentuk", "berlaku_sejak", "rhk__skp_id")
    ):
        iki_by_skp[iki.rhk.skp_id].append(iki)
    realisasi_by_iki: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for iki_id, ke, nilai in Realisasi.objects.filter(iki__rhk__skp_id__in=skp_ids).values_list(
        "iki_id", "periode_ke", "nilai"
    ):
        realisasi_by_iki[iki_id][ke] = nilai
    putus = dict(
        Rhk.objects.filter(skp_id__in=skp_ids, status_tautan=Rhk.StatusTautan.PUTUS)
        .values("skp_id")
        .annotate(n=Count("pk"))
        .values_list("skp_id", "n")
    )
    dimulai = set(periode_ke_jatuh_tempo(periode=periode, hari=hari))
    labels = {ke: periode.label_periode_ke(ke) for ke in periode.daftar_periode_ke}

    rows = []
    for p in bawahan:
        skp = skp_by_pegawai.get(p.pk)
        ikis = iki_by_skp.get(skp.pk, []) if skp else []
        sel = [_sel_periode(periode, ke, labels[ke], ke in dimulai, ikis, realisasi_by_iki, hari) for ke in labels]
        capaian = [
            c.nilai for i in ikis if (c := capaian_iki(i, _terakhir(realisasi_by_iki.get(i.pk, {})))).nilai is not None
        ]
        rows.append(
            BarisTim(
                pegawai=p,
                skp=skp,
                sel=sel,
                capaian=_capaian_rata(capaian),
                jumlah_iki=len(ikis),
                tautan_putus=putus.get(skp.pk, 0) if skp else 0,
            )
        )
    return rows


def _sel_periode(
    periode: PeriodePenilaian,
    ke: int,
    label: str,
    dimulai: bool,
    ikis: list[Iki],
    realisasi_by_iki: dict[int, dict[int, Decimal]],
    hari: dt.date,
) -> SelPeriode:
    """One cell of the team page: an IKI added after this month had closed owes nothing for it
    (``Iki.ada_saat_terbuka``); it is counted apart as "ditutup tanpa isian"."""
    terisi = [i for i in ikis if ke in realisasi_by_iki.get(i.pk, {})]
    kosong = [i for i in ikis if ke not in realisasi_by_iki.get(i.pk, {})]
    masih_terbuka = hari <= periode.batas_realisasi(ke)
    tanpa = [i for i in kosong if not masih_terbuka and not i.ada_saat_terbuka(periode, ke)] if dimulai else []
    return SelPeriode(
        ke=ke,
        label=label,
        terisi=len(terisi),
        jumlah_iki=len(ikis) - len(tanpa),
        dimulai=dimulai,
        tanpa_isian=len(tanpa),
    )


def bawahan_kaskade_status(
    *, penilai: Pegawai, periode: PeriodePenilaian, hari: dt.date | None = None
) -> tuple[dict[int, str], dict[int, str]]:
    """For the cascade form: each active direct subordinate's current SKP status in words, and those who cannot take
    a new RHK now with the reason (the rules ``services.rhk_cascade`` refuses with: an SKP submitted or approved,
    drafting closed). Two queries whatever the team size."""
    bawahan = list(Pegawai.objects.filter(atasan=penilai, aktif=True).values_list("pk", flat=True))
    skp_map = {
        s.pegawai_id: s
        for s in Skp.objects.filter(pegawai_id__in=bawahan, periode=periode, terkini=True).only(
            "pk", "pegawai_id", "status", "revisi"
        )
    }
    status = {pid: (skp_map[pid].get_status_display() if pid in skp_map else _("Belum disusun")) for pid in bawahan}
    nonaktif: dict[int, str] = {}
    for pid, skp in skp_map.items():
        if skp.status == Skp.Status.DIAJUKAN:
            nonaktif[pid] = _("SKP-nya sedang diajukan: kembalikan dulu agar dapat diberi RHK baru.")
        elif skp.status == Skp.Status.DISETUJUI:
            nonaktif[pid] = _("SKP-nya sudah disetujui: minta pegawai membuat revisi agar dapat diberi RHK baru.")
    pertama = [pid for pid in bawahan if pid not in nonaktif and (pid not in skp_map or skp_map[pid].revisi == 1)]
    if not periode.dibuka:
        pertama = [pid for pid in bawahan if pid not in nonaktif]
    for pid in periode.penyusunan_skp_tertutup(pegawai_ids=pertama, hari=hari) if pertama else []:
        nonaktif[pid] = _("Batas penyusunan SKP sudah lewat untuk pegawai ini.")
    return status, nonaktif


def _terakhir(per_ke: dict[int, Decimal]) -> Decimal | None:
    return per_ke[max(per_ke)] if per_ke else None


# --- the pegawai's dashboard ------------------------------------------------------------------------------------


@dataclass
class TitikGrafik:
    ke: int
    label: str
    realisasi: Decimal | None
    capaian: Capaian


@dataclass
class BarisIki:
    iki: Iki
    rhk: Rhk
    titik: list[TitikGrafik]
    capaian: Capaian  # so far: of the latest entered period

    @property
    def target_grafik(self) -> Decimal:
        """The target line of the chart (the upper bound for a range when higher is better, else the lower)."""
        if self.iki.target_atas is not None and self.iki.arah == "naik":
            return self.iki.target_atas
        return self.iki.target


@dataclass(frozen=True)
class IsianKosong:
    iki: Iki
    ke: int
    label: str
    batas: dt.date
    terbuka: bool


@dataclass
class Dashboard:
    periode: PeriodePenilaian
    skp: Skp | None
    iki: list[BarisIki]
    kosong: list[IsianKosong]
    tenggat: list[Tenggat]
    #: months closed before the IKI existed, without an entry: shown as such, not as the pegawai's debt
    tanpa_isian: list[IsianKosong]
    tautan_putus: list[Rhk]
    umpan_balik_terbaru: list[UmpanBalik]
    capaian: Capaian


def dasbor_pegawai(*, pegawai: Pegawai, periode: PeriodePenilaian, hari: dt.date | None = None) -> Dashboard:
    """A pegawai's dashboard: his IKI with target and realisation by month/quarter (chart data), capaian so far,
    missing entries (begun, no realisation; still open or not), coming deadlines, broken links, latest
    feedback. Six queries whatever the size of his SKP."""
    hari = hari or hari_ini()
    skp = skp_terkini(pegawai=pegawai, periode=periode)
    tenggat = tenggat_mendatang(periode=periode, hari=hari, batas=4)
    if skp is not None and skp.pernah_disetujui:
        tenggat = [t for t in tenggat if t.jenis != "skp"]
    tenggat = tenggat[:3]
    if skp is None:
        return Dashboard(periode, None, [], [], tenggat, [], [], [], Capaian(None))
    rhk_list = list(skp.rhk.order_by("jenis", "urutan", "pk"))
    rhk_by_pk = {r.pk: r for r in rhk_list}
    ikis = list(Iki.objects.filter(rhk__skp=skp).order_by("rhk__jenis", "rhk__urutan", "rhk_id", "urutan", "pk"))
    realisasi_by_iki: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for iki_id, ke, nilai in Realisasi.objects.filter(iki__rhk__skp=skp).values_list("iki_id", "periode_ke", "nilai"):
        realisasi_by_iki[iki_id][ke] = nilai
    dibuka_kembali = periode.dibuka_kembali_untuk(pegawai_id=pegawai.pk, hari=hari)
    umpan_balik = list(
        UmpanBalik.objects.filter(iki__rhk__skp=skp).select_related("iki").order_by("-dibuat", "-pk")[:5]
    )

    labels = {ke: periode.label_periode_ke(ke) for ke in periode.daftar_periode_ke}
    dimulai = periode_ke_jatuh_tempo(periode=periode, hari=hari)
    baris, semua_capaian = [], []
    kosong: list[IsianKosong] = []
    tanpa_isian: list[IsianKosong] = []
    for iki in ikis:
        per_ke = realisasi_by_iki.get(iki.pk, {})
        titik = [TitikGrafik(ke, labels[ke], per_ke.get(ke), capaian_iki(iki, per_ke.get(ke))) for ke in labels]
        capaian = capaian_iki(iki, _terakhir(per_ke))
        if capaian.nilai is not None:
            semua_capaian.append(capaian.nilai)
        baris.append(BarisIki(iki=iki, rhk=rhk_by_pk[iki.rhk_id], titik=titik, capaian=capaian))
        if skp.pernah_disetujui:
            for ke in dimulai:
                if ke in per_ke:
                    continue
                terbuka = periode.realisasi_terbuka(
                    pegawai_id=pegawai.pk, periode_ke=ke, hari=hari, dibuka_kembali=dibuka_kembali
                )
                isian = IsianKosong(iki, ke, labels[ke], periode.batas_realisasi(ke), terbuka)
                (kosong if terbuka or iki.ada_saat_terbuka(periode, ke) else tanpa_isian).append(isian)
    return Dashboard(
        periode=periode,
        skp=skp,
        iki=baris,
        kosong=kosong,
        tenggat=tenggat,
        tanpa_isian=tanpa_isian,
        tautan_putus=[r for r in rhk_list if r.status_tautan == Rhk.StatusTautan.PUTUS],
        umpan_balik_terbaru=umpan_balik,
        capaian=_capaian_rata(semua_capaian),
    )


def realisasi_for_skp_ids(skp_ids: list[int]) -> QuerySet[Realisasi]:
    """Realisation rows of many SKP at once, with their IKI and RHK, for exports (team XLSX)."""
    return (
        Realisasi.objects.filter(iki__rhk__skp_id__in=skp_ids)
        .select_related("iki", "iki__rhk", "iki__rhk__skp", "iki__rhk__skp__pegawai")
        .order_by("iki__rhk__skp__pegawai__nama", "iki__rhk__urutan", "iki__urutan", "periode_ke")
    )


def umpan_balik_thread(*, iki: Iki, periode_ke: int | None = None) -> QuerySet[UmpanBalik]:
    """First messages of feedback threads on an IKI, each with ``balasan`` prefetched."""
    qs = UmpanBalik.objects.filter(iki=iki, balasan_untuk__isnull=True)
    if periode_ke is not None:
        qs = qs.filter(periode_ke=periode_ke)
    return qs.prefetch_related(Prefetch("balasan", queryset=UmpanBalik.objects.order_by("dibuat", "pk"))).order_by(
        "periode_ke", "dibuat", "pk"
    )


def skp_status_ringkas(*, periode: PeriodePenilaian, pegawai_qs: QuerySet[Pegawai]) -> dict[str, int]:
    """How many of these pegawai have a current SKP in each status (and none): one query, for admin pages."""
    counts = dict(
        Skp.objects.filter(periode=periode, terkini=True, pegawai__in=pegawai_qs)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = pegawai_qs.aggregate(n=Count("pk", filter=Q(aktif=True)))["n"]
    counts["belum"] = max(total - sum(counts.values()), 0)
    return counts


# --- reads of the API (lists that have no page of their own) --------------------------------------------------------


def pembukaan_kembali_for_user(user) -> QuerySet[PembukaanKembali]:
    """Reopenings of the entries of every pegawai the user may see (``pegawai_scope_q``: himself, his
    subordinates, an admin's subtree, everyone for admin BKD), newest first, with the pegawai, the period and the
    account that reopened them: one query for a page of any size."""
    return (
        PembukaanKembali.objects.filter(pegawai_scope_q(user, "pegawai__"))
        .select_related("pegawai", "periode", "dibuat_oleh")
        .order_by("-dibuat", "-pk")
    )


def dialog_kinerja_for_user(user) -> QuerySet[DialogKinerja]:
    """Dialog kinerja notes on the SKP of every pegawai the user may see, latest dialog first, with the SKP's
    pegawai and period and the penilai who held it: one query for a page of any size."""
    return (
        DialogKinerja.objects.filter(pegawai_scope_q(user, "skp__pegawai__"))
        .select_related("skp", "skp__pegawai", "skp__periode", "penilai")
        .order_by("-tanggal", "-pk")
    )


# --- capaian in SQL, for aggregate queries ----------------------------------------------------------------------

#: capaian of one IKI in SQL (domain.md "Achievement") over the columns of an inner query aliased ``i``: ``arah``,
#: ``target_bentuk``, ``target``, ``target_atas`` and the realisation that counts, ``r`` (laporan's IKI spread,
#: penilaian's yearly capaian). A range target is 100 inside; outside, the direction's formula against the nearer
#: bound; a zero (nearer) target or no realisation gives NULL, never a division by zero.
CAPAIAN_IKI_SQL = """
    CASE
      WHEN i.r IS NULL THEN NULL
      WHEN i.target_bentuk = 'rentang' AND i.r >= i.target AND i.r <= i.target_atas THEN 100.0
      WHEN i.target_bentuk = 'rentang' AND i.r > i.target_atas THEN
        CASE WHEN i.target_atas = 0 THEN NULL
             WHEN i.arah = 'turun' THEN (2.0 * i.target_atas - i.r) * 100.0 / i.target_atas
             ELSE i.r * 100.0 / i.target_atas END
      WHEN i.target = 0 THEN NULL
      WHEN i.arah = 'turun' THEN (2.0 * i.target - i.r) * 100.0 / i.target
      ELSE i.r * 100.0 / i.target
    END"""


def iki_realisasi_berlaku_subquery(iki_ref: str = "pk"):
    """The realisation that counts for the year of the IKI ``OuterRef(iki_ref)``: its last month/quarter filled in."""
    return Subquery(Realisasi.objects.filter(iki=OuterRef(iki_ref)).order_by("-periode_ke", "-pk").values("nilai")[:1])
