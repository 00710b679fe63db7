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

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import connection
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
from django.db.models.functions import Round, Substr

from indikator.models import Arah, Iki, IndikatorUnit, Realisasi, Skp
from indikator.selectors import CAPAIAN_IKI_SQL
from kepegawaian.models import UnitKerja
from kinerja import privasi
from laporan.models import TargetMenengah
from partisipasi import selectors as partisipasi_selectors
from pelatihan import selectors as pelatihan_selectors
from penilaian import selectors as penilaian_selectors
from penilaian.models import Evaluasi, JenisEvaluasi, Predikat, StatusEvaluasi

SKEMA = 1
#: capaian bands (indikator's colour bands): >= 100 tercapai, 80–<100 hampir, < 80 belum, no value abu
BATAS_HIJAU = 100
BATAS_KUNING = 80
PITA = ("hijau", "kuning", "merah", "abu")
TAHUN_BANDING = 2  # previous years compared in the IKU table and the trend chart


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


# --- I/III: IKU and Perjanjian Kinerja --------------------------------------------------------------------------


def bab_iku(*, unit: UnitKerja, tahun: int) -> tuple[dict, list[list], dict]:
    """Per indicator of the unit (IKU and PK): target, realisation (the linked RHK's IKI, last period filled),
    capaian with two decimals, the capaian of the same indicator in the previous years, and the medium-term target
    (RPD / RPJMD, ``TargetMenengah``) with the capaian against it. One query."""
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
    rows = list(
        IndikatorUnit.objects.filter(unit=unit, periode__tahun__gte=tahun - TAHUN_BANDING, periode__tahun__lte=tahun)
        .annotate(realisasi=_realisasi_terakhir("iki__rhk__indikator_unit"))
        .annotate(
            capaian=capaian,
            target_menengah=Subquery(menengah.values("target")[:1]),
            rencana_menengah=Subquery(menengah.values("rencana__nama")[:1]),
        )
        .annotate(capaian_menengah=capaian_menengah)
        .order_by("jenis", "urutan", "pk")
        .values(
            "jenis", "sasaran_strategis", "indikator", "satuan", "arah", "target", "realisasi", "capaian",
            "target_menengah", "rencana_menengah", "capaian_menengah", tahun_=F("periode__tahun"),
        )
    )  # fmt: skip
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


# --- People: SKP capaian spread and predikat distribution -------------------------------------------------------


def _pegawai_q(unit: UnitKerja, prefix: str) -> Q:
    return Q(**{f"{prefix}unit__path__startswith": unit.path})


def bab_pegawai(*, unit: UnitKerja, tahun: int, k: int) -> tuple[dict, list[list], list[list]]:
    """Annual predikat of the subtree's people (final annual evaluations), GROUP BY predikat, against the curve of
    the configured organisation predikat; and the spread of the capaian of their approved SKP's IKI in bands, with
    the capaian computed in SQL. Two queries. Counts of fewer than ``k`` people are suppressed."""
    evaluasi = (
        Evaluasi.objects.filter(
            _pegawai_q(unit, "pegawai__"),
            jenis=JenisEvaluasi.TAHUNAN,
            status=StatusEvaluasi.FINAL,
            periode__tahun=tahun,
        )
        .exclude(predikat="")
        .order_by()
        .values("predikat")
        .annotate(n=Count("pk"))
    )
    jumlah = dict.fromkeys(Predikat.values, 0)
    for r in evaluasi:
        jumlah[r["predikat"]] += r["n"]
    total = sum(jumlah.values())
    tampil = privasi.sensor_kelompok(jumlah, k)
    total_tampil = privasi.sensor_total(total, k)
    predikat_baris = [[kunci, tampil[kunci], privasi.persen(tampil[kunci], total_tampil)] for kunci in Predikat.values]
    acuan = getattr(settings, "LAPORAN_PREDIKAT_ORGANISASI_ACUAN", "baik")
    sesuai_kurva = None
    if total >= k:
        sesuai_kurva = not penilaian_selectors.distribusi_pelanggaran(
            predikat_organisasi=acuan, jumlah_per_predikat=jumlah
        )

    iki = _sebaran_iki(unit=unit, tahun=tahun)
    orang = iki.pop("orang")
    rata = iki.pop("rata")
    pita = {kunci: iki[kunci] for kunci in PITA}
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


