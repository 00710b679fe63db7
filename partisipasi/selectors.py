"""Reads of complaints that the pages, the API and the reports app share.

Resolution time is ``selesai_pada - dibuat`` in hours, computed **in the database**. The percentiles (median, p90)
are PostgreSQL's ``percentile_cont`` (continuous, linear interpolation). SQLite — the test database — has no
``percentile_cont``; there, and only there, the durations are still computed by SQLite and the same interpolation
is done in Python over them (``_percentile_cont_python``), so both give the same numbers.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access as indikator_access
from indikator.models import Iki
from kepegawaian.access import first_or_404
from kepegawaian.models import UnitKerja
from partisipasi import access
from partisipasi.models import (
    STATUS_TERBUKA_NILAI,
    Aspirasi,
    Forum,
    IkiTerhitung,
    KategoriPengaduan,
    Pengaduan,
    normalisasi_kode,
)

#: Open statuses: the model's tuple, which the partial indexes of the open complaints are defined on (a query
#: filtering on exactly these values is served by them).
STATUS_TERBUKA = STATUS_TERBUKA_NILAI


# --- the durations in the database --------------------------------------------------------------------------------


class DurasiJam(Func):
    """Hours from ``mulai`` to ``akhir`` (two timestamp expressions), as a float, in SQL."""

    output_field = FloatField()
    arity = 2
    arg_joiner = " - "
    template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0"  # PostgreSQL

    def __init__(self, mulai, akhir, **extra):
        super().__init__(akhir, mulai, **extra)  # akhir - mulai

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s)) * 24.0",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY expr)``."""

    function = "PERCENTILE_CONT"
    name = "percentile_cont"
    output_field = FloatField()
    template = "%(function)s(%(fraksi)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraksi: float, **extra):
        super().__init__(expression, fraksi=float(fraksi), **extra)


def _percentile_cont_python(nilai: list[float], fraksi: float) -> float | None:
    """The SQLite fallback (tests): PostgreSQL's percentile_cont over values SQLite computed."""
    if not nilai:
        return None
    urut = sorted(nilai)
    posisi = fraksi * (len(urut) - 1)
    bawah = int(posisi)
    atas = min(bawah + 1, len(urut) - 1)
    return urut[bawah] + (urut[atas] - urut[bawah]) * (posisi - bawah)


@dataclass(frozen=True)
class AngkaPenyelesaian:
    """Resolution figures of the complaints completed in a span (hours; share in percent)."""

    jumlah: int
    median_jam: float | None
    p90_jam: float | None
    rata_jam: float | None
    persen_tepat_waktu: float | None

    @property
    def median_hari(self) -> float | None:
        return None if self.median_jam is None else self.median_jam / 24

    @property
    def rata_hari(self) -> float | None:
        return None if self.rata_jam is None else self.rata_jam / 24

    @property
    def p90_hari(self) -> float | None:
        return None if self.p90_jam is None else self.p90_jam / 24


def _selesai_dalam(mulai: dt.date, akhir: dt.date) -> Q:
    tz = timezone.get_current_timezone()
    awal = dt.datetime.combine(mulai, dt.time.min, tzinfo=tz)
    ujung = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Q(
        status=Pengaduan.Status.SELESAI,
        digabung_ke__isnull=True,
        selesai_pada__gte=awal,
        selesai_pada__lt=ujung,
    )


