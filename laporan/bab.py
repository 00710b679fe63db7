"""The chapters of a report, aggregated IN THE DATABASE (GROUP BY / aggregate over the year's rows) and turned into
the snapshot: the figures and tables a published report shows, already privacy-suppressed.

Reads other apps through their models and selectors only. Each chapter says whether its app had data for the unit
and year (``ada``); a chapter without data is shown as such, never as zeros that look like results.

Snapshot shape (``skema`` 1)::

    {"skema": 1, "tahun": 2026, "unit": {"kode", "nama", "jenis"}, "min_kelompok": 5,
     "ringkasan": {headline figures}, "bab": {"iku": {"ada": bool, ...}, "pegawai": ..., "pelatihan": ...,
     "layanan": ...}, "tabel": {kunci: {"baris": [[cell, ...], ...]}}}

Columns of each table are declared in ``laporan.tabel`` (keys, titles, descriptions: the documented columns of the
CSV/JSON downloads). Numbers with decimals are strings with a dot and two decimals (``"107.14"``) so that JSON
round-trips them exactly; suppressed cells are ``"< 5"``.
"""

import contextlib
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Round

from indikator.models import Arah, Iki, IndikatorUnit, Realisasi, Skp
from indikator.selectors import CAPAIAN_IKI_SQL
from kepegawaian.models import UnitKerja
from kinerja import privasi
from laporan.models import TargetMenengah
from partisipasi import selectors as partisipasi_selectors
from partisipasi.models import Aspirasi
from pelatihan import selectors as pelatihan_selectors
from penilaian import selectors as penilaian_selectors
from penilaian.models import Evaluasi, JenisEvaluasi, Predikat, StatusEvaluasi

SKEMA = 1
#: capaian bands (indikator's colour bands): >= 100 tercapai, 80–<100 hampir, < 80 belum, no value abu
BATAS_HIJAU = 100
BATAS_KUNING = 80
PITA = ("hijau", "kuning", "merah", "abu")
TAHUN_BANDING = 2  # previous years compared in the IKU table and the trend chart
# the choices' values once (an enum's ``.values`` is rebuilt on every access: measurable over a thousand units)
_PREDIKAT = tuple(Predikat.values)
_STATUS_ASPIRASI = tuple(Aspirasi.Status.values)


def _dua(nilai) -> str | None:
    """A number as text with two decimals, half up (``Decimal`` in, ``"107.14"`` out); ``None`` stays."""
    if nilai is None:
        return None
    hasil = Decimal(str(nilai)).quantize(Decimal("0.01"))
    return f"{abs(hasil) if hasil == 0 else hasil}"


def _capaian_sql(realisasi, target, arah_field: str = "arah"):
    """Capaian in percent as a SQL expression (domain.md "Achievement"): higher is better r/t × 100, lower is
    better (2t − r)/t × 100; a zero target is undefined (NULL), never a division by zero."""
    desimal: DecimalField = DecimalField(max_digits=30, decimal_places=6)
    # SQLite stores whole decimals as integers and would divide them as integers (9900 / 95 = 104): a REAL 100.0
    # there; PostgreSQL keeps numeric (ROUND(numeric, 2) exists, ROUND(double precision, 2) does not).
    seratus = Value(100.0) if connection.vendor == "sqlite" else Value(Decimal(100))
    naik = ExpressionWrapper(realisasi * seratus / target, output_field=desimal)
    turun = ExpressionWrapper((Value(2) * target - realisasi) * seratus / target, output_field=desimal)
    return Case(
        When(**{f"{arah_field}": Arah.TURUN}, then=turun),
        default=naik,
        output_field=desimal,
    )


def _realisasi_terakhir(iki_ref: str):
    """The realisation that counts for the year: the IKI's last month/quarter filled in (a correlated subquery;
    for a unit indicator, over the IKI of every SKP revision linked to it, the latest revision first)."""
    urutan = ["-periode_ke", "-pk"] if iki_ref == "iki" else ["-periode_ke", "-iki__rhk__skp__revisi", "-pk"]
    return Subquery(Realisasi.objects.filter(**{iki_ref: OuterRef("pk")}).order_by(*urutan).values("nilai")[:1])


