"""Demo data for partisipasi (a step of ``seed_demo``, after indikator's): complaint categories with their service
levels, a few hundred complaints across the demo kelurahan over the year (most completed, some still open and
overdue, some rejected, reopened, rated, supported), a demo complaint officer, and the lurah's "rata-rata waktu
penyelesaian pengaduan masyarakat" IKI bound to his kelurahan's complaints, computed at once, so that the
indicator shows a measured value on a fresh ``make run``.

Like indikator's demo this is generated *history* (filed and handled months ago), written in bulk straight to the
tables; the database constraints still hold every row. Running it twice changes nothing.

Each demo kelurahan also gets its forums (``_forum``): a Rembuk RW, a Musrenbang kecamatan terintegrasi kelurahan
and a forum warga held in the past months with their minutes and aspirations, one aspiration in every status with
its dated public updates (the way a proposal really travels: diterima → ditindaklanjuti → diakomodir → selesai, or
tidak direkomendasikan with its reason), and two forums still to come (open for attendance).

Demo login (password ``kinerja-demo``): ``demo.petugas``, complaint officer of Kecamatan Menteng and its kelurahan.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import Iki, hari_ini
from kepegawaian.demo import SANDI_DEMO
from kepegawaian.models import UnitKerja, User
from partisipasi import services, sla
from partisipasi.models import (
    Aspirasi,
    Forum,
    HariLibur,
    HitunganHari,
    IkiTerhitung,
    KategoriPengaduan,
    KehadiranForum,
    PembaruanAspirasi,
    Pengaduan,
    PetugasPengaduan,
    RiwayatStatus,
    Tanggapan,
)
from partisipasi.services._dasar import ALFABET_KODE, PANJANG_KODE

BENIH = 12
PER_KELURAHAN = 150
IKI_WAKTU = "Rata-rata waktu penyelesaian pengaduan masyarakat"

# (kode, nama, respons, selesai, hitungan): LAPOR! SP4N (domain.md): response 3 days, complaints 5 days, disputes
# without a field check 14 days, with one 60 days.
KATEGORI = [
    ("kebersihan", "Kebersihan dan sampah", 3, 5, HitunganHari.KERJA),
    ("saluran", "Saluran air dan genangan", 3, 5, HitunganHari.KERJA),
    ("jalan", "Jalan dan trotoar rusak", 3, 14, HitunganHari.KERJA),
    ("penerangan", "Penerangan jalan umum", 3, 5, HitunganHari.KERJA),
    ("administrasi", "Layanan administrasi kelurahan", 1, 5, HitunganHari.KERJA),
    ("sengketa", "Sengketa lahan (dengan pemeriksaan lapangan)", 3, 60, HitunganHari.KALENDER),
]

URAIAN = [
    "Sampah menumpuk di pinggir jalan dekat pos RW sejak beberapa hari.",
    "Saluran air tersumbat, air menggenang setiap hujan.",
    "Lubang besar di jalan lingkungan membahayakan pengendara motor.",
    "Lampu penerangan jalan mati di gang sempit, rawan di malam hari.",
    "Antrean layanan surat pengantar terlalu lama.",
    "Trotoar rusak dan dipakai parkir liar.",
    "Pohon tumbang menutup sebagian jalan.",
]


def _kode() -> str:
    return "".join(secrets.choice(ALFABET_KODE) for _i in range(PANJANG_KODE))


def _kategori() -> list[KategoriPengaduan]:
    for urutan, (kode, nama, respons, selesai, hitungan) in enumerate(KATEGORI):
        KategoriPengaduan.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "batas_respons_hari": respons,
                "batas_selesai_hari": selesai,
                "hitungan": hitungan,
                "urutan": urutan,
            },
        )
    return list(KategoriPengaduan.objects.filter(aktif=True))


def _petugas(kecamatan: UnitKerja | None) -> User | None:
    if kecamatan is None:
        return None
    user = User.objects.filter(username="demo.petugas").first()
    if user is None:
        user = User.objects.create_user(
            username="demo.petugas", password=SANDI_DEMO, first_name=_("Petugas Pengaduan (demo)")
        )
    PetugasPengaduan.objects.get_or_create(user=user, unit=kecamatan, peran=PetugasPengaduan.Peran.PETUGAS)
    PetugasPengaduan.objects.get_or_create(user=user, unit=kecamatan, peran=PetugasPengaduan.Peran.MODERATOR)
    return user


def _pengaduan(rng: random.Random, kelurahan: UnitKerja, kategori: list[KategoriPengaduan], petugas, hari) -> int:
    """``PER_KELURAHAN`` complaints filed between 1 January and today, in bulk."""
    tz = timezone.get_current_timezone()
    awal = dt.datetime(hari.year, 1, 2, 8, 0, tzinfo=tz)
    sekarang = timezone.now()
    rentang = max((sekarang - awal).total_seconds(), 3600.0)
    libur = set(HariLibur.objects.values_list("tanggal", flat=True))
    baris: list[tuple[Pengaduan, list[tuple[str, str, dt.datetime, str]]]] = []
    for _n in range(PER_KELURAHAN):
        k = rng.choice(kategori)
        dibuat = awal + dt.timedelta(seconds=rng.uniform(0, rentang))
        lokal = timezone.localtime(dibuat).date()
        batas_r = dt.datetime.combine(
            sla.tanggal_batas(lokal, k.batas_respons_hari, k.hitungan, libur) + dt.timedelta(days=1), dt.time.min, tz
        )
        batas_s = dt.datetime.combine(
            sla.tanggal_batas(lokal, k.batas_selesai_hari, k.hitungan, libur) + dt.timedelta(days=1), dt.time.min, tz
        )
        p = Pengaduan(
            kode_lacak=_kode(),
            kategori=k,
            kelurahan=kelurahan,
            unit_penanganan=kelurahan,
            rw=f"{rng.randint(1, 12):02d}",
            deskripsi=rng.choice(URAIAN),
            nama_pelapor=_("Warga %(n)d") % {"n": rng.randint(1, 999)} if rng.random() < 0.6 else "",
            kontak_pelapor=f"08{rng.randint(10**9, 10**10 - 1)}" if rng.random() < 0.5 else "",
            publik=rng.random() < 0.9,
            dibuat=dibuat,
            batas_respons=batas_r,
            batas_selesai=batas_s,
            jumlah_dukungan=rng.choice([0, 0, 0, 1, 2, 5]),
        )
        trail: list[tuple[str, str, dt.datetime, str]] = [("", Pengaduan.Status.MENUNGGU, dibuat, "")]
        respons = dibuat + dt.timedelta(hours=rng.uniform(1, 60))
        selesai = respons + dt.timedelta(hours=rng.lognormvariate(4.0, 0.8))  # median ~2.3 days
        nasib = rng.random()
        if respons > sekarang:
            pass  # still waiting
        elif nasib < 0.07:
            p.status, p.respons_pertama_pada = Pengaduan.Status.DITOLAK, respons
            trail.append(
                (Pengaduan.Status.MENUNGGU, Pengaduan.Status.DITOLAK, respons, _("Bukan kewenangan kelurahan."))
            )
        elif selesai > sekarang or nasib > 0.93:
            # still being handled (some long past their deadline: the overdue list)
            p.status, p.respons_pertama_pada = Pengaduan.Status.PROSES, respons
            trail.append((Pengaduan.Status.MENUNGGU, Pengaduan.Status.PROSES, respons, ""))
        else:
            p.status, p.respons_pertama_pada, p.selesai_pada = Pengaduan.Status.SELESAI, respons, selesai
            trail.append((Pengaduan.Status.MENUNGGU, Pengaduan.Status.PROSES, respons, ""))
            if rng.random() < 0.08:  # reopened once by the citizen, then completed again
                dibuka = selesai
                selesai = dibuka + dt.timedelta(hours=rng.uniform(12, 72))
                if selesai < sekarang:
                    p.selesai_pada, p.jumlah_dibuka_kembali = selesai, 1
                    trail.append((Pengaduan.Status.PROSES, Pengaduan.Status.SELESAI, dibuka, ""))
                    trail.append(
                        (Pengaduan.Status.SELESAI, Pengaduan.Status.PROSES, dibuka, _("Dibuka kembali oleh pelapor."))
                    )
            trail.append((Pengaduan.Status.PROSES, Pengaduan.Status.SELESAI, p.selesai_pada, _("Sudah ditangani.")))
            if rng.random() < 0.4 and p.selesai_pada + dt.timedelta(days=1) < sekarang:
                p.rating = rng.choice([3, 4, 4, 5, 5, 2])
                p.dinilai_pada = p.selesai_pada + dt.timedelta(days=1)
        baris.append((p, trail))
    Pengaduan.objects.bulk_create([p for p, _t in baris], batch_size=500)
    RiwayatStatus.objects.bulk_create(
        [
            RiwayatStatus(pengaduan=p, dari_status=dari, ke_status=ke, pada=pada, alasan=alasan, oleh=petugas)
            for p, trail in baris
            for dari, ke, pada, alasan in trail
        ],
        batch_size=1000,
    )
    Tanggapan.objects.bulk_create(
        [
            Tanggapan(
                pengaduan=p,
                teks=_("Terima kasih, laporan sudah kami teruskan ke petugas lapangan."),
                unit=kelurahan,
                oleh=petugas,
                pada=p.respons_pertama_pada,
            )
            for p, _t in baris
            if p.respons_pertama_pada is not None and p.status != Pengaduan.Status.DITOLAK
        ],
        batch_size=1000,
    )
    return len(baris)


def _ikat(kelurahan: list[UnitKerja]) -> list:
    """Bind each kelurahan head's resolution-time IKI to his kelurahan and compute it now."""
    hasil = []
    for kel in kelurahan:
        iki = (
            Iki.objects.filter(
                uraian=IKI_WAKTU, rhk__skp__terkini=True, rhk__skp__pegawai__unit=kel, rhk__skp__pegawai__aktif=True
            )
            .exclude(rhk__skp__pegawai__atasan__unit=kel)
            .order_by("pk")
            .first()
        )
        if iki is None:
            continue
        ikatan, _baru = IkiTerhitung.objects.get_or_create(
            iki=iki, defaults={"unit": kel, "ukuran": IkiTerhitung.Ukuran.RATA}
        )
        hasil.append(services.realisasi_terhitung_run(actor=None, ikatan=ikatan))
    return hasil