def penyelesaian_angka(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date, subtree: bool = True) -> AngkaPenyelesaian:
    """Median, p90 and mean resolution time, count and share within the service level of the complaints that
    ``unit`` (and, with ``subtree``, the units below it) completed between ``mulai`` and ``akhir`` (Jakarta dates,
    both included). Read by the reports app and the computed-indicator job."""
    qs = Pengaduan.objects.filter(_selesai_dalam(mulai, akhir))
    qs = qs.filter(unit_penanganan__path__startswith=unit.path) if subtree else qs.filter(unit_penanganan=unit)
    durasi = DurasiJam(F("dibuat"), F("selesai_pada"))
    dasar = qs.aggregate(
        jumlah=Count("pk"),
        rata=Avg(durasi),
        tepat=Sum(Case(When(selesai_pada__lte=F("batas_selesai"), then=1), default=0, output_field=IntegerField())),
    )
    jumlah = dasar["jumlah"] or 0
    if connection.vendor == "postgresql":
        persen = qs.aggregate(median=PercentileCont(durasi, 0.5), p90=PercentileCont(durasi, 0.9))
        median, p90 = persen["median"], persen["p90"]
    else:
        nilai = list(qs.annotate(durasi=durasi).values_list("durasi", flat=True))
        median, p90 = _percentile_cont_python(nilai, 0.5), _percentile_cont_python(nilai, 0.9)
    return AngkaPenyelesaian(
        jumlah=jumlah,
        median_jam=median,
        p90_jam=p90,
        rata_jam=dasar["rata"],
        persen_tepat_waktu=(100.0 * (dasar["tepat"] or 0) / jumlah) if jumlah else None,
    )


def _angka(*, jumlah: int, rata, tepat, median, p90) -> AngkaPenyelesaian:
    return AngkaPenyelesaian(
        jumlah=jumlah,
        median_jam=median,
        p90_jam=p90,
        rata_jam=rata,
        persen_tepat_waktu=(100.0 * (tepat or 0) / jumlah) if jumlah else None,
    )


def _angka_dari_baris(rows: list[tuple[float, int]]) -> AngkaPenyelesaian:
    """The figures of one group of resolved complaints from its (hours, 1 when within the service level) rows,
    computed in Python where the database has no percentile (SQLite)."""
    jam = [r[0] for r in rows]
    return _angka(
        jumlah=len(rows),
        rata=sum(jam) / len(jam),
        tepat=sum(r[1] for r in rows),
        median=_percentile_cont_python(jam, 0.5),
        p90=_percentile_cont_python(jam, 0.9),
    )


def penyelesaian_per_unit(*, mulai: dt.date, akhir: dt.date) -> dict[int, AngkaPenyelesaian]:
    """The same figures as ``penyelesaian_angka(subtree=False)``, for every handling unit at once (one query):
    ``{unit_penanganan_id: AngkaPenyelesaian}`` of the units that completed at least one complaint."""
    qs = Pengaduan.objects.filter(_selesai_dalam(mulai, akhir)).order_by()
    durasi = DurasiJam(F("dibuat"), F("selesai_pada"))
    tepat_q = Case(When(selesai_pada__lte=F("batas_selesai"), then=1), default=0, output_field=IntegerField())
    if connection.vendor == "postgresql":
        # COUNT(*), not COUNT(id): every column read is in ``pengaduan_selesai_rentang_idx`` (an index-only scan).
        baris = qs.values("unit_penanganan_id").annotate(
            jumlah=Count("*"),
            rata=Avg(durasi),
            tepat=Sum(tepat_q),
            median=PercentileCont(durasi, 0.5),
            p90=PercentileCont(durasi, 0.9),
        )
        return {
            b["unit_penanganan_id"]: _angka(
                jumlah=b["jumlah"], rata=b["rata"], tepat=b["tepat"], median=b["median"], p90=b["p90"]
            )
            for b in baris
        }
    per_unit: dict[int, list[tuple[float, int]]] = {}
    for unit_id, jam, tepat in qs.annotate(durasi=durasi, tepat=tepat_q).values_list(
        "unit_penanganan_id", "durasi", "tepat"
    ):
        per_unit.setdefault(unit_id, []).append((jam, tepat))
    return {unit_id: _angka_dari_baris(rows) for unit_id, rows in per_unit.items()}


@dataclass(frozen=True)
class BarisPeringkat:
    peringkat: int | None
    kelurahan: UnitKerja
    angka: AngkaPenyelesaian