# --- the year's figures of every unit in scope: a constant number of grouped queries -------------------------------
#
# A run covers a subtree (the province: every unit). Its figures are read ONCE per run by ``agregat_per_unit``: each
# family (IKU rows, predikat, IKI bands, SKP count, JP, needs, aspirations, complaints) is one grouped query over the
# year's rows of the whole subtree, grouped by the person's (the handling unit's, the kelurahan's) OWN unit path;
# counts and sums are then added up per subtree in Python over the unit paths (a few lines per unit, never per data
# row), and the resolution-time percentiles, which do not add up, are grouped per subtree in the database
# (``partisipasi.selectors.penyelesaian_per_subtree``). The result is one plain "slice" per unit (JSON-able: ints,
# floats, ``Decimal``; the run stores each slice on its unit's ``ItemRun``), from which the chapters below build
# the snapshot without another query. ``susun_snapshot(unit=...)`` alone (a retried unit, the tests) reads the
# slices of the unit's own subtree the same way.


def _bil(nilai):
    """A sum as read back: ``Decimal`` from PostgreSQL's numeric (a string once stored as JSON), float from SQLite,
    int from an integer sum."""
    if isinstance(nilai, str | int) and not isinstance(nilai, bool):
        return Decimal(nilai)
    return nilai


def _bagi(jumlah, n: int):
    """The mean from a sum and a count (``AVG`` of the rows, added up per subtree); ``None`` without rows."""
    if not n or jumlah is None:
        return None
    return _bil(jumlah) / n


def _tambah(tujuan: dict, angka: dict) -> None:
    for kunci, nilai in angka.items():
        if nilai is None:
            continue
        tujuan[kunci] = tujuan[kunci] + nilai if tujuan.get(kunci) is not None else nilai


def _iris_kosong() -> dict:
    return {
        "iku": [],
        "predikat": {},
        "iki": {"hijau": 0, "kuning": 0, "merah": 0, "abu": 0, "orang": 0, "c_jumlah": None, "c_n": 0},
        "skp": 0,
        "jp": {"jumlah": 0, "patuh": 0, "jp_jumlah": 0, "jp_n": 0, "ada_data": False},
        "kebutuhan": {"kini": {}, "lalu": {}},
        "aspirasi": {},
        "diterima": {"diterima": 0, "selesai": 0, "ditolak": 0},
        "selesai": [0, None, None, None],
    }