# (kind, topic, days from now, hours long, place, RW, minutes): the past ones have minutes, the future ones none.
FORUM = [
    (
        Forum.Jenis.REMBUK_RW,
        "Rembuk RW: usulan pembangunan lingkungan tahun depan",
        -120,
        3,
        "Aula Kantor Kelurahan",
        "",
        "Dihadiri ketua RW 01–08, LMK dan 46 warga. Setiap RW menyampaikan tiga usulan prioritas; usulan fisik "
        "dicatat untuk Musrenbang, usulan pelayanan ditindaklanjuti langsung oleh kelurahan.",
    ),
    (
        Forum.Jenis.MUSRENBANG,
        "Musrenbang kecamatan terintegrasi kelurahan: penetapan prioritas",
        -90,
        4,
        "Aula Kantor Kecamatan Menteng",
        "",
        "Usulan hasil Rembuk RW dibahas bersama suku dinas. Enam usulan diprioritaskan, dua tidak direkomendasikan "
        "karena sudah dianggarkan atau bukan kewenangan daerah.",
    ),
    (
        Forum.Jenis.FORUM_WARGA,
        "Forum warga: genangan dan saluran air musim hujan",
        -30,
        2,
        "Balai warga RW 05",
        "05",
        "Warga RW 05 memetakan titik genangan. Petugas PPSU dan Sudin SDA menjelaskan jadwal pengerukan saluran.",
    ),
    (Forum.Jenis.FORUM_WARGA, "Forum warga: keamanan dan penerangan gang", 10, 2, "Pos RW 03", "03", ""),
    (Forum.Jenis.REMBUK_RW, "Rembuk RW: evaluasi usulan tahun berjalan", 25, 3, "Aula Kantor Kelurahan", "", ""),
]

