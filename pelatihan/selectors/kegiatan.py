"""Reads of ``pelatihan`` that the pages and the API share: the catalogue, a pegawai's registrations and JP
ledger, the penilai's queue, the compliance of a subtree (aggregated in the database, constant query count)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Least

from kepegawaian.access import pegawai_manage_q
from kepegawaian.models import Pegawai
from pelatihan import access
from pelatihan import jp as aturan
from pelatihan.models import (
    ULASAN_NILAI_MAKS,
    ULASAN_NILAI_MIN,
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
    """The events this admin organises, newest first, with how many completed."""
    return (
        Kegiatan.objects.filter(access.kegiatan_kelola_q(user))
        .select_related("program", "unit_penyelenggara")
        .annotate(jumlah_selesai=Count("peserta", filter=Q(peserta__selesai=True)))
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


def _dengan_jp(qs: QuerySet[Pegawai], *, tahun: int) -> QuerySet[Pegawai]:
    """The JP annotations on any set of people. Private: no access check (callers scope ``qs``)."""
    pppk = Pegawai.Status.PPPK
    batas = aturan.batas_jp(pppk) or 10**6
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
    unit_id: int
    unit_nama: str
    jumlah: int
    patuh: int

    @property
    def persen(self) -> int:
        return round(100 * self.patuh / self.jumlah) if self.jumlah else 0


def kepatuhan_per_unit(*, user, tahun: int) -> list[BarisKepatuhan]:
    """How many people reached their JP target, per unit, in one grouped query."""
    rows = (
        pegawai_dengan_jp(user=user, tahun=tahun)
        .order_by()
        .values("unit_id", "unit__nama")
        .annotate(jumlah=Count("pk"), patuh=Count("pk", filter=Q(kurang__lte=0)))
        .order_by("unit__nama", "unit_id")
    )
    return [
        BarisKepatuhan(unit_id=r["unit_id"], unit_nama=r["unit__nama"], jumlah=r["jumlah"], patuh=r["patuh"])
        for r in rows
    ]


def pegawai_tertinggal(*, user, tahun: int) -> QuerySet[Pegawai]:
    """Who is behind (JP below the target), the largest gap first."""
    return (
        pegawai_dengan_jp(user=user, tahun=tahun)  # type: ignore[misc]  # an annotation of pegawai_dengan_jp
        .filter(kurang__gt=0)
        .select_related("unit", "jabatan")
        .order_by("-kurang", "nama", "pk")
    )


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
