"""Did training work? ("Apakah pelatihan berhasil?") Per unit and per competence area, the development needs of one
year (``penilaian.KebutuhanPengembangan`` raised by the evaluations of year *T*), how many were met by training,
and how the predikat and the capaian of the people who trained moved from year *T* to the next year compared with
the people with a need in the same area who did not train.

Definitions (shown on the page):

- **a person with a need** in area *A*: a pegawai in the viewer's scope with at least one need in *A* raised by an
  evaluation (periodic or annual) of year *T*. A person with needs in two areas counts in both.
- **trained** ("berlatih"): at least one of those needs was met by a completed training (closed by ``pelatihan``,
  ``referensi_penutupan = "pelatihan:<event>"``) by the end of year *T + 1*; the others did not train.
- **the move**: the predikat of his final annual evaluation of *T + 1* against that of *T* (up, same, down; people
  without both are "not comparable yet"); the capaian is the mean IKI capaian of his approved SKP of each year
  (``penilaian.selectors.capaian_tahunan_sql``), compared over the people who have both.
- **scope**: admin unit his subtree, admin BKD the province (``pegawai_manage_q``, as the compliance page). A penilai
  is not offered the page: a team is nearly always under the minimum group and would show only "< 5".
- **units**: each person counts in the unit one level below the top of the scope (BKD: the perangkat daerah; an
  admin unit: the units directly under his), grouped in the database by the prefix of the unit path.

Counts are aggregated in ONE query (GROUP BY unit, area, trained, with conditional counts), plus one for the unit
names (on PostgreSQL one ``SET LOCAL jit = off`` before it: JIT compilation of the plan cost more than the query).
Groups of fewer than ``kinerja.privasi.min_kelompok()`` people are shown as "< 5", and so is every cell from which
one could be found again by subtraction (``kinerja.privasi.sensor_tabel``: within a group, and down the columns to
the scope's total row). It is a comparison, not a proof of cause: who is sent to training is not random.
"""

import contextlib
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, pegawai_manage_q
from kepegawaian.models import Pegawai, UnitKerja
from kinerja import privasi
from pelatihan import access
from penilaian.models import KebutuhanPengembangan
from penilaian.selectors import capaian_tahunan_sql, peringkat_predikat_tahunan_sql

KELOMPOK = ("latih", "tidak")
GERAK = ("naik", "tetap", "turun", "belum")
TOTAL = "__total__"


@dataclass
class KelompokDampak:
    """One group of a row (trained or not): its people and how their predikat and capaian moved. A cell is an
    ``int`` or the suppression mark (``"< 5"``); ``capaian_*`` are ``None`` when not shown."""

    orang: int | str = 0
    naik: int | str = 0
    tetap: int | str = 0
    turun: int | str = 0
    belum: int | str = 0
    capaian_awal: float | None = None
    capaian_akhir: float | None = None
    persen: dict[str, str | None] = field(default_factory=dict)

    @property
    def capaian_selisih(self) -> float | None:
        if self.capaian_awal is None or self.capaian_akhir is None:
            return None
        return round(self.capaian_akhir - self.capaian_awal, 2)


@dataclass
class BarisDampak:
    unit_path: str
    unit_nama: str
    area: str
    area_label: str
    kebutuhan: int | str
    kebutuhan_latih: int | str
    persen_kebutuhan_latih: str | None
    latih: KelompokDampak
    tidak: KelompokDampak
    total: bool = False

    @property
    def kelompok(self) -> list[tuple[str, KelompokDampak]]:
        """The two groups with their labels, for the table."""
        return [(str(_("Berlatih")), self.latih), (str(_("Tidak berlatih")), self.tidak)]


@dataclass
class LaporanDampak:
    tahun: int
    min_kelompok: int
    baris: list[BarisDampak]

    @property
    def per_area(self) -> list[tuple[str, list[BarisDampak]]]:
        """The rows by area, the scope's total row of each area last."""
        hasil: dict[str, list[BarisDampak]] = {}
        for b in self.baris:
            hasil.setdefault(b.area_label, []).append(b)
        return list(hasil.items())