def agregat_per_unit(*, scope: UnitKerja, tahun: int) -> dict[int, dict]:
    """The figures of ``tahun`` behind the report of EVERY unit of ``scope``'s subtree, ``{unit pk: slice}``, read in
    a constant number of grouped queries over the year's rows (about thirteen, whatever the number of units)."""
    units = list(
        UnitKerja.objects.filter(path__startswith=scope.path)
        .order_by("path")
        .values_list("pk", "path", "depth", "aktif", "kode", "nama")
    )
    iris: dict[str, dict] = {path: _iris_kosong() for _pk, path, *_r in units}
    pk_path = {pk: path for pk, path, *_r in units}
    langkah, awal = UnitKerja.steplen, len(scope.path)

    def ke_atas(path: str):
        """The subtrees a row of ``path`` counts in: its own unit and every unit above it, up to the scope."""
        for ujung in range(awal, len(path) + 1, langkah):
            atas = iris.get(path[:ujung])
            if atas is not None:
                yield atas

    # I: the IKU / PK rows of each unit itself (not of its subtree)
    for r in _iku_baris(scope=scope, tahun=tahun):
        iris[pk_path[r.pop("unit_id")]]["iku"].append(r)
    # II: predikat per unit, IKI bands per unit, approved current SKP per unit
    evaluasi = (
        Evaluasi.objects.filter(
            _pegawai_q(scope, "pegawai__"),
            jenis=JenisEvaluasi.TAHUNAN,
            status=StatusEvaluasi.FINAL,
            periode__tahun=tahun,
        )
        .exclude(predikat="")
        .order_by()
        .values_list("pegawai__unit__path", "predikat")
        .annotate(n=Count("pk"))
    )
    for path, predikat, n in evaluasi:
        for atas in ke_atas(path):
            _tambah(atas["predikat"], {predikat: n})
    for path, *angka in _sebaran_iki(scope=scope, tahun=tahun):
        baris = dict(zip(("hijau", "kuning", "merah", "abu", "orang", "c_jumlah", "c_n"), angka, strict=True))
        for atas in ke_atas(path):
            _tambah(atas["iki"], baris)
    skp = (
        Skp.objects.filter(
            _pegawai_q(scope, "pegawai__"), periode__tahun=tahun, status=Skp.Status.DISETUJUI, terkini=True
        )
        .order_by()
        .values_list("pegawai__unit__path")
        .annotate(n=Count("pk"))
    )
    for path, n in skp:
        for atas in ke_atas(path):
            atas["skp"] += n
    # III: JP compliance, development needs met and "did it work" (the needs of the year before)
    for path, jp in pelatihan_selectors.kepatuhan_jp_per_unit(unit_path=scope.path, tahun=tahun).items():
        for atas in ke_atas(path):
            ada = atas["jp"]["ada_data"] or jp["ada_data"]
            _tambah(atas["jp"], {f: jp[f] for f in ("jumlah", "patuh", "jp_jumlah", "jp_n")})
            atas["jp"]["ada_data"] = ada
    for kunci, th in (("kini", tahun), ("lalu", tahun - 1)):
        for path, area, latih, *sel_baris in pelatihan_selectors.dampak_pelatihan_baris(unit=scope, tahun=th):
            for atas in ke_atas(path):
                sel = atas["kebutuhan"][kunci].setdefault(f"{area}|{latih}", [0] * len(sel_baris))
                for i, nilai in enumerate(sel_baris):
                    sel[i] += nilai
    # IV: aspirations per kelurahan, complaints received per handling unit, resolution per subtree
    for path, per_status in partisipasi_selectors.aspirasi_status_per_kelurahan(unit=scope, tahun=tahun).items():
        for atas in ke_atas(path):
            _tambah(atas["aspirasi"], per_status)
    mulai, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    for path, terima in partisipasi_selectors.pengaduan_diterima_per_unit(unit=scope, mulai=mulai, akhir=akhir).items():
        for atas in ke_atas(path):
            _tambah(atas["diterima"], terima)
    for path, a in partisipasi_selectors.penyelesaian_per_subtree(unit=scope, mulai=mulai, akhir=akhir).items():
        if path in iris:
            iris[path]["selesai"] = [a.jumlah, a.median_jam, a.p90_jam, a.persen_tepat_waktu]

    # the province summary's rows: the figures of each active unit directly under a root unit
    for _pk, path, depth, _aktif, _kode, _nama in units:
        if depth != 1:
            continue
        iris[path]["anak"] = [
            {
                "kode": kode,
                "nama": nama,
                "iku_rata": _iku_ringkas(iris[p]["iku"], tahun)[0]["rata_capaian"],
                "skp": iris[p]["skp"],
                "jp": iris[p]["jp"],
                "selesai": iris[p]["selesai"],
            }
            for _pk2, p, d, aktif, kode, nama in units
            if d == 2 and aktif and p.startswith(path)
        ]
    for sel in iris.values():
        for kunci in ("kini", "lalu"):
            sel["kebutuhan"][kunci] = [[*k.split("|"), *v] for k, v in sel["kebutuhan"][kunci].items()]
    return {pk: iris[path] for pk, path in pk_path.items()}


def _iris(unit: UnitKerja, tahun: int, agregat: dict | None) -> dict:
    """The unit's slice: the one given (a run's), or read now for the unit's own subtree."""
    if agregat is not None:
        return agregat
    return agregat_per_unit(scope=unit, tahun=tahun)[unit.pk]


# --- I/III: IKU and Perjanjian Kinerja --------------------------------------------------------------------------