# (forum index, category, RW, text, the trail after "diterima": (status, progress, text, days after the forum), and
# the reason when not recommended). Every status of StatusAspirasi ends one trail.
ASPIRASI = [
    (
        0,
        "fisik",
        "02",
        "Perbaikan saluran air Jl. Kenari yang selalu meluap.",
        [
            ("ditindaklanjuti", 20, "Survei lapangan bersama Sudin SDA.", 14),
            ("diakomodir", 40, "Masuk rencana kerja Sudin SDA tahun depan.", 45),
            ("selesai", 100, "Saluran sepanjang 120 m sudah diperbaiki.", 110),
        ],
        "",
    ),
    (
        0,
        "pelayanan",
        "04",
        "Layanan surat pengantar RT/RW secara daring.",
        [
            ("ditindaklanjuti", 50, "Uji coba formulir daring di dua RW.", 20),
        ],
        "",
    ),
    (
        1,
        "fisik",
        "06",
        "Pembangunan taman bermain anak di lahan kosong RW 06.",
        [
            ("diakomodir", 25, "Diakomodir dalam rencana kerja Dinas Pertamanan.", 30),
        ],
        "",
    ),
    (
        1,
        "fisik",
        "01",
        "Pelebaran jalan lingkungan RW 01.",
        [
            ("tidak_direkomendasikan", 0, "Dikaji bersama Sudin Bina Marga.", 21),
        ],
        "Lahan di kedua sisi jalan milik warga; pelebaran memerlukan pembebasan lahan yang bukan kewenangan kelurahan.",
    ),
    (2, "lingkungan", "05", "Pengerukan rutin saluran sebelum musim hujan.", [], ""),
    (2, "sosial", "05", "Posyandu lansia setiap bulan di balai warga.", [], ""),
]