def _tingkat(user) -> int:
    """The depth of the unit level the rows show: one below the top of the viewer's scope."""
    akses = akses_for(user)
    if akses.is_bkd or not akses.admin_unit_paths:
        return 2
    return min(len(p) for p in akses.admin_unit_paths) // UnitKerja.steplen + 1


def _angka_sql(*, lingkup: Q, tahun: int, panjang: int) -> tuple[str, list]:
    """The one grouped query: per (unit prefix, area, trained) the people, their needs, the moves, capaian sums.
    ``lingkup``: the people in scope, as a filter on ``KebutuhanPengembangan`` (``pegawai__...``)."""
    dalam = Q(lingkup, evaluasi__periode__tahun=tahun)
    kebutuhan = (
        KebutuhanPengembangan.objects.filter(dalam)
        .annotate(
            latih=Case(
                When(
                    status=KebutuhanPengembangan.Status.TERPENUHI,
                    referensi_penutupan__startswith="pelatihan:",
                    ditutup_pada__year__lte=tahun + 1,
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .annotate(kid=F("pegawai_id"), karea=F("area_kompetensi"))
        .order_by()
        .values("kid", "karea", "latih")
    )
    ids = KebutuhanPengembangan.objects.filter(dalam).values("pegawai_id")
    orang = (
        Pegawai.objects.filter(pk__in=ids)
        .annotate(pid=F("pk"), grup=Substr("unit__path", 1, panjang))
        .order_by()
        .values("pid", "grup")
    )
    tabel = [
        kebutuhan.query.sql_with_params(),
        orang.query.sql_with_params(),
        peringkat_predikat_tahunan_sql(pegawai_ids=ids, tahun=tahun),
        peringkat_predikat_tahunan_sql(pegawai_ids=ids, tahun=tahun + 1),
        capaian_tahunan_sql(pegawai_ids=ids, tahun=tahun),
        capaian_tahunan_sql(pegawai_ids=ids, tahun=tahun + 1),
    ]
    sql_k, sql_o, sql_p0, sql_p1, sql_c0, sql_c1 = (sql for sql, _params in tabel)
    banding = "p0.p IS NOT NULL AND p1.p IS NOT NULL"
    capaian = "c0.c IS NOT NULL AND c1.c IS NOT NULL"
    query = f"""
        SELECT o.grup, a.area, a.latih, COUNT(*), SUM(a.n), SUM(a.n_latih),
          COUNT(CASE WHEN {banding} AND p1.p > p0.p THEN 1 END),
          COUNT(CASE WHEN {banding} AND p1.p = p0.p THEN 1 END),
          COUNT(CASE WHEN {banding} AND p1.p < p0.p THEN 1 END),
          COUNT(CASE WHEN {capaian} THEN 1 END),
          SUM(CASE WHEN {capaian} THEN c0.c END),
          SUM(CASE WHEN {capaian} THEN c1.c END)
        FROM (
          SELECT k.kid AS pegawai_id, k.karea AS area, MAX(k.latih) AS latih,
                 COUNT(*) AS n, SUM(k.latih) AS n_latih
          FROM ({sql_k}) k GROUP BY k.kid, k.karea
        ) a
        JOIN ({sql_o}) o ON o.pid = a.pegawai_id
        LEFT JOIN ({sql_p0}) p0 ON p0.pid = a.pegawai_id
        LEFT JOIN ({sql_p1}) p1 ON p1.pid = a.pegawai_id
        LEFT JOIN ({sql_c0}) c0 ON c0.pid = a.pegawai_id
        LEFT JOIN ({sql_c1}) c1 ON c1.pid = a.pegawai_id
        GROUP BY o.grup, a.area, a.latih
        ORDER BY o.grup, a.area, a.latih
    """  # noqa: S608 - the only interpolations are constants and the ORM's own SQL (its values are parameters)
    return query, [p for _sql, params in tabel for p in params]


def dampak_pelatihan(*, user, tahun: int) -> LaporanDampak:
    """The figures of the page and the API for the needs of year ``tahun`` in ``user``'s scope: two queries.
    For admin unit and admin BKD (``pelatihan.access.require_lihat_agregat``: 403 for anyone else)."""
    access.require_lihat_agregat(user)
    tingkat = _tingkat(user)
    return _dampak(lingkup=pegawai_manage_q(user, "pegawai__"), tahun=tahun, panjang=tingkat * UnitKerja.steplen)


def dampak_pelatihan_unit(*, unit: UnitKerja, tahun: int) -> LaporanDampak:
    """The same figures for the people of ``unit``'s subtree, as ONE group (the unit itself) and its total rows: for
    the annual report (``laporan.bab``), which is generated for a unit, not shown to a viewer. Two queries."""
    return _dampak(lingkup=Q(pegawai__unit__path__startswith=unit.path), tahun=tahun, panjang=len(unit.path))


#: longer than any unit path: ``Substr(path, 1, PATH_PENUH)`` is the person's own unit
PATH_PENUH = 255


def dampak_pelatihan_baris(*, unit: UnitKerja, tahun: int) -> list[tuple]:
    """The raw grouped figures behind ``dampak_pelatihan_unit`` for every unit of ``unit``'s subtree at once (the
    annual report's run): the one grouped query, grouped by each person's OWN unit path instead of one prefix.
    Rows ``(unit_path, area, latih, people, needs, needs met, up, same, down, comparable, sum c0, sum c1)``, counts
    as ints and sums as floats (PostgreSQL answers numeric), so that the caller can add them up per subtree."""
    query, params = _angka_sql(lingkup=Q(pegawai__unit__path__startswith=unit.path), tahun=tahun, panjang=PATH_PENUH)
    return [
        (grup, area, int(latih), *(int(x or 0) for x in angka), float(s0 or 0), float(s1 or 0))
        for grup, area, latih, *angka, s0, s1 in _jalankan(query, params)
    ]


def dampak_pelatihan_dari_baris(*, unit: UnitKerja, tahun: int, baris: list) -> LaporanDampak:
    """``dampak_pelatihan_unit`` computed from rows of ``dampak_pelatihan_baris`` (of ``unit``'s subtree or of a
    subtree above it): the rows of ``unit``'s subtree as its one group, the same suppression. No query."""
    dalam = [(unit.path, *b[1:]) for b in baris if b[0].startswith(unit.path)]
    return _dampak_susun(dalam, tahun=tahun, nama={unit.path: unit.nama})


def _jalankan(query: str, params: list) -> list[tuple]:
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if postgresql else contextlib.nullcontext(), connection.cursor() as cursor:
        if postgresql:
            # PostgreSQL's JIT compiles this many-CASE plan for seconds (20,000 people: 11.6 s with, 1.0 s without)
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(query, params)
        return cursor.fetchall()


def _dampak(*, lingkup: Q, tahun: int, panjang: int) -> LaporanDampak:
    query, params = _angka_sql(lingkup=lingkup, tahun=tahun, panjang=panjang)
    return _dampak_susun(_jalankan(query, params), tahun=tahun)


def _dampak_susun(rows: list, *, tahun: int, nama: dict[str, str] | None = None) -> LaporanDampak:
    k = privasi.min_kelompok()
    # (grup, area) -> kelompok -> raw figures
    mentah: dict[tuple[str, str], dict[str, dict]] = {}
    for grup, area, berlatih, n, n_keb, n_keb_latih, naik, tetap, turun, n_cap, s0, s1 in rows:
        for kunci in ((grup, area), (TOTAL, area)):
            sel = mentah.setdefault(kunci, {}).setdefault(KELOMPOK[0] if berlatih else KELOMPOK[1], _nol())
            # PostgreSQL answers a SUM as numeric (Decimal), SQLite as int/float: counts are ints, sums floats
            sel["orang"] += int(n)
            sel["kebutuhan"] += int(n_keb or 0)
            sel["kebutuhan_latih"] += int(n_keb_latih or 0)
            sel["naik"] += int(naik)
            sel["tetap"] += int(tetap)
            sel["turun"] += int(turun)
            sel["belum"] += int(n - naik - tetap - turun)
            sel["n_cap"] += int(n_cap)
            sel["s0"] += float(s0 or 0)
            sel["s1"] += float(s1 or 0)
    if nama is None:
        grup = {g for g, _a in mentah if g != TOTAL}
        nama = dict(UnitKerja.objects.filter(path__in=grup).values_list("path", "nama"))
    tertutup = _sensor(mentah, k)
    label_area = dict(KebutuhanPengembangan.Area.choices)
    baris = []
    urutan = sorted(mentah, key=lambda kunci: (kunci[1], kunci[0] == TOTAL, nama.get(kunci[0], ""), kunci[0]))
    for grup, area in urutan:
        per = mentah[(grup, area)]
        latih, tidak = per.get("latih", _nol()), per.get("tidak", _nol())
        keb = latih["kebutuhan"] + tidak["kebutuhan"]
        # the needs of a row (and those met by training) follow the people: shown when both groups are
        tampil = (grup, area, "latih", "orang") not in tertutup and (grup, area, "tidak", "orang") not in tertutup
        kebutuhan: int | str = keb if tampil else privasi.tanda(k)
        keb_latih: int | str = latih["kebutuhan_latih"] if tampil else privasi.tanda(k)
        baris.append(
            BarisDampak(
                unit_path=grup,
                unit_nama=nama.get(grup, grup) if grup != TOTAL else "",
                area=area,
                area_label=str(label_area.get(area, area)),
                kebutuhan=kebutuhan,
                kebutuhan_latih=keb_latih,
                persen_kebutuhan_latih=_persen(keb_latih, kebutuhan),
                latih=_kelompok(latih, (grup, area, "latih"), tertutup, k),
                tidak=_kelompok(tidak, (grup, area, "tidak"), tertutup, k),
                total=grup == TOTAL,
            )
        )
    return LaporanDampak(tahun=tahun, min_kelompok=k, baris=baris)


def _nol() -> dict:
    return dict.fromkeys(("orang", "kebutuhan", "kebutuhan_latih", *GERAK, "n_cap", "s0", "s1"), 0)


def _sensor(mentah: dict[tuple[str, str], dict[str, dict]], k: int) -> set:
    """The suppressed cells: (grup, area, kelompok, figure). Sums: the four moves of a group add up to its people, and
    each figure of the unit rows of an area adds up to that of the total row."""
    nilai: dict = {}
    himpunan: list = []
    ikut: dict = {}
    for (grup, area), per in mentah.items():
        for kel in KELOMPOK:
            sel = per.get(kel, {})
            for f in ("orang", *GERAK):
                nilai[(grup, area, kel, f)] = sel.get(f, 0)
            himpunan.append(([(grup, area, kel, f) for f in GERAK], (grup, area, kel, "orang")))
            ikut[(grup, area, kel, "orang")] = [(grup, area, kel, f) for f in GERAK]
    for area in sorted({area for _g, area in mentah}):
        units = [g for g, a in mentah if a == area and g != TOTAL]
        for kel in KELOMPOK:
            for f in ("orang", *GERAK):
                himpunan.append(([(g, area, kel, f) for g in units], (TOTAL, area, kel, f)))
    # The people of a whole row (trained + not) are never shown, so the two groups of a row are no sum to protect;
    # the row's needs are shown only when both groups are (``dampak_pelatihan``).
    return privasi.sensor_tabel(nilai, himpunan, k, ikut)


def _persen(bagian: int | str, total: int | str) -> str | None:
    """A share with two decimals, ``None`` when a side is suppressed (the cell already shows the mark) or zero."""
    hasil = privasi.persen(bagian, total)
    return None if hasil is None or isinstance(bagian, str) or isinstance(total, str) else hasil


def _kelompok(sel: dict, kunci: tuple, tertutup: set, k: int) -> KelompokDampak:
    tanda = privasi.tanda(k)
    if (*kunci, "orang") in tertutup:
        return KelompokDampak(orang=tanda, naik=tanda, tetap=tanda, turun=tanda, belum=tanda)
    cells: dict[str, int | str] = {f: (tanda if (*kunci, f) in tertutup else sel[f]) for f in GERAK}
    tampil_capaian = sel["n_cap"] >= k
    return KelompokDampak(
        orang=sel["orang"],
        capaian_awal=round(sel["s0"] / sel["n_cap"], 2) if tampil_capaian else None,
        capaian_akhir=round(sel["s1"] / sel["n_cap"], 2) if tampil_capaian else None,
        persen={f: _persen(cells[f], sel["orang"]) for f in GERAK},
        **cells,
    )