def _iku_baris(*, scope: UnitKerja, tahun: int) -> list[dict]:
    """Per indicator (IKU and PK) of every unit of the subtree, this year and the previous ones: target, realisation
    (the linked RHK's IKI, last period filled), capaian with two decimals, and the medium-term target (RPD / RPJMD,
    ``TargetMenengah``) with the capaian against it. One query."""
    capaian = Case(
        When(target=0, then=Value(None)),
        When(realisasi__isnull=True, then=Value(None)),
        default=Round(_capaian_sql(F("realisasi"), F("target")), 2),
        output_field=DecimalField(max_digits=30, decimal_places=2),
    )
    # The medium-term target (RPD / RPJMD) of the same unit and indicator name, from the latest-starting plan whose
    # period covers the year: two correlated subqueries of the same one query.
    menengah = TargetMenengah.objects.filter(
        unit=OuterRef("unit"), indikator=OuterRef("indikator"), rencana__tahun_awal__lte=tahun,
        rencana__tahun_akhir__gte=tahun,
    ).order_by("-rencana__tahun_awal", "-pk")  # fmt: skip
    capaian_menengah = Case(
        When(target_menengah__isnull=True, then=Value(None)),
        When(target_menengah=0, then=Value(None)),
        When(realisasi__isnull=True, then=Value(None)),
        default=Round(_capaian_sql(F("realisasi"), F("target_menengah")), 2),
        output_field=DecimalField(max_digits=30, decimal_places=2),
    )
    return list(
        IndikatorUnit.objects.filter(
            unit__path__startswith=scope.path, periode__tahun__gte=tahun - TAHUN_BANDING, periode__tahun__lte=tahun
        )
        .annotate(realisasi=_realisasi_terakhir("iki__rhk__indikator_unit"))
        .annotate(
            capaian=capaian,
            target_menengah=Subquery(menengah.values("target")[:1]),
            rencana_menengah=Subquery(menengah.values("rencana__nama")[:1]),
        )
        .annotate(capaian_menengah=capaian_menengah)
        .order_by("unit_id", "jenis", "urutan", "pk")
        .values(
            "unit_id", "jenis", "sasaran_strategis", "indikator", "satuan", "arah", "target", "realisasi", "capaian",
            "target_menengah", "rencana_menengah", "capaian_menengah", tahun_=F("periode__tahun"),
        )
    )  # fmt: skip


def _iku_ringkas(rows: list[dict], tahun: int) -> tuple[dict, list[list], dict]:
    lampau = {(r["jenis"], r["indikator"], r["tahun_"]): r["capaian"] for r in rows if r["tahun_"] != tahun}
    baris = []
    kini = [r for r in rows if r["tahun_"] == tahun]
    for r in kini:
        baris.append(
            [
                r["jenis"],
                r["sasaran_strategis"],
                r["indikator"],
                r["satuan"],
                r["arah"],
                _dua(r["target"]),
                _dua(r["realisasi"]),
                _dua(r["capaian"]),
                *(_dua(lampau.get((r["jenis"], r["indikator"], tahun - n))) for n in range(1, TAHUN_BANDING + 1)),
                _dua(r["target_menengah"]),
                r["rencana_menengah"],
                _dua(r["capaian_menengah"]),
            ]
        )
    per_tahun: dict[int, list[Decimal]] = {}
    for r in rows:
        if r["capaian"] is not None:
            per_tahun.setdefault(r["tahun_"], []).append(Decimal(r["capaian"]))
    tren = [
        [t, _dua(sum(per_tahun[t]) / len(per_tahun[t])) if per_tahun.get(t) else None, len(per_tahun.get(t, []))]
        for t in range(tahun - TAHUN_BANDING, tahun + 1)
        if per_tahun.get(t) or t == tahun
    ]
    nilai_kini = [Decimal(r["capaian"]) for r in kini if r["capaian"] is not None]
    ringkas = {
        "ada": bool(kini),
        "jumlah": len(kini),
        "tercapai": sum(1 for c in nilai_kini if c >= BATAS_HIJAU),
        "rata_capaian": _dua(sum(nilai_kini) / len(nilai_kini)) if nilai_kini else None,
        # how many of this year's indicators have a medium-term (RPD / RPJMD) target recorded
        "target_menengah_dikenal": sum(1 for r in kini if r["target_menengah"] is not None),
        "rencana_menengah": sorted({r["rencana_menengah"] for r in kini if r["rencana_menengah"]}),
    }
    return ringkas, baris, {"baris": tren}