def peringkat_kelurahan(*, mulai: dt.date, akhir: dt.date) -> list[BarisPeringkat]:
    """Every active kelurahan ranked by the median completion time of the complaints it completed in the span
    (fastest first; ties by mean, then by name); kelurahan without a completed complaint last, unranked.
    Two queries whatever the number of kelurahan."""
    angka = penyelesaian_per_unit(mulai=mulai, akhir=akhir)
    kosong = AngkaPenyelesaian(jumlah=0, median_jam=None, p90_jam=None, rata_jam=None, persen_tepat_waktu=None)
    kelurahan = list(kelurahan_pilihan())
    ada = sorted(
        (k for k in kelurahan if k.pk in angka),
        key=lambda k: (angka[k.pk].median_jam, angka[k.pk].rata_jam, k.nama),
    )
    baris = [BarisPeringkat(peringkat=i, kelurahan=k, angka=angka[k.pk]) for i, k in enumerate(ada, start=1)]
    baris += [BarisPeringkat(peringkat=None, kelurahan=k, angka=kosong) for k in kelurahan if k.pk not in angka]
    return baris


def pengaduan_selesai_daftar(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date) -> QuerySet[Pengaduan]:
    """The complaints behind ``penyelesaian_angka(unit=unit, subtree=True)``: what a computed realisation links to.
    Annotated with ``durasi_jam`` and ``tepat_waktu``; the public page shows no description nor contact."""
    return (
        Pengaduan.objects.filter(_selesai_dalam(mulai, akhir), unit_penanganan__path__startswith=unit.path)
        .select_related("kategori", "kelurahan", "unit_penanganan")
        .annotate(durasi_jam=DurasiJam(F("dibuat"), F("selesai_pada")))
        .order_by("selesai_pada", "pk")
    )


# --- lists --------------------------------------------------------------------------------------------------------


def _daftar(qs: QuerySet[Pengaduan]) -> QuerySet[Pengaduan]:
    return qs.select_related("kategori", "kelurahan", "unit_penanganan")


def pengaduan_antrian(user, *, status: str | None = None, terbuka: bool = True) -> QuerySet[Pengaduan]:
    """The officer's queue: the complaints he may see, open ones first by age (oldest first)."""
    qs = access.pengaduan_visible(user).filter(digabung_ke__isnull=True)
    if status:
        qs = qs.filter(status=status)
    elif terbuka:
        qs = qs.filter(status__in=STATUS_TERBUKA)
    return _daftar(qs).order_by("dibuat", "pk")


def pengaduan_terlambat(user, *, sekarang: dt.datetime | None = None) -> QuerySet[Pengaduan]:
    """Open complaints past their completion deadline, or still without a first response past that deadline:
    the unit head's overdue list (and the daily digest's)."""
    return pengaduan_antrian(user).filter(terlambat_q(sekarang or timezone.now()))


def terlambat_q(sekarang: dt.datetime) -> Q:
    """Overdue (of an open complaint): past the completion deadline, or without a first response past that one (the
    deadlines ``partisipasi.sla`` stored at filing). The one rule of the overdue list, the digest and the to-do list."""
    return Q(batas_selesai__lt=sekarang) | Q(respons_pertama_pada__isnull=True, batas_respons__lt=sekarang)


def pengaduan_publik(*, kelurahan: UnitKerja | None = None) -> QuerySet[Pengaduan]:
    """Public complaints (not private, not hidden, not merged), newest first. Never carries the contact: the public
    pages and endpoints render only the fields of ``partisipasi.serializers.PengaduanPublikSerializer``."""
    qs = Pengaduan.objects.filter(publik=True, disembunyikan=False, digabung_ke__isnull=True)
    if kelurahan is not None:
        qs = qs.filter(kelurahan=kelurahan)
    return _daftar(qs).order_by("-dibuat", "-pk")


def pengaduan_publik_get(pk) -> Pengaduan:
    pengaduan = pengaduan_publik().filter(pk=pk).first()
    if pengaduan is None:
        raise Http404(_("Pengaduan tidak ditemukan."))
    return pengaduan


def pengaduan_lacak(kode: str) -> Pengaduan:
    """The complaint of a tracking code, with its trail and responses; an unknown code is a 404."""
    kode = normalisasi_kode(kode)
    pengaduan = (
        Pengaduan.objects.filter(kode_lacak=kode)
        .select_related("kategori", "kelurahan", "unit_penanganan", "digabung_ke")
        .prefetch_related("riwayat__unit_tujuan", "tanggapan__unit", "foto")
        .first()
        if kode
        else None
    )
    if pengaduan is None:
        raise Http404(_("Kode lacak tidak dikenal. Periksa kembali kode yang Anda terima saat melapor."))
    return pengaduan


