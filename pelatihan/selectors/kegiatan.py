"""Reads of ``pelatihan`` that the pages and the API share: the catalogue, a pegawai's registrations and JP
ledger, the penilai's queue, the compliance of a subtree (aggregated in the database, constant query count)."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, first_or_404, pegawai_manage_q, unit_manageable
from kepegawaian.models import Pegawai, UnitKerja
from pelatihan import access
from pelatihan import jp as aturan
from pelatihan.models import (
    ULASAN_NILAI_MAKS,
    ULASAN_NILAI_MIN,
    JpTahunan,
    Kegiatan,
    PelatihanEksternal,
    Peserta,
    Program,
    UlasanKegiatan,
    hari_ini,
)


def kegiatan_katalog(*, hari: dt.date | None = None) -> QuerySet[Kegiatan]:
    """Events not yet ended and not cancelled, soonest first."""
    hari = hari or hari_ini()
    return (
        Kegiatan.objects.filter(status=Kegiatan.Status.DIJADWALKAN, tanggal_selesai__gte=hari)
        .select_related("program", "unit_penyelenggara")
        .order_by("tanggal_mulai", "pk")
    )


def program_kelola(user) -> QuerySet[Program]:
    """The programmes this admin manages, with how many events each has."""
    return (
        Program.objects.filter(access.program_kelola_q(user))
        .select_related("unit_pemilik")
        .annotate(jumlah_kegiatan=Count("kegiatan"))
        .order_by("-aktif", "judul", "pk")
    )


def kegiatan_kelola(user) -> QuerySet[Kegiatan]:
    """The events this admin organises, newest first, with how many completed. The count is a correlated
    subquery, evaluated for the rows of the page only (a grouped join counted every participant of every event
    before the sort and the LIMIT: O(participants) for admin BKD), and the paginator's COUNT leaves it out."""
    selesai = (
        Peserta.objects.filter(kegiatan_id=OuterRef("pk"), selesai=True)
        .order_by()
        .values("kegiatan_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Kegiatan.objects.filter(access.kegiatan_kelola_q(user))
        .select_related("program", "unit_penyelenggara")
        .annotate(jumlah_selesai=Coalesce(Subquery(selesai, output_field=IntegerField()), Value(0)))
        .order_by("-tanggal_mulai", "-pk")
    )


def peserta_milik(pegawai: Pegawai) -> QuerySet[Peserta]:
    return (
        Peserta.objects.filter(pegawai=pegawai)
        .select_related("kegiatan", "kegiatan__program")
        .order_by("-kegiatan__tanggal_mulai", "-pk")
    )


def peserta_kegiatan(kegiatan: Kegiatan) -> QuerySet[Peserta]:
    """Participants of an event for its organiser: seated first, then the waiting list in order."""
    return (
        Peserta.objects.filter(kegiatan=kegiatan)
        .exclude(status=Peserta.Status.BATAL)
        .select_related("pegawai", "pegawai__unit")
        .annotate(hari_hadir=Count("kehadiran", filter=Q(kehadiran__hadir=True)))
        .order_by(Case(When(status="terdaftar", then=0), default=1), "didaftarkan", "pk")
    )


def eksternal_menunggu(penilai: Pegawai) -> QuerySet[PelatihanEksternal]:
    return PelatihanEksternal.objects.filter(
        pegawai__atasan=penilai, status=PelatihanEksternal.Status.DIAJUKAN
    ).select_related("pegawai")


def tahun_berjalan(pegawai: Pegawai) -> int:
    return aturan.tahun_buku(status=pegawai.status, nip=pegawai.nip, tanggal=hari_ini())


@dataclass(frozen=True)
class BukuJp:
    """A pegawai's ledger for one year: the totals and the rows they come from."""

    pegawai: Pegawai
    saldo: aturan.Saldo
    awal: dt.date
    akhir: dt.date
    kegiatan: list[Peserta]
    eksternal: list[PelatihanEksternal]


def jp_buku(*, pegawai: Pegawai, tahun: int) -> BukuJp:
    """Two queries: the completed events and the approved external trainings of the ledger year."""
    kegiatan = list(
        Peserta.objects.filter(pegawai=pegawai, selesai=True, tahun_jp=tahun)
        .select_related("kegiatan", "kegiatan__program")
        .order_by("kegiatan__tanggal_selesai", "pk")
    )
    eksternal = list(
        PelatihanEksternal.objects.filter(
            pegawai=pegawai, status=PelatihanEksternal.Status.DISETUJUI, tahun_jp=tahun
        ).order_by("tanggal_selesai", "pk")
    )
    saldo = aturan.saldo_hitung(
        status=pegawai.status,
        tahun=tahun,
        jp_kegiatan=sum(p.jp for p in kegiatan),
        jp_eksternal=sum(e.jp for e in eksternal),
    )
    awal, akhir = aturan.rentang_tahun_buku(status=pegawai.status, nip=pegawai.nip, tahun=tahun)
    return BukuJp(pegawai=pegawai, saldo=saldo, awal=awal, akhir=akhir, kegiatan=kegiatan, eksternal=eksternal)


# --- compliance of a subtree ------------------------------------------------------------------------------------


def _jp_subquery(model, filter_q: Q, tahun: int):
    return Coalesce(
        Subquery(
            model.objects.filter(filter_q, pegawai_id=OuterRef("pk"), tahun_jp=tahun)
            .order_by()
            .values("pegawai_id")
            .annotate(total=Sum("jp"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def pegawai_dengan_jp(*, user, tahun: int) -> QuerySet[Pegawai]:
    """Active people this user administers (admin unit: his subtree; BKD: the province), each annotated with
    ``jp_total``, ``jp_diakui`` (capped for PPPK), ``target`` and ``kurang`` for the ledger year ``tahun``."""
    return _dengan_jp(Pegawai.objects.filter(pegawai_manage_q(user), aktif=True), tahun=tahun)


def jp_ringkas(*, pegawai_id: int, tahun: int) -> dict | None:
    """One query: ``{"jp_diakui": ..., "target": ...}`` of one pegawai's ledger year (for the to-do list; the
    caller is the pegawai himself)."""
    qs = _dengan_jp(Pegawai.objects.filter(pk=pegawai_id), tahun=tahun)
    return qs.values("jp_diakui", "target").first()  # type: ignore[misc]  # annotations of _dengan_jp


def _dengan_jp(qs: QuerySet[Pegawai], *, tahun: int, rekap: bool = False) -> QuerySet[Pegawai]:
    """The JP annotations on any set of people. Private: no access check (callers scope ``qs``). ``rekap``: read
    each person's year from the maintained summary (``JpTahunan``, one probe) instead of summing the live rows."""
    pppk = Pegawai.Status.PPPK
    batas = aturan.batas_jp(pppk) or 10**6
    if rekap:
        jp_total = Coalesce(
            Subquery(JpTahunan.objects.filter(pegawai_id=OuterRef("pk"), tahun=tahun).values("jp")[:1]),
            Value(0),
            output_field=IntegerField(),
        )
    else:
        jp_total = _jp_subquery(Peserta, Q(selesai=True), tahun) + _jp_subquery(
            PelatihanEksternal, Q(status=PelatihanEksternal.Status.DISETUJUI), tahun
        )
    return (
        qs.annotate(jp_total=jp_total)
        .annotate(
            jp_diakui=Case(
                When(status=pppk, then=Least(F("jp_total"), Value(batas))),
                default=F("jp_total"),
                output_field=IntegerField(),
            ),
            target=Case(
                When(status=pppk, then=Value(aturan.target_jp(pppk))),
                default=Value(aturan.target_jp(Pegawai.Status.PNS)),
                output_field=IntegerField(),
            ),
        )
        .annotate(kurang=F("target") - F("jp_diakui"))
    )


@dataclass(frozen=True)
class BarisKepatuhan:
    """One row of the compliance table: a unit one level below the level shown, with everyone under it (``langsung``:
    only the people placed in the shown unit itself, not in its sub-units)."""

    unit_id: int
    unit_nama: str
    jumlah: int
    patuh: int
    langsung: bool = False
    punya_anak: bool = False

    @property
    def persen(self) -> int:
        return round(100 * self.patuh / self.jumlah) if self.jumlah else 0

    @property
    def belum(self) -> int:
        return self.jumlah - self.patuh


def _lingkup_kepatuhan(user, unit: UnitKerja | None) -> tuple[Q, int]:
    """The people of the compliance view (a filter on ``Pegawai``) and the length of the unit-path prefix its rows
    group by: one level below ``unit`` (a drill-down the caller resolved with ``kepatuhan_unit_get``), else one level
    below the top of the user's scope (admin BKD: the perangkat daerah under the province; an admin unit: the units
    directly under his)."""
    q = pegawai_manage_q(user) & Q(aktif=True)
    if unit is not None:
        return q & Q(unit__path__startswith=unit.path), len(unit.path) + UnitKerja.steplen
    akses = akses_for(user)
    if akses.is_bkd or not akses.admin_unit_paths:
        return q, 2 * UnitKerja.steplen
    return q, min(len(p) for p in akses.admin_unit_paths) + UnitKerja.steplen


def kepatuhan_unit_get(user, pk) -> UnitKerja:
    """A unit the compliance view may drill into: one this admin manages (404 otherwise)."""
    return first_or_404(unit_manageable(user).filter(pk=pk), _("Unit kerja tidak ditemukan."))


def _diakui_sql(jp: str, status: str) -> tuple[str, list]:
    """The SQL of the JP that count (capped for PPPK) and of the target, for a row with columns ``jp``/``status``."""
    pppk = Pegawai.Status.PPPK
    batas = aturan.batas_jp(pppk) or 10**6
    diakui = f"CASE WHEN {status} = %s AND {jp} > %s THEN %s ELSE {jp} END"
    target = f"CASE WHEN {status} = %s THEN %s ELSE %s END"
    return (
        f"{diakui} >= {target}",
        [pppk, batas, batas, pppk, aturan.target_jp(pppk), aturan.target_jp(Pegawai.Status.PNS)],
    )


def kepatuhan_per_unit(*, user, tahun: int, unit: UnitKerja | None = None) -> list[BarisKepatuhan]:
    """How many people reached their JP target, per unit one level below the level shown (``_lingkup_kepatuhan``):
    ONE query at any size — the people of the scope (an index range of the unit path), each one's JP of the year
    read from the maintained summary (``JpTahunan``: one row per person, not every completion of the year) and
    joined to them, grouped by the prefix of the unit path (the materialised path of ``UnitKerja``), the units'
    names joined to the groups. The rows are as many as the units of that level, not as the people."""
    if not access.is_admin(user):
        return []
    lingkup, panjang = _lingkup_kepatuhan(user, unit)
    orang = Pegawai.objects.filter(lingkup)
    # the people grouped by their unit first (an integer key), then the ~1,000 unit rows by the path prefix
    sql_o, par_o = (
        orang.annotate(pid=F("pk"), uid=F("unit_id")).order_by().values("pid", "status", "uid")
    ).query.sql_with_params()
    patuh, par_p = _diakui_sql("COALESCE(j.jp, 0)", "o.status")
    unit_tabel = UnitKerja._meta.db_table
    rekap_tabel = JpTahunan._meta.db_table
    query = f"""
        SELECT g.id, g.nama, g.numchild, LENGTH(g.path) < %s, b.jumlah, b.patuh
        FROM (
          SELECT SUBSTR(u.path, 1, %s) AS grup, SUM(a.jumlah) AS jumlah, SUM(a.patuh) AS patuh
          FROM (
            SELECT o.uid, COUNT(*) AS jumlah, SUM(CASE WHEN {patuh} THEN 1 ELSE 0 END) AS patuh
            FROM ({sql_o}) o LEFT JOIN {rekap_tabel} j ON j.pegawai_id = o.pid AND j.tahun = %s
            GROUP BY o.uid
          ) a JOIN {unit_tabel} u ON u.id = a.uid
          GROUP BY grup
        ) b JOIN {unit_tabel} g ON g.path = b.grup
        ORDER BY g.nama, g.id
    """  # noqa: S608 - the only interpolations are constants and the ORM's own SQL (its values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(query, [panjang, panjang, *par_p, *par_o, tahun])
        rows = cursor.fetchall()
    return [
        BarisKepatuhan(
            unit_id=pk,
            unit_nama=nama,
            jumlah=int(jumlah),
            patuh=int(n_patuh or 0),
            langsung=bool(langsung),
            punya_anak=bool(anak) and not langsung,
        )
        for pk, nama, anak, langsung, jumlah, n_patuh in rows
    ]


def pegawai_tertinggal(*, user, tahun: int, unit: UnitKerja | None = None) -> QuerySet[Pegawai]:
    """Who is behind (JP below the target) in the compliance view's scope, by name (``pegawai_nama_idx``): the
    keyset pages of the page (``tertinggal_halaman``) and the XLSX export walk it. Each person's JP comes from the
    summary the compliance table reads, so the list and the table's counts agree."""
    lingkup, _panjang = _lingkup_kepatuhan(user, unit)
    if not access.is_admin(user):
        lingkup = Q(pk__in=[])
    return (
        _dengan_jp(Pegawai.objects.filter(lingkup), tahun=tahun, rekap=True)  # type: ignore[misc]  # annotations
        .filter(kurang__gt=0)
        .order_by("nama", "pk")
    )


TERTINGGAL_PER_HALAMAN = 50


@dataclass(frozen=True)
class HalamanTertinggal:
    baris: list[Pegawai]
    berikut: str  # the position of the next page ("" when this is the last)


def tertinggal_posisi(p: Pegawai) -> str:
    return f"{p.nama}~{p.pk}"


def tertinggal_halaman(
    *, user, tahun: int, unit: UnitKerja | None = None, sesudah: str = "", per_halaman: int = TERTINGGAL_PER_HALAMAN
) -> HalamanTertinggal:
    """One page of who is behind, after the position ``sesudah`` (``"<nama>~<id>"`` of the last row of the page
    before; keyset, no COUNT and no OFFSET: the count is the compliance table's, ``jumlah - patuh``). One query: a
    walk of the name index in scope, each person's JP looked up in the summary (``jptahunan_sekali_per_tahun``)
    until the page is full. A position that cannot be read starts from the beginning."""
    qs = pegawai_tertinggal(user=user, tahun=tahun, unit=unit)
    nama, _sep, pk = sesudah.rpartition("~")
    if _sep and pk.isdigit():
        qs = qs.filter(nama__gte=nama).filter(Q(nama__gt=nama) | Q(pk__gt=int(pk)))
    baris = list(qs.select_related("unit")[: per_halaman + 1])
    berikut = tertinggal_posisi(baris[per_halaman - 1]) if len(baris) > per_halaman else ""
    return HalamanTertinggal(baris=baris[:per_halaman], berikut=berikut)


def pegawai_tertinggal_jadwal(*, bulan: dt.date) -> QuerySet[Pegawai]:
    """For the monthly reminder job (no user: the whole province): active people with an e-mail address whose JP
    in the calendar year of ``bulan`` is below the pro-rata share of the target for the months already past
    (in March: 2/12 of 20 JP). PPPK are measured on the calendar year here too (a simplification of the job)."""
    porsi = aturan.porsi_jadwal(awal=dt.date(bulan.year, 1, 1), hari=bulan)
    return (
        _dengan_jp(Pegawai.objects.filter(aktif=True).exclude(email=""), tahun=bulan.year)
        .filter(jp_diakui__lt=F("target") * porsi)  # type: ignore[misc]  # annotations
        .select_related("atasan")
    )


# --- feedback on an event ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanUlasan:
    """What the organiser sees of an event's feedback: how many rated, the mean, the spread 1–5, the comments
    (without the names of who wrote them)."""

    jumlah: int
    rata_rata: float | None
    sebaran: list[tuple[int, int]]  # (nilai, how many), 1 to 5
    komentar: list[UlasanKegiatan]


def ulasan_ringkasan(kegiatan: Kegiatan, *, komentar_maks: int = 50) -> RingkasanUlasan:
    """Two queries: the grouped counts and the newest comments."""
    qs = UlasanKegiatan.objects.filter(peserta__kegiatan=kegiatan)
    per_nilai = dict(qs.order_by().values_list("nilai").annotate(n=Count("pk")))
    jumlah = sum(per_nilai.values())
    rata = sum(nilai * n for nilai, n in per_nilai.items()) / jumlah if jumlah else None
    # Comments are shown without the names: participants rate more frankly when the organiser cannot tell who.
    komentar = list(qs.exclude(komentar="").order_by("-diubah", "-pk")[:komentar_maks])
    return RingkasanUlasan(
        jumlah=jumlah,
        rata_rata=round(rata, 2) if rata is not None else None,
        sebaran=[(nilai, per_nilai.get(nilai, 0)) for nilai in range(ULASAN_NILAI_MIN, ULASAN_NILAI_MAKS + 1)],
        komentar=komentar,
    )


def kepatuhan_jp_ringkas(*, unit_path: str, tahun: int) -> dict:
    """For the annual report (no user: a published aggregate): active people of the subtree whose units' path
    starts with ``unit_path``, how many reached their JP target in ledger year ``tahun``, their mean recognised JP,
    and whether any training was recorded for them that year. One grouped query plus one EXISTS."""
    qs = _dengan_jp(Pegawai.objects.filter(aktif=True, unit__path__startswith=unit_path), tahun=tahun)
    hasil = qs.aggregate(jumlah=Count("pk"), patuh=Count("pk", filter=Q(kurang__lte=0)), jp_rata=Avg("jp_diakui"))
    dalam = Q(pegawai__unit__path__startswith=unit_path, tahun_jp=tahun)
    hasil["ada_data"] = (
        Peserta.objects.filter(dalam, selesai=True).exists()
        or PelatihanEksternal.objects.filter(dalam, status=PelatihanEksternal.Status.DISETUJUI).exists()
    )
    return hasil


def kepatuhan_jp_per_unit(*, unit_path: str, tahun: int) -> dict[str, dict]:
    """``kepatuhan_jp_ringkas`` for every unit of a subtree at once (the annual report's run, which then adds the
    figures up per subtree): per unit path of the people's own unit, the active people, how many reached their JP
    target, the sum and the count of their recognised JP, and whether any training was recorded for its people in
    ledger year ``tahun``. Three queries (one grouped, two DISTINCT lists of unit paths)."""
    qs = _dengan_jp(Pegawai.objects.filter(aktif=True, unit__path__startswith=unit_path), tahun=tahun)
    rows = (
        qs.order_by()
        .values(upath=F("unit__path"))
        .annotate(
            jumlah=Count("pk"),
            patuh=Count("pk", filter=Q(kurang__lte=0)),
            jp_jumlah=Sum("jp_diakui"),
            jp_n=Count("jp_diakui"),
        )
    )
    hasil: dict[str, dict] = {
        r["upath"]: {
            "jumlah": r["jumlah"],
            "patuh": r["patuh"],
            "jp_jumlah": int(r["jp_jumlah"] or 0),
            "jp_n": r["jp_n"],
            "ada_data": False,
        }
        for r in rows
    }
    dalam = Q(pegawai__unit__path__startswith=unit_path, tahun_jp=tahun)
    ada = set(
        Peserta.objects.filter(dalam, selesai=True).order_by().values_list("pegawai__unit__path", flat=True).distinct()
    )
    ada |= set(
        PelatihanEksternal.objects.filter(dalam, status=PelatihanEksternal.Status.DISETUJUI)
        .order_by()
        .values_list("pegawai__unit__path", flat=True)
        .distinct()
    )
    for path in ada:
        hasil.setdefault(path, {"jumlah": 0, "patuh": 0, "jp_jumlah": 0, "jp_n": 0, "ada_data": False})
        hasil[path]["ada_data"] = True
    return hasil