def bab_iku(*, unit: UnitKerja, tahun: int, agregat: dict | None = None) -> tuple[dict, list[list], dict]:
    """Per indicator of the unit (IKU and PK): target, realisation, capaian with two decimals, the capaian of the
    same indicator in the previous years, the medium-term target and the capaian against it; the trend of the mean
    capaian over the years."""
    return _iku_ringkas(_iris(unit, tahun, agregat)["iku"], tahun)


# --- People: SKP capaian spread and predikat distribution -------------------------------------------------------


def _pegawai_q(unit: UnitKerja, prefix: str) -> Q:
    return Q(**{f"{prefix}unit__path__startswith": unit.path})


def bab_pegawai(
    *, unit: UnitKerja, tahun: int, k: int, agregat: dict | None = None
) -> tuple[dict, list[list], list[list]]:
    """Annual predikat of the subtree's people (final annual evaluations, grouped by predikat) against the curve of
    the configured organisation predikat; and the spread of the capaian of their approved SKP's IKI in bands, with
    the capaian computed in SQL. Counts of fewer than ``k`` people are suppressed."""
    iris = _iris(unit, tahun, agregat)
    jumlah = dict.fromkeys(_PREDIKAT, 0)
    for predikat, n in iris["predikat"].items():
        jumlah[predikat] += int(n)
    total = sum(jumlah.values())
    tampil = privasi.sensor_kelompok(jumlah, k)
    total_tampil = privasi.sensor_total(total, k)
    predikat_baris = [[kunci, tampil[kunci], privasi.persen(tampil[kunci], total_tampil)] for kunci in _PREDIKAT]
    acuan = getattr(settings, "LAPORAN_PREDIKAT_ORGANISASI_ACUAN", "baik")
    sesuai_kurva = None
    if total >= k:
        sesuai_kurva = not penilaian_selectors.distribusi_pelanggaran(
            predikat_organisasi=acuan, jumlah_per_predikat=jumlah
        )

    iki = iris["iki"]
    orang = int(iki["orang"])
    rata = _bagi(iki["c_jumlah"], int(iki["c_n"]))
    pita = {kunci: int(iki[kunci]) for kunci in PITA}
    # A band of the IKI of fewer than k people could be one person's result: the whole table follows the people.
    if 0 < orang < k:
        pita_tampil: dict[str, int | str] = {kunci: privasi.tanda(k) for kunci in PITA}
        rata_tampil: str | None = privasi.tanda(k)
    else:
        pita_tampil = privasi.sensor_kelompok(pita, k)
        rata_tampil = _dua(rata)
    total_iki = sum(pita.values())
    total_iki_tampil = privasi.tanda(k) if 0 < orang < k else total_iki
    capaian_baris = [
        [kunci, pita_tampil[kunci], privasi.persen(pita_tampil[kunci], total_iki_tampil)] for kunci in PITA
    ]
    ringkas = {
        "ada": total > 0 or total_iki > 0,
        "ada_predikat": total > 0,
        "ada_skp": total_iki > 0,
        "jumlah_dinilai": total_tampil,
        "jumlah_pegawai_skp": privasi.sensor_total(orang, k),
        "rata_capaian_iki": rata_tampil,
        "predikat_acuan": acuan,
        "sesuai_kurva": sesuai_kurva,
    }
    return ringkas, predikat_baris, capaian_baris


#: capaian of one IKI in SQL (domain.md "Achievement"): kept with indikator's reads, where other apps find it too.
_CAPAIAN_IKI_SQL = CAPAIAN_IKI_SQL


