"""Demo data for pelatihan: a catalogue (with Dinas Pendidikan's trainings in teaching methods for its teachers),
events of this year already held — with attendance, completion, JP, certificates and participants' ratings —,
one that ended last week whose completion the organiser has still to record, upcoming events open for
registration (one almost full, with a waiting list), and external trainings: one of demo.pegawai waiting for
demo.penilai's approval, others approved.

The JP are spread so that the compliance page has something to say: about four in five people of Dinas
Pendidikan reach 20 JP, about half elsewhere; demo.pegawai is behind schedule (8 JP), demo.penilai is not.

Like ``indikator.demo`` this is generated *history* (events already held, seats taken weeks ago) which the
services would refuse to write today, so it is written in bulk; the database constraints still hold every row.
Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from pelatihan.jp import tahun_buku
from pelatihan.models import (
    Bentuk,
    BidangKompetensi,
    Jenis,
    Kegiatan,
    Kehadiran,
    ModaKegiatan,
    PelatihanEksternal,
    Penyelenggara,
    Peserta,
    Program,
    UlasanKegiatan,
    hari_ini,
)
from pelatihan.padanan import area_dijawab
from pelatihan.rekap import jp_tahunan_bangun
from penilaian.models import KebutuhanPengembangan

BENIH = 20260301
KODE_DISDIK = "DISDIK"
_ABJAD = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # the alphabet of pelatihan.services.hasil.kode_verifikasi_baru


@dataclass(frozen=True)
class ContohProgram:
    judul: str
    bidang: str
    jenis: str
    penyelenggara: str
    jp: int
    kompetensi: tuple[str, ...]
    hanya_disdik: bool = False  # target units: Dinas Pendidikan's subtree only
    jabatan: tuple[str, ...] = ()  # target jabatan kinds


KATALOG = [
    ContohProgram(
        "Pelatihan Metode Pembelajaran Aktif bagi Guru",
        BidangKompetensi.TEKNIS,
        Jenis.KLASIKAL,
        Penyelenggara.DINAS,
        24,
        ("pembelajaran aktif", "pengelolaan kelas"),
        hanya_disdik=True,
    ),
    ContohProgram(
        "Pembelajaran Berdiferensiasi dan Asesmen Formatif",
        BidangKompetensi.TEKNIS,
        Jenis.E_LEARNING,
        Penyelenggara.DINAS,
        16,
        ("asesmen formatif", "pembelajaran berdiferensiasi"),
        hanya_disdik=True,
    ),
    ContohProgram(
        "Pelatihan Kepemimpinan Pengawas",
        BidangKompetensi.MANAJERIAL,
        Jenis.KLASIKAL,
        Penyelenggara.BPSDM,
        40,
        ("kepemimpinan", "manajemen kinerja"),
        jabatan=(Jabatan.Jenis.PENGAWAS, Jabatan.Jenis.ADMINISTRATOR),
    ),
    ContohProgram(
        "Pelayanan Prima bagi ASN",
        BidangKompetensi.SOSIAL_KULTURAL,
        Jenis.KLASIKAL,
        Penyelenggara.BPSDM,
        16,
        ("orientasi pelayanan", "komunikasi"),
    ),
    ContohProgram(
        "Literasi Digital dan Keamanan Informasi",
        BidangKompetensi.TEKNIS,
        Jenis.E_LEARNING,
        Penyelenggara.ASN_CORPU,
        8,
        ("literasi digital",),
    ),
    ContohProgram(
        "Penanganan Pengaduan Masyarakat",
        BidangKompetensi.TEKNIS,
        Jenis.KLASIKAL,
        Penyelenggara.BPSDM,
        12,
        ("pengelolaan pengaduan", "pelayanan publik"),
    ),
    ContohProgram(
        "Seminar Kebijakan Pelayanan Publik Jakarta",
        BidangKompetensi.SOSIAL_KULTURAL,
        Jenis.SEMINAR,
        Penyelenggara.BPSDM,
        4,
        ("kebijakan publik",),
    ),
    ContohProgram(
        "Coaching Penyusunan SKP dan Umpan Balik Berkelanjutan",
        BidangKompetensi.MANAJERIAL,
        Jenis.COACHING,
        Penyelenggara.DINAS,
        4,
        ("manajemen kinerja",),
    ),
]

KOMENTAR = [
    "Materi langsung bisa dipakai di kelas.",
    "Fasilitator menguasai materi.",
    "Waktu praktik terlalu singkat.",
    "Perlu contoh yang lebih dekat dengan tugas di kelurahan.",
    "",
    "",
]

# A tiny valid PDF: the demo's certificate file of an external training.
PDF_CONTOH = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _kode(rng: random.Random, dipakai: set[str]) -> str:
    while True:
        mentah = "".join(rng.choice(_ABJAD) for _i in range(12))
        kode = f"{mentah[:4]}-{mentah[4:8]}-{mentah[8:]}"
        if kode not in dipakai:
            dipakai.add(kode)
            return kode


def _pegawai_login(username: str) -> Pegawai | None:
    user = get_user_model().objects.filter(username=username).first()
    return Pegawai.objects.filter(user=user).first() if user else None


def _jp_sasaran(rng: random.Random, pegawai: Pegawai, disdik_ids: set[int], khusus: dict[int, int]) -> int:
    if pegawai.pk in khusus:
        return khusus[pegawai.pk]
    patuh = rng.random() < (0.8 if pegawai.unit_id in disdik_ids else 0.45)
    return rng.choice([20, 24, 28, 36]) if patuh else rng.choice([0, 4, 8, 12, 16])


@transaction.atomic
def seed(stdout) -> None:
    """Step of ``seed_demo`` (after kepegawaian)."""
    if Program.objects.exists():
        stdout.write(_("Pelatihan: katalog sudah ada; data demo pelatihan tidak dibuat lagi."))
        return
    rng = random.Random(BENIH)  # noqa: S311 -- demo data, not security
    hari = hari_ini()
    admin = get_user_model().objects.get(username="demo.admin")  # made by kepegawaian.demo, the step before
    disdik = UnitKerja.objects.filter(kode=KODE_DISDIK).first()
    disdik_ids = (
        set(UnitKerja.objects.filter(path__startswith=disdik.path).values_list("pk", flat=True)) if disdik else set()
    )

    program: dict[str, Program] = {}
    for contoh in KATALOG:
        prog = Program.objects.create(
            judul=contoh.judul,
            deskripsi=_("Program contoh data demo."),
            bidang=contoh.bidang,
            kompetensi=list(contoh.kompetensi),
            bentuk=Bentuk.KLASIKAL if contoh.jenis == Jenis.KLASIKAL else Bentuk.NON_KLASIKAL,
            jenis=contoh.jenis,
            penyelenggara=contoh.penyelenggara,
            nama_penyelenggara="Dinas Pendidikan" if contoh.penyelenggara == Penyelenggara.DINAS else "",
            jp=contoh.jp,
            unit_pemilik=disdik if contoh.hanya_disdik or contoh.penyelenggara == Penyelenggara.DINAS else None,
            dibuat_oleh=admin,
        )
        if contoh.hanya_disdik and disdik:
            prog.target_unit.set([disdik])
        if contoh.jabatan:
            prog.target_jabatan.set(Jabatan.objects.filter(jenis__in=contoh.jabatan))
        program[contoh.judul] = prog

    def kegiatan(contoh: ContohProgram, mulai: dt.date, hari_kegiatan: int, kuota: int, nama: str = "") -> Kegiatan:
        selesai = mulai + dt.timedelta(days=hari_kegiatan - 1)
        return Kegiatan.objects.create(
            program=program[contoh.judul],
            nama=nama,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            moda=ModaKegiatan.DARING if contoh.jenis == Jenis.E_LEARNING else ModaKegiatan.TATAP_MUKA,
            tempat="" if contoh.jenis == Jenis.E_LEARNING else "BPSDM Provinsi DKI Jakarta, Jl. Abdul Muis No. 66",
            tautan="https://elearning.bpsdm.jakarta.go.id/" if contoh.jenis == Jenis.E_LEARNING else "",
            kuota=kuota,
            pendaftaran_mulai=mulai - dt.timedelta(days=30),
            pendaftaran_selesai=mulai - dt.timedelta(days=5),
            unit_penyelenggara=disdik if contoh.penyelenggara == Penyelenggara.DINAS else None,
            dibuat_oleh=admin,
        )

    # Events already held this year, one programme a month going back from last month.
    orang = list(Pegawai.objects.filter(aktif=True).select_related("jabatan", "user", "atasan__user").order_by("nip"))
    demo_pegawai, demo_penilai = _pegawai_login("demo.pegawai"), _pegawai_login("demo.penilai")
    khusus = {p.pk: jp for p, jp in ((demo_pegawai, 8), (demo_penilai, 24)) if p is not None}
    lalu = [(contoh, hari - dt.timedelta(days=30 * (i + 1))) for i, contoh in enumerate(KATALOG)]
    ikut: dict[int, list[Pegawai]] = {i: [] for i in range(len(lalu))}
    for p in orang:
        sasaran, jp = _jp_sasaran(rng, p, disdik_ids, khusus), 0
        pilihan = list(range(len(lalu)))
        rng.shuffle(pilihan)
        for i in pilihan:
            contoh = lalu[i][0]
            if jp >= sasaran:
                break
            if contoh.hanya_disdik and p.unit_id not in disdik_ids:
                continue
            if contoh.jabatan and (p.jabatan is None or p.jabatan.jenis not in contoh.jabatan):
                continue
            if jp + contoh.jp > (sasaran + 12 if sasaran >= 20 else 19):  # the non-compliant stay below 20
                continue
            ikut[i].append(p)
            jp += contoh.jp

    _bagi_kebutuhan_lalu(lalu, ikut, orang, disdik_ids, tahun=hari.year - 1, tetap=set(khusus))

    kode_dipakai = {k for k in Peserta.objects.values_list("kode_verifikasi", flat=True) if k}
    peserta_baru: list[Peserta] = []
    selesai_kegiatan: list[tuple[Kegiatan, ContohProgram, list[Pegawai], dt.datetime]] = []
    for i, (contoh, mulai) in enumerate(lalu):
        hari_kegiatan = 1 if contoh.jp <= 8 else (3 if contoh.jp <= 24 else 5)
        selesai_orang = ikut[i]
        absen = rng.sample([p for p in orang if p not in selesai_orang], k=min(3, len(orang) - len(selesai_orang)))
        k = kegiatan(contoh, mulai, hari_kegiatan, kuota=len(selesai_orang) + len(absen) + 10, nama=_("Angkatan I"))
        Kegiatan.objects.filter(pk=k.pk).update(jumlah_terdaftar=len(selesai_orang) + len(absen))
        saat_daftar = timezone.make_aware(dt.datetime.combine(k.pendaftaran_mulai, dt.time(9)))
        saat_selesai = timezone.make_aware(dt.datetime.combine(k.tanggal_selesai, dt.time(16)))
        selesai_kegiatan.append((k, contoh, selesai_orang, saat_selesai))
        for p in selesai_orang:
            peserta_baru.append(
                Peserta(
                    kegiatan=k,
                    pegawai=p,
                    status=Peserta.Status.TERDAFTAR,
                    didaftarkan=saat_daftar,
                    didaftarkan_oleh=p.user or admin,
                    selesai=True,
                    selesai_pada=saat_selesai,
                    jp=contoh.jp,
                    tahun_jp=tahun_buku(status=p.status, nip=p.nip, tanggal=k.tanggal_selesai),
                    kode_verifikasi=_kode(rng, kode_dipakai),
                )
            )
        peserta_baru.extend(
            Peserta(
                kegiatan=k,
                pegawai=p,
                status=Peserta.Status.TERDAFTAR,
                didaftarkan=saat_daftar,
                didaftarkan_oleh=p.user or admin,
            )
            for p in absen
        )
    Peserta.objects.bulk_create(peserta_baru, batch_size=500)
    hadir = [
        Kehadiran(peserta=ps, tanggal=tanggal, hadir=True)
        for ps in Peserta.objects.filter(selesai=True).select_related("kegiatan")
        for tanggal in ps.kegiatan.daftar_tanggal
    ]
    Kehadiran.objects.bulk_create(hadir, batch_size=1000)
    ulasan = [
        UlasanKegiatan(peserta=ps, nilai=rng.choice([3, 4, 4, 5, 5]), komentar=rng.choice(KOMENTAR))
        for ps in Peserta.objects.filter(selesai=True).order_by("pk")
        if ps.pegawai_id != (demo_pegawai.pk if demo_pegawai else None) and rng.random() < 0.6
    ]
    UlasanKegiatan.objects.bulk_create(ulasan, batch_size=1000)
    _kebutuhan_tertutup(selesai_kegiatan, tetap_terbuka=set(khusus))

    # Ended last week, organised by Dinas Pendidikan: attendance and completion still to record (demo.unit's to-do).
    minggu_lalu = kegiatan(KATALOG[7], hari - dt.timedelta(days=8), 1, kuota=20, nama=_("Angkatan II"))
    tertunda = [p for p in orang if p.unit_id in disdik_ids][:12]
    Peserta.objects.bulk_create(
        Peserta(kegiatan=minggu_lalu, pegawai=p, status=Peserta.Status.TERDAFTAR, didaftarkan_oleh=p.user or admin)
        for p in tertunda
    )
    Kegiatan.objects.filter(pk=minggu_lalu.pk).update(jumlah_terdaftar=len(tertunda))

    # Upcoming, registration open now; the coaching class is almost full (a waiting list forms).
    for contoh, minggu, kuota in ((KATALOG[0], 3, 30), (KATALOG[3], 4, 40), (KATALOG[4], 2, 200), (KATALOG[7], 3, 6)):
        mulai = hari + dt.timedelta(weeks=minggu)
        k = kegiatan(contoh, mulai, 3 if contoh.jp >= 16 else 1, kuota=kuota, nama=_("Angkatan III"))
        Kegiatan.objects.filter(pk=k.pk).update(
            pendaftaran_mulai=hari - dt.timedelta(days=7), pendaftaran_selesai=mulai - dt.timedelta(days=2)
        )
        if kuota == 6:
            duduk = [p for p in orang if p.unit_id in disdik_ids and p not in khusus][20:25]
            Peserta.objects.bulk_create(
                Peserta(kegiatan=k, pegawai=p, status=Peserta.Status.TERDAFTAR, didaftarkan_oleh=p.user or admin)
                for p in duduk
            )
            Kegiatan.objects.filter(pk=k.pk).update(jumlah_terdaftar=len(duduk))

    # External trainings: demo.pegawai's waits for demo.penilai; a few others approved.
    nama = "pelatihan/eksternal/demo/sertifikat-contoh.pdf"
    berkas = nama if default_storage.exists(nama) else default_storage.save(nama, ContentFile(PDF_CONTOH))
    sha = hashlib.sha256(PDF_CONTOH).hexdigest()
    pengaju = ([demo_pegawai] if demo_pegawai else []) + rng.sample(orang, k=min(4, len(orang)))
    for n, p in enumerate(pengaju):
        menunggu = n == 0 and demo_pegawai is not None
        tanggal = hari - dt.timedelta(days=20 + 9 * n)
        PelatihanEksternal.objects.create(
            pegawai=p,
            judul=_("Kursus Daring Analisis Data untuk Kebijakan") if menunggu else _("Webinar Manajemen Risiko"),
            jenis=Jenis.E_LEARNING if menunggu else Jenis.SEMINAR,
            bidang=BidangKompetensi.TEKNIS,
            penyelenggara="Lembaga Administrasi Negara" if menunggu else "Universitas Indonesia",
            tanggal_mulai=tanggal - dt.timedelta(days=2),
            tanggal_selesai=tanggal,
            jp=10 if menunggu else 4,
            tahun_jp=tahun_buku(status=p.status, nip=p.nip, tanggal=tanggal),
            berkas=berkas,
            tipe="application/pdf",
            sha256=sha,
            nama_asli="sertifikat.pdf",
            status=PelatihanEksternal.Status.DIAJUKAN if menunggu else PelatihanEksternal.Status.DISETUJUI,
            diputuskan_oleh=None if menunggu else (p.atasan.user if p.atasan and p.atasan.user_id else None),
            diputuskan_pada=None if menunggu else timezone.now(),
        )
    jp_tahunan_bangun()  # the JP summary of the compliance view, from the rows written above
    stdout.write(
        _("Pelatihan: %(p)d program, %(k)d kegiatan, %(s)d peserta selesai, %(e)d pelatihan eksternal.")
        % {
            "p": Program.objects.count(),
            "k": Kegiatan.objects.count(),
            "s": Peserta.objects.filter(selesai=True).count(),
            "e": PelatihanEksternal.objects.count(),
        }
    )


def _boleh_ikut(contoh: ContohProgram, p: Pegawai, disdik_ids: set[int]) -> bool:
    if contoh.hanya_disdik and p.unit_id not in disdik_ids:
        return False
    return not (contoh.jabatan and (p.jabatan is None or p.jabatan.jenis not in contoh.jabatan))


def _bagi_kebutuhan_lalu(
    lalu: list[tuple[ContohProgram, dt.date]],
    ikut: dict[int, list[Pegawai]],
    orang: list[Pegawai],
    disdik_ids: set[int],
    *,
    tahun: int,
    tetap: set[int],
) -> None:
    """The "did training work" comparison (``pelatihan.selectors.dampak`` for year ``tahun``): of the people with an
    open development need from that year's appraisals (``penilaian.demo``), every other one (by NIP) takes this
    year an event whose programme answers it, and the others take none that does, so that both groups of the page
    hold enough people to be shown (groups under 5 are suppressed). The others' other trainings are kept."""
    per_orang = {p.pk: p for p in orang}
    area: dict[int, set[str]] = {}
    for pid, a in KebutuhanPengembangan.objects.filter(
        evaluasi__periode__tahun=tahun, status=KebutuhanPengembangan.Status.TERBUKA
    ).values_list("pegawai_id", "area_kompetensi"):
        if pid in per_orang and pid not in tetap:
            area.setdefault(pid, set()).add(a)
    for n, pid in enumerate(sorted(area, key=lambda pk: per_orang[pk].nip)):
        p = per_orang[pid]
        cocok = [i for i, (contoh, _m) in enumerate(lalu) if set(area_dijawab(contoh.bidang)) & area[pid]]
        if n % 2:
            for i in cocok:
                ikut[i] = [q for q in ikut[i] if q.pk != pid]
        elif not any(p in ikut[i] for i in cocok):
            pilih = next((i for i in cocok if _boleh_ikut(lalu[i][0], p, disdik_ids)), None)
            if pilih is not None:
                ikut[pilih].append(p)