HADIR_DEMO = 7


def _forum(kelurahan: UnitKerja, petugas, sekarang: dt.datetime) -> tuple[int, int]:
    """The demo forums of one kelurahan and their aspirations, with backdated updates (history, in bulk)."""
    forums = []
    for jenis, topik, hari, jam, tempat, rw, notulen in FORUM:
        mulai = (sekarang + dt.timedelta(days=hari)).replace(hour=9, minute=0, second=0, microsecond=0)
        forums.append(
            Forum(
                kelurahan=kelurahan,
                jenis=jenis,
                topik=topik,
                mulai=mulai,
                selesai=mulai + dt.timedelta(hours=jam),
                tempat=tempat,
                rw=rw,
                notulen=notulen,
                notulen_pada=mulai + dt.timedelta(days=1) if notulen else None,
                jumlah_hadir=0 if notulen else HADIR_DEMO,
                dibuat_oleh=petugas,
            )
        )
    Forum.objects.bulk_create(forums)
    # Citizens registered for the coming forums: only a keyed hash of their client, no name (the count is public).
    KehadiranForum.objects.bulk_create(
        KehadiranForum(forum=f, klien=services.klien_kunci(f"demo-{f.pk}-{n}"))
        for f in forums
        if not f.notulen
        for n in range(HADIR_DEMO)
    )
    pembaruan = []
    for i, kategori, rw, uraian, jejak, alasan in ASPIRASI:
        forum = forums[i]
        akhir = jejak[-1] if jejak else (Aspirasi.Status.DITERIMA, 0, "", 0)
        aspirasi = Aspirasi.objects.create(
            forum=forum,
            kategori=kategori,
            rw=rw,
            uraian=uraian,
            unit_penanggung_jawab=kelurahan,
            status=akhir[0],
            progres=akhir[1],
            alasan=alasan if akhir[0] == Aspirasi.Status.TIDAK_DIREKOMENDASIKAN else "",
            diubah=forum.selesai + dt.timedelta(days=akhir[3]),
        )
        pembaruan.append(
            PembaruanAspirasi(
                aspirasi=aspirasi,
                status=Aspirasi.Status.DITERIMA,
                progres=0,
                teks=_("Aspirasi diterima dalam %(forum)s.") % {"forum": forum.get_jenis_display()},
                oleh=petugas,
                pada=forum.selesai,
            )
        )
        pembaruan += [
            PembaruanAspirasi(
                aspirasi=aspirasi,
                status=st,
                progres=pr,
                teks=teks,
                oleh=petugas,
                pada=forum.selesai + dt.timedelta(days=d),
            )
            for st, pr, teks, d in jejak
        ]
    PembaruanAspirasi.objects.bulk_create(pembaruan)
    return len(forums), len(ASPIRASI)


@transaction.atomic
def seed(stdout) -> None:
    """Step of ``seed_demo``: categories, complaints, the demo officer, the bound IKI (computed synchronously)."""
    rng = random.Random(BENIH)  # noqa: S311 -- demo data, not security
    hari = hari_ini()
    kelurahan = list(UnitKerja.objects.filter(jenis=UnitKerja.Jenis.KELURAHAN, aktif=True).order_by("kode"))
    if not kelurahan:
        stdout.write(_("Partisipasi: belum ada kelurahan; jalankan data demo kepegawaian dahulu."))
        return
    kategori = _kategori()
    petugas = _petugas(UnitKerja.objects.filter(kode="KEC-MENTENG").first())
    n = 0
    if not Pengaduan.objects.filter(kelurahan__in=kelurahan).exists():
        for kel in kelurahan:
            n += _pengaduan(rng, kel, kategori, petugas, hari)
    hasil = _ikat(kelurahan)
    sekarang = timezone.now()
    f = a = 0
    for kel in kelurahan:
        if not Forum.objects.filter(kelurahan=kel).exists():
            df, da = _forum(kel, petugas, sekarang)
            f, a = f + df, a + da
    stdout.write(_("Partisipasi: %(f)d forum dan %(a)d aspirasi baru.") % {"f": f, "a": a})
    stdout.write(
        _("Partisipasi: %(n)d pengaduan baru, %(i)d IKI terhitung dari pengaduan (%(b)d bulan ditulis).")
        % {"n": n, "i": len(hasil), "b": sum(len(h.ditulis) for h in hasil)}
    )