def _sebaran_iki(*, scope: UnitKerja, tahun: int) -> list[tuple]:
    """The IKI of the approved, current SKP of the subtree's people for the year, counted per capaian band and per
    person's unit, in ONE query: the inner query (the ORM's) gives each IKI its counting realisation once (a
    correlated subquery); the outer one computes the capaian and aggregates per unit path: the four bands, the
    people (each in one unit, so they add up per subtree), the sum and the count of the capaian. (Written as ORM
    annotations, the realisation subquery would be repeated inside every band's FILTER and every branch of the
    CASE.)"""
    inner = (
        Iki.objects.filter(
            _pegawai_q(scope, "rhk__skp__pegawai__"),
            rhk__skp__periode__tahun=tahun,
            rhk__skp__status=Skp.Status.DISETUJUI,
            rhk__skp__terkini=True,
        )
        .annotate(
            r=_realisasi_terakhir("iki"), orang=F("rhk__skp__pegawai_id"), upath=F("rhk__skp__pegawai__unit__path")
        )
        .order_by()
        .values("arah", "target_bentuk", "target", "target_atas", "r", "orang", "upath")
    )
    sql, params = inner.query.sql_with_params()
    postgresql = connection.vendor == "postgresql"
    # ``OFFSET 0`` fences the inner query: without it PostgreSQL flattens it and copies the correlated realisation
    # subquery into every reference of ``r`` in the capaian expression (dozens of copies per IKI row)
    pagar = " OFFSET 0" if postgresql else ""
    query = f"""
        SELECT upath,
          COUNT(CASE WHEN c >= {BATAS_HIJAU} THEN 1 END),
          COUNT(CASE WHEN c >= {BATAS_KUNING} AND c < {BATAS_HIJAU} THEN 1 END),
          COUNT(CASE WHEN c < {BATAS_KUNING} THEN 1 END),
          COUNT(CASE WHEN c IS NULL THEN 1 END),
          COUNT(DISTINCT orang),
          SUM(c),
          COUNT(c)
        FROM (SELECT i.upath AS upath, i.orang AS orang, ROUND({_CAPAIAN_IKI_SQL}, 2) AS c FROM ({sql}{pagar}) i) t
        GROUP BY upath
    """  # noqa: S608 - the only interpolations are constants and the ORM's own SQL (its values are parameters)
    with transaction.atomic() if postgresql else contextlib.nullcontext(), connection.cursor() as cursor:
        if postgresql:
            # as in pelatihan's grouped query: JIT compilation of this many-CASE plan costs more than the query
            # (240 people: 1.2 s of JIT for a 0.1 s query)
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(query, params)
        return cursor.fetchall()


# --- Training: JP compliance ------------------------------------------------------------------------------------


def bab_pelatihan(*, unit: UnitKerja, tahun: int, k: int, agregat: dict | None = None) -> tuple[dict, list[list]]:
    """How many active people of the subtree reached their 20 JP (PNS) / goal (PPPK) in the year."""
    return _pelatihan(_iris(unit, tahun, agregat)["jp"], k)


def _pelatihan(angka: dict, k: int) -> tuple[dict, list[list]]:
    jumlah, patuh = int(angka["jumlah"]), int(angka["patuh"])
    sel = privasi.sensor_kelompok({"patuh": patuh, "belum": jumlah - patuh}, k)
    total = privasi.sensor_total(jumlah, k)
    jp_rata = _bagi(angka["jp_jumlah"], int(angka["jp_n"]))
    baris = [[total, sel["patuh"], sel["belum"], privasi.persen(sel["patuh"], total), _dua(jp_rata)]]
    if isinstance(total, str):
        baris[0][4] = total
    ringkas = {"ada": bool(angka["ada_data"]), "persen_patuh": privasi.persen(sel["patuh"], total)}
    return ringkas, baris


