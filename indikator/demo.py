"""Demo data for indikator: a period of this year, each unit's IKU and Perjanjian Kinerja, and for every demo
pegawai an approved SKP cascaded down the supervisor chain from his unit's PK, with monthly realisation and
evidence (small generated PDF/PNG files, or links), feedback and a dialog kinerja for the demo logins.

A kelurahan is a public-service unit: its PK carries "rata-rata waktu penyelesaian pengaduan masyarakat"
(lower is better, target 7 days — the CRM target in domain.md) which cascades to the lurah, the kasi
pemerintahan and the complaint officer.

This is generated *history* (approved months ago, months of realisation already closed), which the services
would rightly refuse to write today (closed months, approvals by people without a login). So it is written in
bulk straight to the tables, like a fixture; the database constraints still hold every row, and the cascade
links are checked by ``services.tautan_check_bawahan`` afterwards. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zlib
from collections import defaultdict
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import services
from indikator.bukti import periksa_berkas
from indikator.models import (
    Arah,
    Aspek,
    BuktiDukung,
    DialogKinerja,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PeriodePenilaian,
    Perspektif,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
    hari_ini,
    nama_berkas_bukti,
)
from kepegawaian.models import Pegawai, UnitKerja

BENIH = 20260105

# (jenis, sasaran strategis, indikator, satuan, arah, target, perspektif, aspek) per unit jenis
PK = "pk"
IKU = "iku"
# (jenis, sasaran strategis, indikator, satuan, arah, target, perspektif, aspek)
Indikator = tuple[str, str, str, str, str, str, str, str]
INDIKATOR_PER_JENIS_UNIT: dict[str, list[Indikator]] = {
    UnitKerja.Jenis.KELURAHAN: [
        (
            PK,
            "Meningkatnya kualitas pelayanan kepada warga kelurahan",
            "Rata-rata waktu penyelesaian pengaduan masyarakat",
            "hari",
            Arah.TURUN,
            "7",
            Perspektif.PENERIMA_LAYANAN,
            Aspek.WAKTU,
        ),
        (
            PK,
            "Meningkatnya kualitas pelayanan kepada warga kelurahan",
            "Persentase pengaduan yang direspons dalam 6 jam",
            "%",
            Arah.NAIK,
            "90",
            Perspektif.PROSES_BISNIS,
            Aspek.KUALITAS,
        ),
    ],
    UnitKerja.Jenis.KECAMATAN: [
        (
            PK,
            "Meningkatnya kualitas pelayanan kecamatan",
            "Indeks kepuasan masyarakat terhadap layanan kecamatan",
            "indeks",
            Arah.NAIK,
            "85",
            Perspektif.PENERIMA_LAYANAN,
            Aspek.KUALITAS,
        ),
        (
            PK,
            "Meningkatnya kualitas pelayanan kecamatan",
            "Rata-rata waktu penyelesaian pengaduan masyarakat tingkat kecamatan",
            "hari",
            Arah.TURUN,
            "7",
            Perspektif.PROSES_BISNIS,
            Aspek.WAKTU,
        ),
    ],
    UnitKerja.Jenis.SUKU_DINAS: [
        (
            PK,
            "Meningkatnya tata kelola layanan pendidikan di wilayah",
            "Persentase satuan pendidikan yang memutakhirkan data pokok pendidikan tepat waktu",
            "%",
            Arah.NAIK,
            "95",
            Perspektif.PROSES_BISNIS,
            Aspek.WAKTU,
        ),
        (
            PK,
            "Meningkatnya tata kelola layanan pendidikan di wilayah",
            "Persentase satuan pendidikan terakreditasi minimal B",
            "%",
            Arah.NAIK,
            "90",
            Perspektif.PENERIMA_LAYANAN,
            Aspek.KUALITAS,
        ),
    ],
    UnitKerja.Jenis.SEKOLAH: [
        (
            PK,
            "Meningkatnya mutu pembelajaran",
            "Persentase peserta didik mencapai kompetensi minimum",
            "%",
            Arah.NAIK,
            "80",
            Perspektif.PENERIMA_LAYANAN,
            Aspek.KUALITAS,
        ),
        (
            PK,
            "Meningkatnya mutu pembelajaran",
            "Persentase kehadiran guru",
            "%",
            Arah.NAIK,
            "95",
            Perspektif.PENGUATAN_INTERNAL,
            Aspek.KUANTITAS,
        ),
    ],
    UnitKerja.Jenis.UPT: [
        (
            PK,
            "Meningkatnya derajat kesehatan masyarakat",
            "Indeks kepuasan pasien",
            "indeks",
            Arah.NAIK,
            "88",
            Perspektif.PENERIMA_LAYANAN,
            Aspek.KUALITAS,
        ),
        (
            PK,
            "Meningkatnya derajat kesehatan masyarakat",
            "Rata-rata waktu tunggu pelayanan rawat jalan",
            "menit",
            Arah.TURUN,
            "60",
            Perspektif.PROSES_BISNIS,
            Aspek.WAKTU,
        ),
    ],
}
INDIKATOR_UMUM: list[Indikator] = [
    (
        PK,
        "Meningkatnya akuntabilitas kinerja perangkat daerah",
        "Nilai SAKIP",
        "nilai",
        Arah.NAIK,
        "80",
        Perspektif.PENGUATAN_INTERNAL,
        Aspek.KUALITAS,
    ),
    (
        PK,
        "Meningkatnya akuntabilitas kinerja perangkat daerah",
        "Persentase realisasi anggaran",
        "%",
        Arah.NAIK,
        "95",
        Perspektif.ANGGARAN,
        Aspek.BIAYA,
    ),
]
IKU_UMUM: Indikator = (
    IKU,
    "Meningkatnya kualitas pelayanan publik",
    "Indeks kepuasan masyarakat",
    "indeks",
    Arah.NAIK,
    "85",
    "",
    Aspek.KUALITAS,
)


def pdf_kecil(teks: str) -> bytes:
    """A minimal valid one-page PDF with one line of text."""
    aman = teks.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    isi = b"BT /F1 11 Tf 24 80 Td (" + aman + b") Tj ET"
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 160] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(isi)).encode() + b" >>\nstream\n" + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objek, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def png_kecil(rgb: tuple[int, int, int], ukuran: int = 8) -> bytes:
    """A minimal valid PNG of one colour."""

    def chunk(jenis: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + jenis + data + struct.pack(">I", zlib.crc32(jenis + data) & 0xFFFFFFFF)

    baris = b"".join(b"\x00" + bytes(rgb) * ukuran for _ in range(ukuran))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", ukuran, ukuran, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(baris))
        + chunk(b"IEND", b"")
    )


def _periode(hari: dt.date) -> PeriodePenilaian:
    periode, _created = PeriodePenilaian.objects.get_or_create(
        tahun=hari.year,
        defaults={
            "periodisitas": PeriodePenilaian.Periodisitas.BULANAN,
            "batas_penyusunan_skp": dt.date(hari.year, 1, 31),
            "hari_batas_realisasi": 5,
            "batas_evaluasi_tahunan": dt.date(hari.year + 1, 1, 31),
        },
    )
    return periode


def _indikator_unit(periode: PeriodePenilaian, units: list[UnitKerja]) -> dict[int, list[IndikatorUnit]]:
    rows = []
    for unit in units:
        daftar = [IKU_UMUM, *INDIKATOR_PER_JENIS_UNIT.get(unit.jenis, INDIKATOR_UMUM)]
        for urutan, (jenis, sasaran, indikator, satuan, arah, target, perspektif, _aspek) in enumerate(daftar, 1):
            rows.append(
                IndikatorUnit(
                    unit=unit,
                    periode=periode,
                    jenis=jenis,
                    sasaran_strategis=sasaran,
                    indikator=indikator,
                    satuan=satuan,
                    arah=arah,
                    target=Decimal(target),
                    perspektif=perspektif,
                    urutan=urutan,
                )
            )
    IndikatorUnit.objects.bulk_create(rows, ignore_conflicts=True)
    per_unit: dict[int, list[IndikatorUnit]] = defaultdict(list)
    for obj in IndikatorUnit.objects.filter(periode=periode, jenis=PK).order_by("urutan"):
        per_unit[obj.unit_id].append(obj)
    return per_unit


def _aspek_untuk(iu: IndikatorUnit) -> str:
    daftar = [*INDIKATOR_PER_JENIS_UNIT.get(iu.unit.jenis, []), *INDIKATOR_UMUM]
    return next((d[7] for d in daftar if d[2] == iu.indikator), Aspek.KUALITAS)


def _tingkat(pegawai: list[Pegawai]) -> list[list[Pegawai]]:
    """The pegawai by level of the supervisor chain: roots first, so atasan RHK exist before they are linked."""
    by_atasan: dict[int | None, list[Pegawai]] = defaultdict(list)
    ids = {p.pk for p in pegawai}
    for p in pegawai:
        by_atasan[p.atasan_id if p.atasan_id in ids else None].append(p)
    levels, current = [], by_atasan[None]
    while current:
        levels.append(current)
        current = [b for p in current for b in by_atasan.get(p.pk, [])]
    return levels


@transaction.atomic
def seed(stdout) -> None:
    """Step of ``seed_demo`` (after kepegawaian's): period, unit indicators, SKP, realisation, evidence."""
    rng = random.Random(BENIH)  # noqa: S311 -- demo data, not security
    hari = hari_ini()
    periode = _periode(hari)
    if Skp.objects.filter(periode=periode).exists():
        stdout.write(_("Indikator: data demo periode %(tahun)s sudah ada.") % {"tahun": periode.tahun})
        return
    pegawai = list(Pegawai.objects.filter(aktif=True).select_related("jabatan", "unit", "user").order_by("nip"))
    if not pegawai:
        stdout.write(_("Indikator: belum ada pegawai; jalankan data demo kepegawaian dahulu."))
        return
    by_pk: dict[int | None, Pegawai] = {p.pk: p for p in pegawai}
    units = list(UnitKerja.objects.filter(pk__in={p.unit_id for p in pegawai}))
    pk_unit = _indikator_unit(periode, units)
    unit_by_pk = {u.pk: u for u in units}
    for daftar in pk_unit.values():
        for iu in daftar:
            iu.unit = unit_by_pk[iu.unit_id]

    disetujui = dt.datetime(hari.year, 1, 25, 10, 0, tzinfo=timezone.get_current_timezone())
    rhk_by_pegawai: dict[int | None, list[Rhk]] = {}
    # The core text of each RHK (by object id), so that "Dukungan <jabatan>: ..." does not pile up down the chain.
    inti_rhk: dict[int, str] = {}
    iki_spec: list[tuple[Rhk, dict]] = []
    skp_by_pegawai: dict[int, Skp] = {}

    for level in _tingkat(pegawai):
        skp_level = []
        for p in level:
            atasan = by_pk.get(p.atasan_id)
            skp = Skp(
                pegawai=p,
                periode=periode,
                status=Skp.Status.DISETUJUI,
                diajukan_pada=disetujui - dt.timedelta(days=3),
                disetujui_pada=disetujui,
                disetujui_oleh=atasan.user if atasan else None,
                pegawai_nama=p.nama,
                pegawai_golongan=p.get_golongan_display(),
                pegawai_jabatan=p.jabatan.nama,
                pegawai_unit=p.unit.nama,
                dukungan_sumber_daya=_("Anggaran, sarana kerja, dan dukungan tim sesuai DPA unit kerja."),
                skema_pertanggungjawaban=_("Laporan bulanan kepada pejabat penilai dan evaluasi triwulanan."),
                konsekuensi=_("Capaian di bawah target ditindaklanjuti dengan pembinaan dan rencana perbaikan."),
            )
            if atasan:
                skp.penilai = atasan
                skp.penilai_nama = atasan.nama
                skp.penilai_nip = atasan.nip
                skp.penilai_golongan = atasan.get_golongan_display()
                skp.penilai_jabatan = atasan.jabatan.nama
                skp.penilai_unit = atasan.unit.nama
            skp_level.append(skp)
        Skp.objects.bulk_create(skp_level)
        for skp in skp_level:
            skp_by_pegawai[skp.pegawai_id] = skp

        rhk_level: list[Rhk] = []
        for p, skp in zip(level, skp_level, strict=True):
            atasan_rhk = rhk_by_pegawai.get(p.atasan_id, [])
            kepala_unit = p.atasan_id is None or by_pk[p.atasan_id].unit_id != p.unit_id
            rhk_p: list[Rhk] = []
            if kepala_unit and pk_unit.get(p.unit_id):
                for i, iu in enumerate(pk_unit[p.unit_id], start=1):
                    induk = atasan_rhk[(i - 1) % len(atasan_rhk)] if atasan_rhk else None
                    r = Rhk(
                        skp=skp,
                        uraian=_("Tercapainya %(indikator)s di %(unit)s")
                        % {"indikator": iu.indikator.lower(), "unit": p.unit.nama},
                        indikator_unit=iu,
                        perspektif=iu.perspektif,
                        rhk_atasan=induk,
                        rhk_atasan_uraian=induk.uraian if induk else "",
                        status_tautan=Rhk.StatusTautan.SAH if induk else Rhk.StatusTautan.TANPA,
                        urutan=i,
                    )
                    rhk_p.append(r)
                    inti_rhk[id(r)] = r.uraian
                    iki_spec.append(
                        (
                            r,
                            {
                                "uraian": iu.indikator,
                                "satuan": iu.satuan,
                                "arah": iu.arah,
                                "target": iu.target,
                                "aspek": _aspek_untuk(iu),
                            },
                        )
                    )
            else:
                for i, induk in enumerate(atasan_rhk[:2], start=1):
                    inti = inti_rhk.get(id(induk), induk.uraian)
                    r = Rhk(
                        skp=skp,
                        uraian=_("Dukungan %(jabatan)s: %(rhk)s") % {"jabatan": p.jabatan.nama, "rhk": inti},
                        rhk_atasan=induk,
                        rhk_atasan_uraian=induk.uraian,
                        status_tautan=Rhk.StatusTautan.SAH,
                        urutan=i,
                    )
                    rhk_p.append(r)
                    inti_rhk[id(r)] = inti
                    spec = next(s for rr, s in iki_spec if rr is induk)
                    iki_spec.append((r, dict(spec)))
            rhk_p.append(
                Rhk(
                    skp=skp,
                    jenis=Rhk.Jenis.TAMBAHAN,
                    uraian=_("Terlaksananya tugas tambahan dari pimpinan"),
                    urutan=9,
                )
            )
            iki_spec.append(
                (
                    rhk_p[-1],
                    {
                        "uraian": _("Persentase penugasan tambahan yang diselesaikan tepat waktu"),
                        "satuan": "%",
                        "arah": Arah.NAIK,
                        "target": Decimal("100"),
                        "aspek": Aspek.WAKTU,
                    },
                )
            )
            rhk_by_pegawai[p.pk] = [r for r in rhk_p if r.jenis == Rhk.Jenis.UTAMA]
            rhk_level.extend(rhk_p)
        Rhk.objects.bulk_create(rhk_level)

    EkspektasiPerilaku.objects.bulk_create(
        [EkspektasiPerilaku(skp=s, nilai=n) for s in skp_by_pegawai.values() for n in EkspektasiPerilaku.Nilai.values]
    )
    ikis = [Iki(rhk=r, urutan=1, **spec) for r, spec in iki_spec]
    Iki.objects.bulk_create(ikis)

    # Realisation: every month that has ended this year; the demo pegawai leaves one gap to show "missing".
    bulan_selesai = [b for b in periode.daftar_periode_ke if periode.akhir_periode_ke(b) < hari]
    demo_pegawai = Pegawai.objects.filter(user__username="demo.pegawai").values_list("pk", flat=True).first()
    realisasi = []
    for iki in ikis:
        pemilik = iki.rhk.skp.pegawai_id
        mutu = rng.uniform(0.8, 1.12)
        for b in bulan_selesai:
            if pemilik == demo_pegawai and b == bulan_selesai[-1] and iki.rhk.jenis == Rhk.Jenis.UTAMA:
                continue
            faktor = Decimal(str(round(mutu * rng.uniform(0.93, 1.07), 3)))
            if iki.arah == Arah.TURUN:
                nilai = (iki.target * (2 - faktor)).quantize(Decimal("0.1"))
            else:
                nilai = min(iki.target * faktor, Decimal(100) if iki.satuan == "%" else iki.target * 2)
                nilai = nilai.quantize(Decimal("0.1"))
            realisasi.append(
                Realisasi(
                    iki=iki,
                    periode_ke=b,
                    nilai=max(nilai, Decimal(0)),
                    narasi=_("Realisasi %(bulan)s sesuai laporan unit.") % {"bulan": periode.label_periode_ke(b)},
                    diubah_oleh=iki.rhk.skp.pegawai.user,
                )
            )
    Realisasi.objects.bulk_create(realisasi)

    # Evidence: a small PDF (or PNG) for the last two ended months of each pegawai's first IKI; links elsewhere.
    bukti = []
    pertama: dict[int, int] = {}
    for iki in ikis:
        pertama.setdefault(iki.rhk.skp.pegawai_id, iki.pk)
    for real in realisasi:
        if real.iki.pk == pertama[real.iki.rhk.skp.pegawai_id] and real.periode_ke in bulan_selesai[-2:]:
            p = real.iki.rhk.skp.pegawai
            if real.periode_ke % 2:
                isi, nama = png_kecil((rng.randrange(256), rng.randrange(256), rng.randrange(256))), "foto-kegiatan.png"
            else:
                isi = pdf_kecil(
                    f"Laporan {periode.label_periode_ke(real.periode_ke)} {periode.tahun} - {p.nama} - {p.nip}"
                )
                nama = f"laporan-{real.periode_ke:02d}.pdf"
            berkas = ContentFile(isi, name=nama)
            info = periksa_berkas(berkas)
            path = nama_berkas_bukti(info.sha256, info.ekstensi)
            if not default_storage.exists(path):
                path = default_storage.save(path, berkas)
            bukti.append(
                BuktiDukung(
                    realisasi=real,
                    jenis=BuktiDukung.Jenis.BERKAS,
                    berkas=path,
                    sha256=info.sha256,
                    tipe=info.tipe,
                    nama_asli=nama,
                    ukuran=info.ukuran,
                    diunggah_oleh=p.user,
                )
            )
        elif real.periode_ke == (bulan_selesai[-1] if bulan_selesai else 0):
            bukti.append(
                BuktiDukung(
                    realisasi=real,
                    jenis=BuktiDukung.Jenis.TAUTAN,
                    url=f"https://kinerja.jakarta.go.id/dokumen/{real.iki.pk}/{real.periode_ke}",
                    diunggah_oleh=real.diubah_oleh,
                )
            )
    BuktiDukung.objects.bulk_create(bukti)

    _percakapan_demo(periode=periode, hari=hari, bulan_selesai=bulan_selesai)
    tahun_lalu(periode)  # the year before: penilaian's and pelatihan's demos compare with it
    for skp in skp_by_pegawai.values():
        services.tautan_check(skp=skp)
    stdout.write(
        _(
            "Indikator: periode %(tahun)s, %(iu)d indikator unit, %(skp)d SKP disetujui, %(r)d realisasi, "
            "%(b)d bukti dukung."
        )
        % {
            "tahun": periode.tahun,
            "iu": IndikatorUnit.objects.filter(periode=periode).count(),
            "skp": len(skp_by_pegawai),
            "r": len(realisasi),
            "b": len(bukti),
        }
    )


def _percakapan_demo(*, periode: PeriodePenilaian, hari: dt.date, bulan_selesai: list[int]) -> None:
    """Feedback with a reply and a dialog kinerja between demo.penilai and demo.pegawai."""
    pegawai = Pegawai.objects.filter(user__username="demo.pegawai").select_related("atasan__user").first()
    if pegawai is None or pegawai.atasan is None or not bulan_selesai:
        return
    skp = Skp.objects.get(pegawai=pegawai, periode=periode, terkini=True)
    iki = Iki.objects.filter(rhk__skp=skp, rhk__jenis=Rhk.Jenis.UTAMA).order_by("pk").first()
    if iki is None:
        return
    penilai = pegawai.atasan
    ub = UmpanBalik.objects.create(
        iki=iki,
        periode_ke=bulan_selesai[0],
        penulis=penilai.user,
        penulis_nama=penilai.nama,
        teks=_("Capaian bulan ini baik. Mohon lampirkan rekap data sekolah sebagai bukti dukung."),
    )
    UmpanBalik.objects.create(
        iki=iki,
        periode_ke=bulan_selesai[0],
        penulis=pegawai.user,
        penulis_nama=pegawai.nama,
        teks=_("Baik, rekap akan saya unggah bersama laporan bulan berikutnya."),
        balasan_untuk=ub,
    )
    DialogKinerja.objects.create(
        skp=skp,
        penilai=penilai,
        tanggal=dt.date(periode.tahun, 1, 10),
        catatan=_("Menyepakati ekspektasi kinerja dan indikator tahun berjalan."),
        hasil=_("RHK mengintervensi RHK Kepala Seksi; target mengikuti Perjanjian Kinerja unit."),
        dicatat_oleh=penilai.user,
    )


#: the previous year's IKU realisation as a share of its target, by indicator (deterministic, some missed)
_PORSI = (Decimal("0.86"), Decimal("0.93"), Decimal("0.98"), Decimal("1.02"), Decimal("1.06"))
_SEN = Decimal("0.01")


def tahun_lalu(periode: PeriodePenilaian) -> PeriodePenilaian | None:
    """The previous year (closed), when the demo has none yet (``None`` when it has): the same IKU one year earlier,
    carried by the same heads' SKP of that year with a year-end realisation (for the annual report's comparison,
    ``laporan.demo``), and for everyone else with an approved SKP this year an approved SKP of that year with one
    indicator (his first one) and its year-end realisation (the capaian the "did training work" page compares,
    ``pelatihan.selectors.dampak``). Generated history, in bulk."""
    tahun = periode.tahun - 1
    if PeriodePenilaian.objects.filter(tahun=tahun).exists():
        return None
    lalu = PeriodePenilaian.objects.create(
        tahun=tahun,
        periodisitas=periode.periodisitas,
        batas_penyusunan_skp=dt.date(tahun, 1, 31),
        hari_batas_realisasi=periode.hari_batas_realisasi,
        batas_evaluasi_tahunan=dt.date(tahun + 1, 1, 31),
        status=PeriodePenilaian.Status.DITUTUP,
    )
    # who carries each IKU this year: the pegawai whose current SKP has an RHK linked to it
    pemegang = dict(
        Rhk.objects.filter(indikator_unit__periode=periode, skp__terkini=True).values_list(
            "indikator_unit_id", "skp__pegawai_id"
        )
    )
    kini = list(IndikatorUnit.objects.filter(periode=periode).order_by("pk"))
    iku_lalu = IndikatorUnit.objects.bulk_create(
        [
            IndikatorUnit(
                unit_id=i.unit_id, periode=lalu, jenis=i.jenis, sasaran_strategis=i.sasaran_strategis,
                indikator=i.indikator, satuan=i.satuan, arah=i.arah, perspektif=i.perspektif, urutan=i.urutan,
                target=(i.target * (Decimal("0.95") if i.arah == Arah.NAIK else Decimal("1.05"))).quantize(_SEN),
            )
            for i in kini
        ]
    )  # fmt: skip
    sekarang = timezone.now()
    skp = {
        s.pegawai_id: s
        for s in Skp.objects.bulk_create(
            [
                Skp(pegawai_id=p, periode=lalu, status=Skp.Status.DISETUJUI, terkini=True, disetujui_pada=sekarang)
                for p in sorted(set(pemegang.values()))
            ]
        )
    }
    pasangan = [(i, baru) for i, baru in zip(kini, iku_lalu, strict=True) if i.pk in pemegang]
    rhk = Rhk.objects.bulk_create(
        [Rhk(skp=skp[pemegang[i.pk]], uraian=baru.indikator, indikator_unit=baru) for i, baru in pasangan]
    )
    iki = Iki.objects.bulk_create(
        [
            Iki(rhk=r, uraian=baru.indikator, satuan=baru.satuan, arah=baru.arah, target=baru.target)
            for r, (_i, baru) in zip(rhk, pasangan, strict=True)
        ]
    )
    akhir = 12 if periode.periodisitas == PeriodePenilaian.Periodisitas.BULANAN else 4
    nilai = []
    for n, x in enumerate(iki):
        porsi = _PORSI[n % len(_PORSI)]
        nilai.append(
            Realisasi(
                iki=x,
                periode_ke=akhir,
                nilai=(x.target * (porsi if x.arah == Arah.NAIK else 2 - porsi)).quantize(_SEN),
            )
        )
    Realisasi.objects.bulk_create(nilai)
    _skp_tahun_lalu(periode=periode, lalu=lalu, sudah=set(skp), akhir=akhir, sekarang=sekarang)
    _kaskade_tahun_lalu(lalu)
    return lalu


#: the previous year's realisation as a share of the target, by person (deterministic)
_PORSI_ORANG = (Decimal("0.82"), Decimal("0.90"), Decimal("0.95"), Decimal("1.00"), Decimal("1.04"), Decimal("1.10"))


def _kaskade_tahun_lalu(lalu: PeriodePenilaian) -> None:
    """Cascade the previous year as this one: each RHK utama of that year serves the first RHK of his atasan's SKP
    of that year (heads' IKU RHK and everyone else's)."""
    rhk_pertama: dict[int, int] = {}
    for pegawai_id, rhk_id in (
        Rhk.objects.filter(skp__periode=lalu, skp__terkini=True)
        .order_by("skp__pegawai_id", "urutan", "pk")
        .values_list("skp__pegawai_id", "pk")
    ):
        rhk_pertama.setdefault(pegawai_id, rhk_id)
    lepas = list(
        Rhk.objects.filter(skp__periode=lalu, jenis=Rhk.Jenis.UTAMA, rhk_atasan__isnull=True)
        .filter(skp__pegawai__atasan__isnull=False)
        .select_related("skp__pegawai")
    )
    for r in lepas:
        r.rhk_atasan_id = rhk_pertama.get(r.skp.pegawai.atasan_id or 0)
    Rhk.objects.bulk_update([r for r in lepas if r.rhk_atasan_id], ["rhk_atasan"], batch_size=500)


def _skp_tahun_lalu(*, periode, lalu, sudah: set[int], akhir: int, sekarang) -> None:
    """An approved SKP of the previous year for everyone with an approved SKP this year who carries no IKU: one RHK,
    one IKI (a copy of his first IKI of this year) and its year-end realisation."""
    pertama: dict[int, Iki] = {}
    for satu in (
        Iki.objects.filter(rhk__skp__periode=periode, rhk__skp__status=Skp.Status.DISETUJUI, rhk__skp__terkini=True)
        .exclude(rhk__skp__pegawai_id__in=sudah)
        .select_related("rhk__skp")
        .order_by("rhk__skp__pegawai_id", "rhk__urutan", "rhk_id", "urutan", "pk")
    ):
        pertama.setdefault(satu.rhk.skp.pegawai_id, satu)
    orang = sorted(pertama)
    skp = Skp.objects.bulk_create(
        [
            Skp(pegawai_id=p, periode=lalu, status=Skp.Status.DISETUJUI, terkini=True, disetujui_pada=sekarang)
            for p in orang
        ],
        batch_size=500,
    )
    rhk = Rhk.objects.bulk_create(
        [Rhk(skp=s, uraian=pertama[p].rhk.uraian) for p, s in zip(orang, skp, strict=True)], batch_size=500
    )
    iki_baru = Iki.objects.bulk_create(
        [
            Iki(
                rhk=r,
                uraian=pertama[p].uraian,
                aspek=pertama[p].aspek,
                satuan=pertama[p].satuan,
                arah=pertama[p].arah,
                target_bentuk=pertama[p].target_bentuk,
                target=pertama[p].target,
                target_atas=pertama[p].target_atas,
            )
            for p, r in zip(orang, rhk, strict=True)
        ],
        batch_size=500,
    )
    nilai = []
    for n, x in enumerate(iki_baru):
        porsi = _PORSI_ORANG[n % len(_PORSI_ORANG)]
        acuan = x.target if x.target_atas is None else x.target_atas
        nilai.append(
            Realisasi(
                iki=x,
                periode_ke=akhir,
                nilai=(acuan * (porsi if x.arah == Arah.NAIK else 2 - porsi)).quantize(_SEN),
            )
        )
    Realisasi.objects.bulk_create(nilai, batch_size=500)