def _kebutuhan_tertutup(
    selesai: list[tuple[Kegiatan, ContohProgram, list[Pegawai], dt.datetime]], *, tetap_terbuka: set[int]
) -> None:
    """The development needs the events held met, closed as ``kelulusan_grant`` would have closed them when the
    completion was recorded (history, in bulk): the open needs of the participants in an area the programme
    answers (``pelatihan.padanan``), raised by an evaluation finalised before the event ended — so that the "did it
    work" page (``?tahun=`` the demo year) counts needs met by training. demo.pegawai's and demo.penilai's stay open:
    the team page recommends programmes for them."""
    for k, contoh, orang, saat in sorted(selesai, key=lambda s: s[3]):
        KebutuhanPengembangan.objects.filter(
            pegawai__in=[p.pk for p in orang if p.pk not in tetap_terbuka],
            area_kompetensi__in=area_dijawab(contoh.bidang),
            status=KebutuhanPengembangan.Status.TERBUKA,
            evaluasi__difinalkan_pada__lt=saat,
        ).update(
            status=KebutuhanPengembangan.Status.TERPENUHI,
            ditutup_pada=saat,
            catatan_penutupan=(
                _("Terpenuhi oleh pelatihan %(judul)s (selesai %(tgl)s).")
                % {"judul": k.judul, "tgl": date_format(k.tanggal_selesai, "j F Y")}
            )[:2000],
            referensi_penutupan=f"pelatihan:{k.pk}",
        )