def bab_kebutuhan(*, unit: UnitKerja, tahun: int, agregat: dict | None = None) -> tuple[dict, list[list], list[list]]:
    """Development needs met and "did it work?", through ``pelatihan.selectors.dampak_pelatihan_dari_baris`` (the
    figures of pelatihan's own page for a unit's subtree, the same suppression): per competence area, the needs
    raised by the evaluations of ``tahun`` for the subtree's people and how many a completed training closed; and
    the comparison of the people with a need of the year BEFORE (moves from ``tahun − 1`` to ``tahun``, the last
    complete pair when the report is generated) who trained with those who did not."""
    iris = _iris(unit, tahun, agregat)["kebutuhan"]

    def laporan(kunci: str, th: int):
        baris = [(unit.path, area, int(latih), *angka) for area, latih, *angka in iris[kunci]]
        return pelatihan_selectors.dampak_pelatihan_dari_baris(unit=unit, tahun=th, baris=baris)

    kini = laporan("kini", tahun)
    lalu = laporan("lalu", tahun - 1)
    kebutuhan_baris = [
        [b.area, b.kebutuhan, b.kebutuhan_latih, b.persen_kebutuhan_latih] for b in kini.baris if b.total
    ]
    dampak_baris = []
    for b in lalu.baris:
        if not b.total:
            continue
        for nama, g in (("latih", b.latih), ("tidak", b.tidak)):
            dampak_baris.append(
                [b.area, nama, g.orang, g.naik, g.tetap, g.turun, g.belum,
                 _dua(g.capaian_awal), _dua(g.capaian_akhir), _dua(g.capaian_selisih)]
            )  # fmt: skip
    # the year's totals only when no area is suppressed (else the total would reveal it by subtraction)
    angka = [(b.kebutuhan, b.kebutuhan_latih) for b in kini.baris if b.total]
    utuh = all(isinstance(n, int) and isinstance(m, int) for n, m in angka)
    jumlah: int | None = sum(int(n) for n, _m in angka) if angka and utuh else None
    terpenuhi: int | None = sum(int(m) for _n, m in angka) if angka and utuh else None
    ringkas = {
        "ada_kebutuhan": bool(kebutuhan_baris),
        "ada_dampak": bool(dampak_baris),
        "tahun_dampak": tahun - 1,
        "jumlah_kebutuhan": jumlah,
        "kebutuhan_terpenuhi": terpenuhi,
        "persen_kebutuhan_terpenuhi": privasi.persen(terpenuhi, jumlah) if jumlah and terpenuhi is not None else None,
    }
    return ringkas, kebutuhan_baris, dampak_baris


#: an aspiration is followed up once it left "diterima" (acted on, planned, done, or answered with a reason)
ASPIRASI_BELUM = "diterima"


def bab_aspirasi(*, unit: UnitKerja, tahun: int, agregat: dict | None = None) -> tuple[dict, list[list]]:
    """Aspirations of the forums held in the year in the subtree's kelurahan, per status (counts of aspirations,
    not of people: nothing to suppress), and the share followed up."""
    jumlah = dict.fromkeys(_STATUS_ASPIRASI, 0)
    for status, n in _iris(unit, tahun, agregat)["aspirasi"].items():
        jumlah[status] += int(n)
    total = sum(jumlah.values())
    baris = [[status, n, privasi.persen(n, total)] for status, n in jumlah.items()]
    lanjut = total - jumlah.get(ASPIRASI_BELUM, 0)
    ringkas = {
        "ada": total > 0,
        "jumlah": total,
        "ditindaklanjuti": lanjut,
        "persen_ditindaklanjuti": privasi.persen(lanjut, total),
    }
    return ringkas, baris


# --- Citizen service: complaints --------------------------------------------------------------------------------


def bab_layanan(*, unit: UnitKerja, tahun: int, agregat: dict | None = None) -> tuple[dict, list[list]]:
    """Complaints the subtree received in the year and completed in it: median and 90th percentile of the
    resolution time (PostgreSQL ``percentile_cont``), share within the service level, against the target."""
    iris = _iris(unit, tahun, agregat)
    diterima = {f: int(n) for f, n in iris["diterima"].items()}
    jumlah_selesai, median_jam, p90_jam, persen_tepat = iris["selesai"]
    target = int(getattr(settings, "LAPORAN_TARGET_PENYELESAIAN_HARI", 5))

    def hari(jam: float | None) -> str | None:
        return None if jam is None else _dua(jam / 24)

    baris = [
        [
            diterima["diterima"],
            int(jumlah_selesai),
            diterima["ditolak"],
            hari(median_jam),
            hari(p90_jam),
            target,
            _dua(persen_tepat),
        ]
    ]
    ringkas = {
        "ada": bool(diterima["diterima"] or jumlah_selesai),
        "diterima": diterima["diterima"],
        "selesai": int(jumlah_selesai),
        "median_hari": hari(median_jam),
        "p90_hari": hari(p90_jam),
        "target_hari": target,
        "median_memenuhi_target": None if median_jam is None else median_jam / 24 <= target,
        "persen_tepat_waktu": _dua(persen_tepat),
    }
    return ringkas, baris


# --- Province summary: the headline figures of each top-level unit -------------------------------------------------