def _sebaran_iki(*, unit: UnitKerja, tahun: int) -> dict:
    """The IKI of the approved, current SKP of the subtree's people for the year, counted per capaian band, in ONE
    query: the inner query (the ORM's) gives each IKI its counting realisation once (a correlated subquery); the
    outer one computes the capaian and aggregates. (Written as ORM annotations, the realisation subquery would be
    repeated inside every band's FILTER and every branch of the CASE.)"""
    inner = (
        Iki.objects.filter(
            _pegawai_q(unit, "rhk__skp__pegawai__"),
            rhk__skp__periode__tahun=tahun,
            rhk__skp__status=Skp.Status.DISETUJUI,
            rhk__skp__terkini=True,
        )
        .annotate(r=_realisasi_terakhir("iki"), orang=F("rhk__skp__pegawai_id"))
        .order_by()
        .values("arah", "target_bentuk", "target", "target_atas", "r", "orang")
    )
    sql, params = inner.query.sql_with_params()
    query = f"""
        SELECT
          COUNT(CASE WHEN c >= {BATAS_HIJAU} THEN 1 END),
          COUNT(CASE WHEN c >= {BATAS_KUNING} AND c < {BATAS_HIJAU} THEN 1 END),
          COUNT(CASE WHEN c < {BATAS_KUNING} THEN 1 END),
          COUNT(CASE WHEN c IS NULL THEN 1 END),
          COUNT(DISTINCT orang),
          AVG(c)
        FROM (SELECT i.orang AS orang, ROUND({_CAPAIAN_IKI_SQL}, 2) AS c FROM ({sql}) i) t
    """  # noqa: S608 - the only interpolations are constants and the ORM's own SQL (its values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        hijau, kuning, merah, abu, orang, rata = cursor.fetchone()
    return {"hijau": hijau, "kuning": kuning, "merah": merah, "abu": abu, "orang": orang, "rata": rata}


# --- Training: JP compliance ------------------------------------------------------------------------------------


def bab_pelatihan(*, unit: UnitKerja, tahun: int, k: int) -> tuple[dict, list[list]]:
    """How many active people of the subtree reached their 20 JP (PNS) / goal (PPPK) in the year."""
    angka = pelatihan_selectors.kepatuhan_jp_ringkas(unit_path=unit.path, tahun=tahun)
    jumlah, patuh = angka["jumlah"] or 0, angka["patuh"] or 0
    sel = privasi.sensor_kelompok({"patuh": patuh, "belum": jumlah - patuh}, k)
    total = privasi.sensor_total(jumlah, k)
    baris = [[total, sel["patuh"], sel["belum"], privasi.persen(sel["patuh"], total), _dua(angka["jp_rata"])]]
    if isinstance(total, str):
        baris[0][4] = total
    ringkas = {"ada": bool(angka["ada_data"]), "persen_patuh": privasi.persen(sel["patuh"], total)}
    return ringkas, baris


def bab_kebutuhan(*, unit: UnitKerja, tahun: int) -> tuple[dict, list[list], list[list]]:
    """Development needs met and "did it work?", through ``pelatihan.selectors.dampak_pelatihan_unit`` (the
    selector of pelatihan's own page, already suppressed there): per competence area, the needs raised by the
    evaluations of ``tahun`` for the subtree's people and how many a completed training closed; and the comparison
    of the people with a need of the year BEFORE (moves from ``tahun − 1`` to ``tahun``, the last complete pair when
    the report is generated) who trained with those who did not. Four queries."""
    kini = pelatihan_selectors.dampak_pelatihan_unit(unit=unit, tahun=tahun)
    lalu = pelatihan_selectors.dampak_pelatihan_unit(unit=unit, tahun=tahun - 1)
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


def bab_aspirasi(*, unit: UnitKerja, tahun: int) -> tuple[dict, list[list]]:
    """Aspirations of the forums held in the year in the subtree's kelurahan, per status (counts of aspirations,
    not of people: nothing to suppress), and the share followed up. One query."""
    jumlah = partisipasi_selectors.aspirasi_status_angka(unit=unit, tahun=tahun)
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


