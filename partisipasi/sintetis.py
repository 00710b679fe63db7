"""A year of citizens' participation in the synthetic Jakarta (``manage.py bangun_jakarta``), written with COPY
(``kinerja.sintetis``):

- the complaint categories of the demo (LAPOR! SP4N service levels), and each kelurahan's lurah granted the
  complaint officer's role;
- ``per_bulan`` complaints per kelurahan per month filed before the built year's end (``Dunia.akhir``), with the
  service-level deadlines of ``partisipasi.sla.tanggal_batas`` (over the holidays in ``HariLibur``), most answered
  and completed (resolution time log-normal, median about two and a half days), some coordinated or forwarded
  (disposisi) to the kecamatan, some rejected, some reopened once, some rated, some still open past their deadline
  (what ``selectors.terlambat_q`` calls overdue), with the status trail (``RiwayatStatus``) and the officer's
  response (``Tanggapan``);
- forums in every kelurahan (a Rembuk RW in January, the Musrenbang in February, two forum warga later, one to come
  with registered attendees), the aspirations raised in the past ones in every status of ``StatusAspirasi`` with
  their dated public updates.

The figures the reports read are on the complaint row: ``dibuat``, ``respons_pertama_pada``, ``selesai_pada``,
``batas_respons``, ``batas_selesai`` (``selectors.penyelesaian_angka`` and ``terlambat_q``); the trail agrees with them.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone

from kepegawaian.sintetis import DataOrang
from kinerja.sintetis import Copy, Dunia, id_awal, urutan_segarkan
from partisipasi import sla
from partisipasi.demo import KATEGORI, URAIAN
from partisipasi.models import (
    Aspirasi,
    Forum,
    HariLibur,
    KategoriPengaduan,
    KehadiranForum,
    PembaruanAspirasi,
    Pengaduan,
    PetugasPengaduan,
    RiwayatStatus,
    Tanggapan,
)
from partisipasi.services import klien_kunci
from partisipasi.services._dasar import ALFABET_KODE, PANJANG_KODE

#: what ``--ganti`` empties for this part
TABEL = (RiwayatStatus, Tanggapan, Pengaduan, PembaruanAspirasi, Aspirasi, KehadiranForum, Forum, PetugasPengaduan)

S = Pengaduan.Status
#: complaints per kelurahan per month at 65,000 pegawai (Jakarta: ~14,000 reports a month over 267 kelurahan is
#: ~52; the command scales it with --pegawai)
PER_BULAN_JAKARTA = 40
DITOLAK = 0.07
MACET = 0.05  # answered, never completed: overdue
KOORDINASI = 0.1
DISPOSISI = 0.05
DIBUKA_KEMBALI = 0.05
DINILAI = 0.4
ASPIRASI_PER_FORUM = (4, 6)
#: (status, progress, text, days after the forum) of the way an aspiration travels to each end status
JEJAK = {
    Aspirasi.Status.DITERIMA: [],
    Aspirasi.Status.DITINDAKLANJUTI: [("ditindaklanjuti", 30, "Survei lapangan bersama suku dinas.", 14)],
    Aspirasi.Status.DIAKOMODIR: [
        ("ditindaklanjuti", 20, "Survei lapangan bersama suku dinas.", 14),
        ("diakomodir", 40, "Masuk rencana kerja suku dinas tahun depan.", 45),
    ],
    Aspirasi.Status.SELESAI: [
        ("ditindaklanjuti", 20, "Survei lapangan bersama suku dinas.", 14),
        ("diakomodir", 40, "Masuk rencana kerja suku dinas.", 45),
        ("selesai", 100, "Pekerjaan sudah selesai dan diperiksa bersama warga.", 110),
    ],
    Aspirasi.Status.TIDAK_DIREKOMENDASIKAN: [("tidak_direkomendasikan", 0, "Dikaji bersama suku dinas.", 21)],
}
USULAN = (
    ("fisik", "Perbaikan saluran air yang selalu meluap saat hujan."),
    ("fisik", "Pembangunan taman bermain anak di lahan kosong."),
    ("pelayanan", "Layanan surat pengantar RT/RW secara daring."),
    ("lingkungan", "Pengerukan rutin saluran sebelum musim hujan."),
    ("sosial", "Posyandu lansia setiap bulan di balai warga."),
    ("ekonomi", "Pelatihan pemasaran daring bagi UMKM warga."),
)


def per_bulan_bawaan(pegawai: int) -> int:
    """Complaints per kelurahan per month for a Jakarta of ``pegawai`` people (at least 2)."""
    return max(2, round(PER_BULAN_JAKARTA * pegawai / 65_000))


def bangun(dunia: Dunia, data: DataOrang, *, per_bulan: int) -> dict[str, int]:
    rng = dunia.acak("partisipasi")
    tz = timezone.get_current_timezone()
    for urutan, (kode, nama, hari_respons, hari_selesai, hitungan) in enumerate(KATEGORI):
        KategoriPengaduan.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "batas_respons_hari": hari_respons,
                "batas_selesai_hari": hari_selesai,
                "hitungan": hitungan,
                "urutan": urutan,
            },
        )
    kategori = list(KategoriPengaduan.objects.filter(aktif=True).order_by("urutan", "pk"))
    libur = set(HariLibur.objects.values_list("tanggal", flat=True))
    batas_cache: dict[tuple[dt.date, int, int, str], dt.datetime] = {}

    def batas(tanggal: dt.date, k: KategoriPengaduan, respons: bool) -> dt.datetime:
        hari = k.batas_respons_hari if respons else k.batas_selesai_hari
        kunci = (tanggal, k.pk, hari, k.hitungan)
        if kunci not in batas_cache:
            akhir = sla.tanggal_batas(tanggal, hari, k.hitungan, libur)
            batas_cache[kunci] = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time.min, tz)
        return batas_cache[kunci]

    per_pk = data.per_pk()
    kepala = data.kepala_unit()
    kelurahan = sorted(data.kelurahan(), key=lambda u: u.path)
    induk = {u.path: u for u in data.unit.values()}
    petugas: dict[int, int | None] = {}
    pt_c = Copy(PetugasPengaduan, dunia.now)
    pt_id = id_awal(PetugasPengaduan)
    for kel in kelurahan:
        lurah = per_pk.get(kepala.get(kel.pk, 0))
        petugas[kel.pk] = lurah.user_id if lurah else None
        if lurah:
            pt_c.tulis(
                id=pt_id, user_id=lurah.user_id, unit_id=kel.pk, peran="petugas", diberikan_oleh_id=data.bkd_user_id
            )
            pt_id += 1
    pt_c.kirim()

    akhir, now = dunia.akhir, dunia.now
    awal = dunia.awal
    pg_c, rw_c, tg_c = Copy(Pengaduan, now), Copy(RiwayatStatus, now), Copy(Tanggapan, now)
    pg_id, rw_id, tg_id = id_awal(Pengaduan), id_awal(RiwayatStatus), id_awal(Tanggapan)
    kolom_rw = ["id", "pengaduan_id", "dari_status", "ke_status", "alasan", "unit_tujuan_id", "oleh_id", "pada"]
    tulis_rw = rw_c.cepat(kolom_rw)
    kode_dipakai: set[str] = set(Pengaduan.objects.values_list("kode_lacak", flat=True))
    bulan = [b for b in range(1, 13) if dt.datetime(dunia.tahun, b, 1, tzinfo=tz) < akhir]
    for kel in kelurahan:
        kecamatan = induk.get(kel.path[:-4])
        oleh = petugas[kel.pk]
        o_teks = str(oleh) if oleh else "\\N"
        for b in bulan:
            mulai = max(awal, dt.datetime(dunia.tahun, b, 1, tzinfo=tz))
            ujung = min(akhir, dt.datetime(dunia.tahun, b, calendar.monthrange(dunia.tahun, b)[1], 23, 59, tzinfo=tz))
            rentang = max(60.0, (ujung - mulai).total_seconds())
            # a month cut short by the year's end gets its share of the month's complaints
            bulan_penuh = calendar.monthrange(dunia.tahun, b)[1] * 86400
            for _n in range(max(1, round(per_bulan * min(1.0, rentang / bulan_penuh)))):
                k = rng.choice(kategori)
                dibuat = mulai + dt.timedelta(seconds=rng.uniform(0, rentang))
                tanggal = timezone.localtime(dibuat, tz).date()
                batas_r, batas_s = batas(tanggal, k, True), batas(tanggal, k, False)
                respons = dibuat + dt.timedelta(hours=rng.uniform(1, 60))
                selesai = respons + dt.timedelta(hours=rng.lognormvariate(4.0, 0.8))
                nasib = rng.random()
                status: str = S.MENUNGGU
                respons_pada: dt.datetime | None = None
                selesai_pada: dt.datetime | None = None
                unit_tangan, dibuka = kel.pk, 0
                trail: list[tuple[str, str, dt.datetime, str, int | None]] = [("", S.MENUNGGU, dibuat, "", None)]
                if respons < akhir:
                    respons_pada = respons
                    if nasib < DITOLAK:
                        status = S.DITOLAK
                        trail.append((S.MENUNGGU, S.DITOLAK, respons, "Bukan kewenangan kelurahan.", None))
                    else:
                        dari: str = S.MENUNGGU
                        if kecamatan is not None and rng.random() < DISPOSISI:
                            unit_tangan = kecamatan.pk
                            trail.append((dari, S.DISPOSISI, respons, "Diteruskan ke kecamatan.", kecamatan.pk))
                            dari = S.DISPOSISI
                        elif rng.random() < KOORDINASI:
                            trail.append((dari, S.KOORDINASI, respons, "Koordinasi dengan suku dinas.", None))
                            dari = S.KOORDINASI
                        proses = respons + (selesai - respons) * rng.uniform(0.01, 0.2)  # before completion
                        trail.append((dari, S.PROSES, min(proses, akhir), "", None))
                        status = S.PROSES
                        if selesai < akhir and nasib > DITOLAK + MACET:
                            status, selesai_pada = S.SELESAI, selesai
                            if rng.random() < DIBUKA_KEMBALI:
                                lagi = selesai + dt.timedelta(hours=rng.uniform(12, 72))
                                if lagi < akhir:
                                    trail.append((S.PROSES, S.SELESAI, selesai, "Sudah ditangani.", None))
                                    trail.append((S.SELESAI, S.PROSES, selesai, "Dibuka kembali oleh pelapor.", None))
                                    selesai_pada, dibuka = lagi, 1
                            trail.append((S.PROSES, S.SELESAI, selesai_pada, "Sudah ditangani.", None))
                rating = None
                dinilai = None
                if selesai_pada is not None and rng.random() < DINILAI and selesai_pada + dt.timedelta(days=1) < akhir:
                    rating, dinilai = rng.choice((2, 3, 4, 4, 5, 5)), selesai_pada + dt.timedelta(days=1)
                pg_c.tulis(
                    id=pg_id,
                    kode_lacak=_kode(rng, kode_dipakai),
                    kategori_id=k.pk,
                    kelurahan_id=kel.pk,
                    rw=f"{rng.randint(1, 12):02d}",
                    deskripsi=rng.choice(URAIAN),
                    nama_pelapor=f"Warga {rng.randint(1, 999)}" if rng.random() < 0.6 else "",
                    kontak_pelapor=f"08{rng.randint(10**9, 10**10 - 1)}" if rng.random() < 0.5 else "",
                    publik=rng.random() < 0.9,
                    kanal=rng.choice(("web", "jaki", "jaki", "crm", "kantor", "medsos")),
                    unit_penanganan_id=unit_tangan,
                    status=status,
                    dibuat=dibuat,
                    batas_respons=batas_r,
                    batas_selesai=batas_s,
                    respons_pertama_pada=respons_pada,
                    selesai_pada=selesai_pada,
                    jumlah_dibuka_kembali=dibuka,
                    rating=rating,
                    komentar_rating="Ditangani cepat." if rating and rating >= 4 else "",
                    dinilai_pada=dinilai,
                )
                for dari, ke, pada, alasan, tujuan in trail:
                    tulis_rw(rw_id, pg_id, dari, ke, alasan, tujuan if tujuan else "\\N", o_teks, pada.isoformat())
                    rw_id += 1
                if respons_pada is not None and status != S.DITOLAK:
                    tg_c.tulis(
                        id=tg_id,
                        pengaduan_id=pg_id,
                        teks="Terima kasih, laporan sudah kami teruskan ke petugas lapangan.",
                        unit_id=kel.pk,
                        oleh_id=oleh,
                        pada=respons_pada,
                    )
                    tg_id += 1
                pg_id += 1
    for c in (pg_c, rw_c, tg_c):
        c.kirim()
    forum, aspirasi = _forum(dunia, rng, kelurahan, petugas, tz)
    urutan_segarkan(
        (PetugasPengaduan, Pengaduan, RiwayatStatus, Tanggapan, Forum, KehadiranForum, Aspirasi, PembaruanAspirasi)
    )
    return {"pengaduan": pg_c.jumlah, "riwayat": rw_c.jumlah, "forum": forum, "aspirasi": aspirasi}


def _kode(rng, dipakai: set[str]) -> str:
    while True:
        kode = "".join(rng.choice(ALFABET_KODE) for _i in range(PANJANG_KODE))
        if kode not in dipakai:
            dipakai.add(kode)
            return kode


def _forum(dunia: Dunia, rng, kelurahan: list, petugas: dict, tz) -> tuple[int, int]:
    akhir, tahun = dunia.akhir, dunia.tahun
    fr_c, hd_c, as_c, pb_c = (Copy(m, dunia.now) for m in (Forum, KehadiranForum, Aspirasi, PembaruanAspirasi))
    fr_id, hd_id, as_id, pb_id = (id_awal(m) for m in (Forum, KehadiranForum, Aspirasi, PembaruanAspirasi))
    status_semua = list(JEJAK)
    bulan_lewat = [b for b in range(3, 13) if dt.datetime(tahun, b, 28, tzinfo=tz) < akhir] or [1]
    for kel in kelurahan:
        oleh = petugas[kel.pk]
        rencana = [
            (
                Forum.Jenis.REMBUK_RW,
                "Rembuk RW: usulan pembangunan lingkungan tahun depan",
                dt.datetime(tahun, 1, 10, 9, tzinfo=tz),
                "",
            ),
            (
                Forum.Jenis.MUSRENBANG,
                "Musrenbang kecamatan terintegrasi kelurahan: penetapan prioritas",
                dt.datetime(tahun, 2, 12, 9, tzinfo=tz),
                "",
            ),
            *[
                (
                    Forum.Jenis.FORUM_WARGA,
                    "Forum warga: genangan dan saluran air",
                    dt.datetime(tahun, b, rng.randint(1, 27), 19, tzinfo=tz),
                    f"{rng.randint(1, 12):02d}",
                )
                for b in sorted(rng.sample(bulan_lewat, min(2, len(bulan_lewat))))
            ],
            (
                Forum.Jenis.FORUM_WARGA,
                "Forum warga: keamanan dan penerangan gang",
                akhir + dt.timedelta(days=10, hours=19),
                "03",
            ),
        ]
        urut = 0
        for jenis, topik, mulai, rw in rencana:
            lalu = mulai + dt.timedelta(hours=3) < akhir
            fr_c.tulis(
                id=fr_id,
                kelurahan_id=kel.pk,
                jenis=jenis,
                topik=topik,
                mulai=mulai,
                selesai=mulai + dt.timedelta(hours=3),
                tempat="Aula Kantor Kelurahan" if not rw else f"Balai warga RW {rw}",
                rw=rw,
                notulen="Usulan warga dicatat dan dibahas bersama LMK dan suku dinas." if lalu else "",
                notulen_pada=mulai + dt.timedelta(days=1) if lalu else None,
                jumlah_hadir=0 if lalu else 5,
                dibuat_oleh_id=oleh,
                dibuat=mulai - dt.timedelta(days=14),
            )
            if not lalu:
                for n in range(5):
                    hd_c.tulis(
                        id=hd_id,
                        forum_id=fr_id,
                        klien=klien_kunci(f"sintetis-{fr_id}-{n}"),
                        pada=akhir - dt.timedelta(hours=n + 1),
                    )
                    hd_id += 1
            else:
                selesai = mulai + dt.timedelta(hours=3)
                for _a in range(rng.randint(*ASPIRASI_PER_FORUM)):
                    akhir_status = status_semua[urut % len(status_semua)]
                    urut += 1
                    jejak = [j for j in JEJAK[akhir_status] if selesai + dt.timedelta(days=j[3]) < akhir]
                    status, progres, hari = (jejak[-1][0], jejak[-1][1], jejak[-1][3]) if jejak else ("diterima", 0, 0)
                    kategori, uraian = rng.choice(USULAN)
                    as_c.tulis(
                        id=as_id,
                        forum_id=fr_id,
                        kategori=kategori,
                        rw=f"{rng.randint(1, 12):02d}",
                        uraian=uraian,
                        unit_penanggung_jawab_id=kel.pk,
                        status=status,
                        progres=progres,
                        alasan="Bukan kewenangan daerah; sudah dianggarkan pusat."
                        if status == "tidak_direkomendasikan"
                        else "",
                        diubah=selesai + dt.timedelta(days=hari),
                    )
                    pb_c.tulis(
                        id=pb_id,
                        aspirasi_id=as_id,
                        status="diterima",
                        progres=0,
                        teks="Aspirasi diterima dalam forum.",
                        oleh_id=oleh,
                        pada=selesai,
                    )
                    pb_id += 1
                    for st, pr, teks, d in jejak:
                        pb_c.tulis(
                            id=pb_id,
                            aspirasi_id=as_id,
                            status=st,
                            progres=pr,
                            teks=teks,
                            oleh_id=oleh,
                            pada=selesai + dt.timedelta(days=d),
                        )
                        pb_id += 1
                    as_id += 1
            fr_id += 1
    for c in (fr_c, hd_c, as_c, pb_c):
        c.kirim()
    return fr_c.jumlah, as_c.jumlah