def bab_per_unit(*, unit: UnitKerja, tahun: int, k: int, agregat: dict | None = None) -> list[list]:
    """For the province's report (the root unit): one row per active unit directly under it — its IKU capaian
    average, its people's approved current SKP of the year (a count of people: suppressed below ``k``), its JP
    compliance share (suppressed as in its own chapter) and its complaints completed in the year with the share
    within the service level. Every figure comes from the run's grouped queries (``agregat_per_unit``: each family
    ONE query over the whole tree, added up per subtree by unit path), none is read per unit."""
    baris = []
    for anak in _iris(unit, tahun, agregat).get("anak", []):
        pelatihan, _jp = _pelatihan(anak["jp"], k)
        jumlah_selesai, _median, _p90, persen_tepat = anak["selesai"]
        baris.append(
            [
                anak["kode"],
                anak["nama"],
                anak["iku_rata"],
                privasi.sensor_total(int(anak["skp"]), k),
                pelatihan["persen_patuh"],
                int(jumlah_selesai),
                _dua(persen_tepat),
            ]
        )
    return baris


# --- the whole snapshot -----------------------------------------------------------------------------------------


def susun_snapshot(*, unit: UnitKerja, tahun: int, agregat: dict | None = None) -> dict:
    """Every chapter of ``unit``'s report for ``tahun``, from the unit's slice of the run's grouped figures
    (``agregat``, see ``agregat_per_unit``) without a query, or, without it, from the grouped figures of the unit's
    own subtree read now: a constant number of queries whatever the data size."""
    k = int(getattr(settings, "LAPORAN_MIN_KELOMPOK", 5))
    iris = _iris(unit, tahun, agregat)
    iku, iku_baris, tren = bab_iku(unit=unit, tahun=tahun, agregat=iris)
    pegawai, predikat_baris, capaian_baris = bab_pegawai(unit=unit, tahun=tahun, k=k, agregat=iris)
    pelatihan, jp_baris = bab_pelatihan(unit=unit, tahun=tahun, k=k, agregat=iris)
    layanan, pengaduan_baris = bab_layanan(unit=unit, tahun=tahun, agregat=iris)
    kebutuhan, kebutuhan_baris, dampak_baris = bab_kebutuhan(unit=unit, tahun=tahun, agregat=iris)
    pelatihan.update(kebutuhan)
    aspirasi, aspirasi_baris = bab_aspirasi(unit=unit, tahun=tahun, agregat=iris)
    layanan["aspirasi"] = aspirasi
    per_unit = bab_per_unit(unit=unit, tahun=tahun, k=k, agregat=iris) if unit.depth == 1 else []
    return {
        "skema": SKEMA,
        "tahun": tahun,
        "unit": {"kode": unit.kode, "nama": unit.nama, "jenis": unit.jenis},
        "min_kelompok": k,
        "ringkasan": {
            "jumlah_iku": iku["jumlah"],
            "iku_tercapai": iku["tercapai"],
            "rata_capaian_iku": iku["rata_capaian"],
            "jumlah_dinilai": pegawai["jumlah_dinilai"],
            "persen_patuh_jp": pelatihan["persen_patuh"] if pelatihan["ada"] else None,
            "pengaduan_selesai": layanan["selesai"],
            "median_hari": layanan["median_hari"],
            "persen_kebutuhan_terpenuhi": kebutuhan["persen_kebutuhan_terpenuhi"],
            "persen_aspirasi_ditindaklanjuti": aspirasi["persen_ditindaklanjuti"],
        },
        "bab": {
            "iku": iku,
            "pegawai": pegawai,
            "pelatihan": pelatihan,
            "layanan": layanan,
            "provinsi": {"ada": bool(per_unit), "jumlah_unit": len(per_unit)},
        },
        "tabel": {
            "iku": {"baris": iku_baris},
            "tren": tren,
            "predikat": {"baris": predikat_baris},
            "capaian_iki": {"baris": capaian_baris},
            "jp": {"baris": jp_baris},
            "pengaduan": {"baris": pengaduan_baris},
            "kebutuhan": {"baris": kebutuhan_baris},
            "dampak": {"baris": dampak_baris},
            "aspirasi": {"baris": aspirasi_baris},
            "per_unit": {"baris": per_unit},
        },
    }