def bab_layanan(*, unit: UnitKerja, tahun: int) -> tuple[dict, list[list]]:
    """Complaints the subtree received in the year and completed in it: median and 90th percentile of the
    resolution time (PostgreSQL ``percentile_cont``), share within the service level, against the target."""
    mulai, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    diterima = partisipasi_selectors.pengaduan_diterima_angka(unit=unit, mulai=mulai, akhir=akhir)
    selesai = partisipasi_selectors.penyelesaian_angka(unit=unit, mulai=mulai, akhir=akhir)
    target = int(getattr(settings, "LAPORAN_TARGET_PENYELESAIAN_HARI", 5))

    def hari(jam: float | None) -> str | None:
        return None if jam is None else _dua(jam / 24)

    baris = [
        [
            diterima["diterima"],
            selesai.jumlah,
            diterima["ditolak"],
            hari(selesai.median_jam),
            hari(selesai.p90_jam),
            target,
            _dua(selesai.persen_tepat_waktu),
        ]
    ]
    ringkas = {
        "ada": bool(diterima["diterima"] or selesai.jumlah),
        "diterima": diterima["diterima"],
        "selesai": selesai.jumlah,
        "median_hari": hari(selesai.median_jam),
        "p90_hari": hari(selesai.p90_jam),
        "target_hari": target,
        "median_memenuhi_target": None if selesai.median_jam is None else selesai.median_jam / 24 <= target,
        "persen_tepat_waktu": _dua(selesai.persen_tepat_waktu),
    }
    return ringkas, baris


# --- Province summary: the headline figures of each top-level unit -------------------------------------------------


def bab_per_unit(*, unit: UnitKerja, tahun: int, k: int) -> list[list]:
    """For the province's report (the root unit): one row per active unit directly under it — its IKU capaian
    average, its people's approved current SKP of the year (a count of people: suppressed below ``k``), its JP
    compliance share (suppressed as in its own chapter) and its complaints completed in the year with the share
    within the service level. The SKP counts are ONE grouped query (GROUP BY the unit path prefix); the other
    figures reuse the chapters' own aggregates per unit (a few queries per top-level unit, not per row of data)."""
    anak = list(UnitKerja.objects.filter(path__startswith=unit.path, depth=unit.depth + 1, aktif=True).order_by("path"))
    if not anak:
        return []
    panjang = len(unit.path) + UnitKerja.steplen
    skp = dict(
        Skp.objects.filter(
            _pegawai_q(unit, "pegawai__"), periode__tahun=tahun, status=Skp.Status.DISETUJUI, terkini=True
        )
        .annotate(grup=Substr("pegawai__unit__path", 1, panjang))
        .order_by()
        .values("grup")
        .annotate(n=Count("pk"))
        .values_list("grup", "n")
    )
    mulai, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    baris = []
    for u in anak:
        iku, _iku_baris, _tren = bab_iku(unit=u, tahun=tahun)
        pelatihan, _jp = bab_pelatihan(unit=u, tahun=tahun, k=k)
        selesai = partisipasi_selectors.penyelesaian_angka(unit=u, mulai=mulai, akhir=akhir)
        baris.append(
            [
                u.kode,
                u.nama,
                iku["rata_capaian"],
                privasi.sensor_total(skp.get(u.path, 0), k),
                pelatihan["persen_patuh"],
                selesai.jumlah,
                _dua(selesai.persen_tepat_waktu),
            ]
        )
    return baris


# --- the whole snapshot -----------------------------------------------------------------------------------------


def susun_snapshot(*, unit: UnitKerja, tahun: int) -> dict:
    """Every chapter of ``unit``'s report for ``tahun``: a constant number of queries whatever the data size."""
    k = int(getattr(settings, "LAPORAN_MIN_KELOMPOK", 5))
    iku, iku_baris, tren = bab_iku(unit=unit, tahun=tahun)
    pegawai, predikat_baris, capaian_baris = bab_pegawai(unit=unit, tahun=tahun, k=k)
    pelatihan, jp_baris = bab_pelatihan(unit=unit, tahun=tahun, k=k)
    layanan, pengaduan_baris = bab_layanan(unit=unit, tahun=tahun)
    kebutuhan, kebutuhan_baris, dampak_baris = bab_kebutuhan(unit=unit, tahun=tahun)
    pelatihan.update(kebutuhan)
    aspirasi, aspirasi_baris = bab_aspirasi(unit=unit, tahun=tahun)
    layanan["aspirasi"] = aspirasi
    per_unit = bab_per_unit(unit=unit, tahun=tahun, k=k) if unit.depth == 1 else []
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