def pengaduan_lengkap(user, pk) -> Pengaduan:
    """One complaint for an officer, with its trail, responses and photos."""
    access.pengaduan_get_for_user(user, pk)
    return (
        Pengaduan.objects.filter(pk=pk)
        .select_related("kategori", "kelurahan", "unit_penanganan", "disembunyikan_oleh", "digabung_ke")
        .prefetch_related("riwayat__unit_tujuan", "riwayat__oleh", "tanggapan__unit", "tanggapan__oleh", "foto")
        .get()
    )


def kelurahan_pilihan() -> QuerySet[UnitKerja]:
    return UnitKerja.objects.filter(jenis=UnitKerja.Jenis.KELURAHAN, aktif=True).order_by("nama")


def kategori_pilihan() -> QuerySet[KategoriPengaduan]:
    return KategoriPengaduan.objects.filter(aktif=True)


def format_jam(jam: float | None) -> str:
    """Hours as people read them in reports: '2,5 hari' / '5,0 jam' / '—'."""
    if jam is None:
        return "—"
    if jam >= 24:
        return _("%(n)s hari") % {"n": f"{Decimal(jam / 24):.1f}".replace(".", ",")}
    return _("%(n)s jam") % {"n": f"{Decimal(jam):.1f}".replace(".", ",")}


def pengaduan_diterima_angka(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date) -> dict[str, int]:
    """For the annual report: complaints ``unit``'s subtree received between ``mulai`` and ``akhir`` (Jakarta
    dates, both included; merged duplicates and hidden spam left out), and how many of them are completed and
    rejected now. One grouped query."""
    tz = timezone.get_current_timezone()
    awal = dt.datetime.combine(mulai, dt.time.min, tzinfo=tz)
    ujung = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    qs = Pengaduan.objects.filter(
        unit_penanganan__path__startswith=unit.path,
        digabung_ke__isnull=True,
        disembunyikan=False,
        dibuat__gte=awal,
        dibuat__lt=ujung,
    )
    return qs.aggregate(
        diterima=Count("pk"),
        selesai=Count("pk", filter=Q(status=Pengaduan.Status.SELESAI)),
        ditolak=Count("pk", filter=Q(status=Pengaduan.Status.DITOLAK)),
    )


# --- IKI bound to complaint figures ---------------------------------------------------------------------------------


def iki_terhitung_visible(user) -> QuerySet[IkiTerhitung]:
    """Bindings of the IKI whose SKP the user may see (owner, penilai, admins), for the binding page and API."""
    return (
        IkiTerhitung.objects.filter(iki__rhk__skp__in=indikator_access.skp_visible(user))
        .select_related("iki__rhk__skp__pegawai", "iki__rhk__skp__periode", "unit")
        .order_by("pk")
    )


def iki_terhitung_get_for_user(user, pk) -> IkiTerhitung:
    return first_or_404(iki_terhitung_visible(user).filter(pk=pk), _("Ikatan IKI tidak ditemukan."))


def iki_terikat_pilihan(user) -> QuerySet[Iki]:
    """The IKI of current SKP revisions the user may see: what the binding form offers (the service checks again
    who may bind)."""
    return (
        Iki.objects.filter(rhk__skp__in=indikator_access.skp_visible(user), rhk__skp__terkini=True)
        .select_related("rhk__skp__pegawai", "rhk__skp__periode")
        .order_by("rhk__skp__pegawai__nama", "rhk__urutan", "urutan", "pk")
    )


# --- forums and aspirations (public: never the attendees' names) -------------------------------------------------


def forum_publik(*, kelurahan: UnitKerja | None = None) -> QuerySet[Forum]:
    qs = Forum.objects.select_related("kelurahan")
    if kelurahan is not None:
        qs = qs.filter(kelurahan=kelurahan)
    return qs.order_by("mulai", "pk")


def forum_publik_get(pk) -> Forum:
    return first_or_404(forum_publik().filter(pk=pk), _("Forum tidak ditemukan."))


def forum_bulan(*, tahun: int, bulan: int, kelurahan: UnitKerja | None = None) -> list[list[tuple[dt.date, list]]]:
    """A month's calendar (weeks of (date, forums that day), Monday first, Jakarta dates); one query."""
    tz = timezone.get_current_timezone()
    minggu = calendar.Calendar().monthdatescalendar(tahun, bulan)
    awal = dt.datetime.combine(minggu[0][0], dt.time.min, tzinfo=tz)
    akhir = dt.datetime.combine(minggu[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    per_hari: dict[dt.date, list[Forum]] = {}
    # A cell shows the time, the topic and the link: only those columns (a January of Musrenbang puts every
    # kelurahan's forum in the city-wide calendar: 267 rows at Jakarta size).
    dalam_bulan = forum_publik(kelurahan=kelurahan).filter(mulai__gte=awal, mulai__lt=akhir)
    for forum in dalam_bulan.select_related(None).only("pk", "mulai", "topik"):
        per_hari.setdefault(timezone.localtime(forum.mulai).date(), []).append(forum)
    return [[(d, per_hari.get(d, [])) for d in pekan] for pekan in minggu]


def aspirasi_publik(*, kelurahan: UnitKerja | None = None, forum: Forum | None = None) -> QuerySet[Aspirasi]:
    """Aspirations with their dated updates (status history); the updates carry no officer's name."""
    qs = Aspirasi.objects.select_related("forum__kelurahan", "unit_penanggung_jawab").prefetch_related("pembaruan")
    if kelurahan is not None:
        qs = qs.filter(forum__kelurahan=kelurahan)
    if forum is not None:
        qs = qs.filter(forum=forum)
    return qs.order_by("-diubah", "-pk")


def aspirasi_publik_get(pk) -> Aspirasi:
    return first_or_404(aspirasi_publik().filter(pk=pk), _("Aspirasi tidak ditemukan."))


def aspirasi_tindak_lanjut(user) -> QuerySet[Aspirasi]:
    """Open aspirations the user follows up (responsible unit or the forum's kelurahan), oldest change first."""
    return (
        access.aspirasi_kelola_visible(user)
        .filter(status__in=[s for s in Aspirasi.Status.values if s not in ("selesai", "tidak_direkomendasikan")])
        .select_related("forum__kelurahan", "unit_penanggung_jawab")
        .order_by("diubah", "pk")
    )


# --- forums in the API: upcoming / past, a forum with its aspirations ------------------------------------------------

WAKTU_FORUM = ("akan_datang", "lalu")


def forum_publik_daftar(*, kelurahan: UnitKerja | None = None, waktu: str = "") -> QuerySet[Forum]:
    """Public forums: ``akan_datang`` (not yet ended, soonest first), ``lalu`` (ended, latest first) or all (by
    start). No attendee is ever read."""
    qs = forum_publik(kelurahan=kelurahan)
    sekarang = timezone.now()
    if waktu == "akan_datang":
        return qs.filter(selesai__gte=sekarang).order_by("mulai", "pk")
    if waktu == "lalu":
        return qs.filter(selesai__lt=sekarang).order_by("-mulai", "-pk")
    return qs


def forum_lengkap(forum: Forum) -> Forum:
    """The forum with ``aspirasi_daftar`` (its aspirations and their dated updates: two queries) and
    ``pendaftaran_terbuka``, as the forum's page and the API's detail show it."""
    forum.aspirasi_daftar = list(aspirasi_publik(forum=forum))  # type: ignore[attr-defined]
    forum.pendaftaran_terbuka = forum.selesai > timezone.now()  # type: ignore[attr-defined]
    return forum


# --- the kelurahan head's dashboard: open complaints by age, overdue ones -----------------------------------------

#: Age of an open complaint in whole days since it was filed (24-hour periods, not calendar days), grouped as the
#: service levels of domain.md read: 0–1 the lurah's 24-hour follow-up, 2–3 LAPOR!'s 3-day first response, 4–7 its
#: 5-day completion (working days: about a calendar week), 8–14 the 14-day disputes, over 14 only the 60-day kind.
KELOMPOK_UMUR: tuple[tuple[int, int | None], ...] = ((0, 1), (2, 3), (4, 7), (8, 14), (15, None))


def _umur_q(sekarang: dt.datetime, dari: int, sampai: int | None) -> Q:
    q = Q(dibuat__lte=sekarang - dt.timedelta(days=dari))
    if sampai is not None:
        q &= Q(dibuat__gt=sekarang - dt.timedelta(days=sampai + 1))
    return q


@dataclass(frozen=True)
class BarisUmur:
    unit_id: int | None
    unit_nama: str
    kelompok: tuple[int, ...]
    terlambat: int

    @property
    def jumlah(self) -> int:
        return sum(self.kelompok)


@dataclass(frozen=True)
class UmurPengaduan:
    kelompok: tuple[tuple[int, int | None], ...]
    baris: list[BarisUmur]
    total: BarisUmur


def pengaduan_umur(user, *, sekarang: dt.datetime | None = None) -> UmurPengaduan:
    """Open complaints the user may see (his queue), counted per handling unit and age group, with the overdue ones:
    one grouped query whatever the number of complaints or units."""
    sekarang = sekarang or timezone.now()
    hitung = {f"k{i}": Count("pk", filter=_umur_q(sekarang, a, b)) for i, (a, b) in enumerate(KELOMPOK_UMUR)}
    rows = (
        pengaduan_antrian(user)
        .order_by()
        .values("unit_penanganan_id", "unit_penanganan__nama")
        .annotate(**hitung, terlambat=Count("pk", filter=terlambat_q(sekarang)))
        .order_by("unit_penanganan__nama", "unit_penanganan_id")
    )
    baris = [
        BarisUmur(
            unit_id=r["unit_penanganan_id"],
            unit_nama=r["unit_penanganan__nama"],
            kelompok=tuple(r[f"k{i}"] for i in range(len(KELOMPOK_UMUR))),
            terlambat=r["terlambat"],
        )
        for r in rows
    ]
    total = BarisUmur(
        unit_id=None,
        unit_nama=_("Jumlah"),
        kelompok=tuple(sum(b.kelompok[i] for b in baris) for i in range(len(KELOMPOK_UMUR))),
        terlambat=sum(b.terlambat for b in baris),
    )
    return UmurPengaduan(kelompok=KELOMPOK_UMUR, baris=baris, total=total)


def pengaduan_terlambat_daftar(user, *, sekarang: dt.datetime | None = None) -> QuerySet[Pengaduan]:
    """The overdue list of the dashboard: the most overdue first (earliest completion deadline)."""
    return pengaduan_terlambat(user, sekarang=sekarang).order_by("batas_selesai", "pk")


def _aspirasi_forum_tahun(*, unit: UnitKerja, tahun: int) -> QuerySet[Aspirasi]:
    """The aspirations raised in the forums of the kelurahan in ``unit``'s subtree held in ``tahun`` (Jakarta time).
    Private: no access check (the annual report's figures are aggregates)."""
    tz = timezone.get_current_timezone()
    return Aspirasi.objects.filter(
        forum__kelurahan__path__startswith=unit.path,
        forum__mulai__gte=dt.datetime(tahun, 1, 1, tzinfo=tz),
        forum__mulai__lt=dt.datetime(tahun + 1, 1, 1, tzinfo=tz),
    )


def aspirasi_status_angka(*, unit: UnitKerja, tahun: int) -> dict[str, int]:
    """For the annual report: the aspirations raised in the forums of the kelurahan in ``unit``'s subtree held in
    ``tahun`` (Jakarta time), counted per status now. Every status is present (0 when none). One grouped query."""
    qs = _aspirasi_forum_tahun(unit=unit, tahun=tahun).order_by().values("status").annotate(n=Count("pk"))
    jumlah = dict.fromkeys(Aspirasi.Status.values, 0)
    for r in qs:
        jumlah[r["status"]] += r["n"]
    return jumlah


# --- the annual report's run: every unit of a subtree at once -------------------------------------------------------


def pengaduan_diterima_per_unit(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date) -> dict[str, dict[str, int]]:
    """``pengaduan_diterima_angka`` for every handling unit of ``unit``'s subtree at once, keyed by the unit's path
    (counts: the caller adds them up per subtree). One grouped query."""
    tz = timezone.get_current_timezone()
    awal = dt.datetime.combine(mulai, dt.time.min, tzinfo=tz)
    ujung = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    rows = (
        Pengaduan.objects.filter(
            unit_penanganan__path__startswith=unit.path,
            digabung_ke__isnull=True,
            disembunyikan=False,
            dibuat__gte=awal,
            dibuat__lt=ujung,
        )
        .order_by()
        .values(upath=F("unit_penanganan__path"))
        .annotate(
            diterima=Count("pk"),
            selesai=Count("pk", filter=Q(status=Pengaduan.Status.SELESAI)),
            ditolak=Count("pk", filter=Q(status=Pengaduan.Status.DITOLAK)),
        )
    )
    return {r["upath"]: {"diterima": r["diterima"], "selesai": r["selesai"], "ditolak": r["ditolak"]} for r in rows}


def penyelesaian_per_subtree(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date) -> dict[str, AngkaPenyelesaian]:
    """``penyelesaian_angka(subtree=True)`` for every unit of ``unit``'s subtree at once, keyed by the unit's path
    (only units whose subtree completed a complaint). Median and p90 do not add up, so on PostgreSQL each complaint
    is joined to every unit above its handling unit (``path`` prefix, the depth of the tree: a handful of rows per
    complaint) and ``percentile_cont`` runs per unit in ONE grouped query; on SQLite (tests) the durations SQLite
    computed are read once and the same interpolation is done in Python per subtree."""
    qs = Pengaduan.objects.filter(_selesai_dalam(mulai, akhir), unit_penanganan__path__startswith=unit.path)
    tepat_q = Case(When(selesai_pada__lte=F("batas_selesai"), then=1), default=0, output_field=IntegerField())
    dalam = (
        qs.annotate(durasi=DurasiJam(F("dibuat"), F("selesai_pada")), tepat=tepat_q, upath=F("unit_penanganan__path"))
        .order_by()
        .values("upath", "durasi", "tepat")
    )
    if connection.vendor == "postgresql":
        sql, params = dalam.query.sql_with_params()
        tabel = UnitKerja._meta.db_table
        query = f"""
            SELECT u.path, COUNT(*), AVG(d.durasi), SUM(d.tepat),
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d.durasi),
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY d.durasi)
            FROM {tabel} u JOIN ({sql}) d ON LEFT(d.upath, LENGTH(u.path)) = u.path
            WHERE u.path LIKE %s
            GROUP BY u.path
        """  # noqa: S608 - the only interpolations are the table name and the ORM's own SQL (values are parameters)
        with connection.cursor() as cursor:
            cursor.execute(query, [*params, unit.path + "%"])
            rows = cursor.fetchall()
        return {
            path: _angka(jumlah=n, rata=rata, tepat=int(tepat or 0), median=median, p90=p90)
            for path, n, rata, tepat, median, p90 in rows
        }
    per_path: dict[str, list[tuple[float, int]]] = {}
    langkah = UnitKerja.steplen
    for upath, jam, tepat in dalam.values_list("upath", "durasi", "tepat"):
        for ujung in range(len(unit.path), len(upath) + 1, langkah):
            per_path.setdefault(upath[:ujung], []).append((jam, tepat))
    return {path: _angka_dari_baris(rows) for path, rows in per_path.items()}


def aspirasi_status_per_kelurahan(*, unit: UnitKerja, tahun: int) -> dict[str, dict[str, int]]:
    """``aspirasi_status_angka`` for every kelurahan of ``unit``'s subtree at once, keyed by the kelurahan's path
    (counts per status, only the statuses present). One grouped query."""
    rows = (
        _aspirasi_forum_tahun(unit=unit, tahun=tahun)
        .order_by()
        .values_list("forum__kelurahan__path", "status")
        .annotate(n=Count("pk"))
    )
    hasil: dict[str, dict[str, int]] = {}
    for path, status, n in rows:
        hasil.setdefault(path, {})[status] = n
    return hasil
