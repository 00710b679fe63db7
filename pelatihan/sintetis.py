"""A year of training in the synthetic Jakarta (``manage.py bangun_jakarta``), written with COPY
(``kinerja.sintetis``):

- a catalogue of programmes (classroom and non-classroom, every competence area, BPSDM / perangkat daerah / ASN
  Corpu) and their events over the months that ended before the built year's end, filled up to their quota;
- every pegawai aims at a JP total: in each unit a share of the people reaches the 20 JP (the share differs
  per unit: some comply, some do not), the others stay below; completions grant the JP in the
  ledger year of ``pelatihan.jp.tahun_buku`` with a unique certificate code, with attendance on every day of the
  event, a rating by some participants, and a few who registered and did not finish;
- external trainings of some people (most approved by the penilai, some waiting, some refused) with one stored
  sample certificate;
- people with an open development need (from the appraisal builder) are often sent to a programme that answers it
  (``pelatihan.padanan``), and a completion closes the open needs it answers raised before it, as
  ``kelulusan_grant`` does (``referensi_penutupan = "pelatihan:<event>"``);
- one upcoming event per programme, registration open, with a few seats taken;
- the JP summary per person and year (``pelatihan.rekap``), rebuilt from the rows above in one statement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kepegawaian.sintetis import DataOrang, OrangSintetis
from kinerja.sintetis import Copy, Dunia, id_awal, teks_copy, urutan_segarkan
from pelatihan.jp import tahun_buku
from pelatihan.models import (
    Bentuk,
    BidangKompetensi,
    Jenis,
    JpTahunan,
    Kegiatan,
    Kehadiran,
    ModaKegiatan,
    PelatihanEksternal,
    Penyelenggara,
    Peserta,
    Program,
    UlasanKegiatan,
)
from pelatihan.padanan import area_dijawab, padanan
from pelatihan.rekap import jp_tahunan_bangun
from penilaian.sintetis import DataPenilaian

#: what ``--ganti`` empties for this part
TABEL = (JpTahunan, UlasanKegiatan, Kehadiran, Peserta, Kegiatan, PelatihanEksternal, Program)

M, T, SK = BidangKompetensi.MANAJERIAL, BidangKompetensi.TEKNIS, BidangKompetensi.SOSIAL_KULTURAL
#: (judul, bidang, jenis, penyelenggara, JP)
KATALOG = (
    ("Pelatihan Kepemimpinan Pengawas", M, Jenis.KLASIKAL, Penyelenggara.BPSDM, 40),
    ("Pelatihan Kepemimpinan Administrator", M, Jenis.KLASIKAL, Penyelenggara.BPSDM, 40),
    ("Manajemen Kinerja dan Umpan Balik Berkelanjutan", M, Jenis.E_LEARNING, Penyelenggara.ASN_CORPU, 12),
    ("Coaching Penyusunan SKP", M, Jenis.COACHING, Penyelenggara.DINAS, 4),
    ("Manajemen Risiko Sektor Publik", M, Jenis.KLASIKAL, Penyelenggara.BPSDM, 24),
    ("Team Building Perangkat Daerah", M, Jenis.TEAM_BUILDING, Penyelenggara.DINAS, 8),
    ("Literasi Digital dan Keamanan Informasi", T, Jenis.E_LEARNING, Penyelenggara.ASN_CORPU, 8),
    ("Analisis Data untuk Kebijakan", T, Jenis.KLASIKAL, Penyelenggara.BPSDM, 24),
    ("Penyusunan Laporan Kinerja Instansi", T, Jenis.KLASIKAL, Penyelenggara.BPSDM, 16),
    ("Metode Pembelajaran Aktif bagi Guru", T, Jenis.KLASIKAL, Penyelenggara.DINAS, 24),
    ("Asesmen Formatif dan Pembelajaran Berdiferensiasi", T, Jenis.E_LEARNING, Penyelenggara.DINAS, 16),
    ("Pelayanan Kesehatan Primer", T, Jenis.KLASIKAL, Penyelenggara.DINAS, 24),
    ("Pengadaan Barang dan Jasa Pemerintah", T, Jenis.KLASIKAL, Penyelenggara.BPSDM, 32),
    ("Penanganan Pengaduan Masyarakat", T, Jenis.KLASIKAL, Penyelenggara.BPSDM, 12),
    ("Magang Tata Kelola Arsip", T, Jenis.MAGANG, Penyelenggara.DINAS, 20),
    ("Pelayanan Prima bagi ASN", SK, Jenis.KLASIKAL, Penyelenggara.BPSDM, 16),
    ("Komunikasi Publik dan Media Sosial", SK, Jenis.E_LEARNING, Penyelenggara.ASN_CORPU, 8),
    ("Seminar Kebijakan Pelayanan Publik Jakarta", SK, Jenis.SEMINAR, Penyelenggara.BPSDM, 4),
    ("Wawasan Kebangsaan dan Nilai BerAKHLAK", SK, Jenis.E_LEARNING, Penyelenggara.ASN_CORPU, 12),
    ("Benchmarking Layanan Kelurahan", SK, Jenis.BENCHMARKING, Penyelenggara.DINAS, 8),
)
#: share of a unit's people who reach their JP goal (one value drawn per unit, so that units differ)
PATUH = (0.95, 0.85, 0.7, 0.5, 0.3)
#: share of the people with an open development need sent to a programme that answers it
LATIH_KEBUTUHAN = 0.55
TIDAK_SELESAI = 0.03
ULASAN = 0.4
EKSTERNAL = 0.04
KOMENTAR = ("Materi langsung bisa dipakai.", "Fasilitator menguasai materi.", "Waktu praktik terlalu singkat.", "", "")
_ABJAD = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # the alphabet of pelatihan.services.hasil.kode_verifikasi_baru
PDF_CONTOH = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class _Kegiatan:
    pk: int
    program: int
    mulai: dt.date
    selesai: dt.date
    kuota: int
    peserta: int = 0


def _hari(jp: int) -> int:
    return 1 if jp <= 8 else (3 if jp <= 24 else 5)


def bangun(dunia: Dunia, data: DataOrang, penilaian: DataPenilaian | None) -> dict[str, int]:
    rng = dunia.acak("pelatihan")
    tz = timezone.get_current_timezone()
    hari_akhir = timezone.localtime(dunia.akhir, tz).date()
    tahun = dunia.tahun

    program_ids: list[int] = []
    for judul, bidang, jenis, penyelenggara, jp in KATALOG:
        program_ids.append(
            Program.objects.create(
                judul=judul,
                deskripsi=_("Program katalog data sintetis."),
                bidang=bidang,
                bentuk=Bentuk.KLASIKAL if jenis == Jenis.KLASIKAL else Bentuk.NON_KLASIKAL,
                jenis=jenis,
                penyelenggara=penyelenggara,
                jp=jp,
                dibuat_oleh_id=data.bkd_user_id,
            ).pk
        )
    prog = {pk: KATALOG[i] for i, pk in enumerate(program_ids)}
    per_bidang: dict[str, list[int]] = defaultdict(list)
    for pk, (_j, bidang, *_r) in prog.items():
        per_bidang[bidang].append(pk)

    # the months whose events end before the built year's end: an event starts on day 3–20 and lasts 1–5 days
    bulan_ok = [b for b in range(1, 13) if dt.date(tahun, b, 25) < hari_akhir]
    kegiatan_id = id_awal(Kegiatan)
    kegiatan: list[_Kegiatan] = []
    terbuka: dict[tuple[int, int], _Kegiatan] = {}

    def kursi(program: int, bulan: int) -> _Kegiatan:
        nonlocal kegiatan_id
        k = terbuka.get((program, bulan))
        if k is None or k.peserta >= k.kuota:
            jp = prog[program][4]
            mulai = dt.date(tahun, bulan, rng.randint(3, 20))
            kuota = 200 if prog[program][2] == Jenis.E_LEARNING else 40
            k = _Kegiatan(kegiatan_id, program, mulai, mulai + dt.timedelta(days=_hari(jp) - 1), kuota)
            kegiatan_id += 1
            kegiatan.append(k)
            terbuka[(program, bulan)] = k
        k.peserta += 1
        return k

    patuh_unit = {u.pk: rng.choice(PATUH) for u in sorted(data.unit.values(), key=lambda u: u.path)}
    butuh: dict[int, list] = defaultdict(list)
    for keb in penilaian.kebutuhan if penilaian else ():
        butuh[keb.pegawai_id].append(keb)

    # (pegawai, event, completed?) in the order drawn
    ikut: list[tuple[OrangSintetis, _Kegiatan, bool]] = []
    eksternal: list[tuple[OrangSintetis, int, dt.date]] = []
    for o in data.orang if bulan_ok else ():
        patuh = rng.random() < patuh_unit[o.unit_id]
        sasaran = rng.choice((20, 24, 28, 36)) if patuh else rng.choice((0, 4, 8, 12, 16))
        jp, diambil = 0, set()
        perlu = butuh.get(o.pk)
        if perlu and rng.random() < LATIH_KEBUTUHAN:
            # a programme that answers his first need, in a month after it was raised when there is one
            pilihan = [p for b in padanan(perlu[0].area) for p in per_bidang.get(b, [])]
            sesudah = [b for b in bulan_ok if dt.date(tahun, b, 3) > timezone.localtime(perlu[0].dibuat, tz).date()]
            if pilihan and sesudah:
                program = rng.choice(pilihan)
                ikut.append((o, kursi(program, rng.choice(sesudah)), True))
                jp += prog[program][4]
                diambil.add(program)
        if rng.random() < EKSTERNAL:
            tambah = rng.choice((2, 4, 6, 10))
            if patuh or jp + tambah < 20:
                eksternal.append((o, tambah, dt.date(tahun, rng.choice(bulan_ok), rng.randint(1, 25))))
                jp += tambah
        for program in rng.sample(program_ids, len(program_ids)):
            if jp >= sasaran:
                break
            jp_p = prog[program][4]
            if program in diambil or (not patuh and jp + jp_p >= 20) or (patuh and jp + jp_p > sasaran + 16):
                continue
            ikut.append((o, kursi(program, rng.choice(bulan_ok)), rng.random() >= TIDAK_SELESAI))
            if ikut[-1][2]:
                jp += jp_p
            diambil.add(program)

    # upcoming: one event per programme after the year's end, registration open, a few seats taken
    akan: list[_Kegiatan] = []
    for program in program_ids:
        mulai = hari_akhir + dt.timedelta(days=rng.randint(10, 40))
        k = _Kegiatan(kegiatan_id, program, mulai, mulai + dt.timedelta(days=_hari(prog[program][4]) - 1), 40)
        kegiatan_id += 1
        akan.append(k)
    for k in akan:
        for o in rng.sample(data.orang, min(len(data.orang), rng.randint(3, 15))):
            ikut.append((o, k, False))
            k.peserta += 1

    kg_c = Copy(Kegiatan, dunia.now)
    for k in kegiatan + akan:
        judul, bidang, jenis, penyelenggara, jp = prog[k.program]
        daring = jenis == Jenis.E_LEARNING
        kg_c.tulis(
            id=k.pk,
            program_id=k.program,
            nama=f"Angkatan {k.pk}",
            tanggal_mulai=k.mulai,
            tanggal_selesai=k.selesai,
            moda=ModaKegiatan.DARING if daring else ModaKegiatan.TATAP_MUKA,
            tempat="" if daring else "BPSDM Provinsi DKI Jakarta, Jl. Abdul Muis No. 66",
            tautan="https://elearning.bpsdm.jakarta.go.id/" if daring else "",
            kuota=k.kuota,
            jumlah_terdaftar=k.peserta,
            pendaftaran_mulai=min(k.mulai - dt.timedelta(days=30), hari_akhir - dt.timedelta(days=7)),
            pendaftaran_selesai=k.mulai - dt.timedelta(days=2),
            status="dijadwalkan",
            dibuat_oleh_id=data.bkd_user_id,
            dibuat=dt.datetime.combine(k.mulai - dt.timedelta(days=40), dt.time(9), tz),
        )
    kg_c.kirim()

    ps_c, hd_c, ul_c = Copy(Peserta, dunia.now), Copy(Kehadiran, dunia.now), Copy(UlasanKegiatan, dunia.now)
    ps_id, hd_id, ul_id = id_awal(Peserta), id_awal(Kehadiran), id_awal(UlasanKegiatan)
    tulis_hd = hd_c.cepat(["id", "peserta_id", "tanggal", "hadir"])
    kode_dipakai = {k for k in Peserta.objects.values_list("kode_verifikasi", flat=True) if k}
    selesai_orang: dict[int, list[tuple[dt.datetime, _Kegiatan]]] = defaultdict(list)
    for o, k, selesai in ikut:
        daftar = dt.datetime.combine(k.mulai - dt.timedelta(days=rng.randint(5, 25)), dt.time(9), tz)
        baris = {
            "id": ps_id,
            "kegiatan_id": k.pk,
            "pegawai_id": o.pk,
            "status": "terdaftar",
            "cara": "nominasi" if rng.random() < 0.3 else "mandiri",
            "didaftarkan_oleh_id": o.user_id,
            "didaftarkan": min(daftar, dunia.akhir),
        }
        if selesai and k.selesai < hari_akhir:
            saat = dt.datetime.combine(k.selesai, dt.time(16), tz)
            baris.update(
                selesai=True,
                selesai_pada=saat,
                jp=prog[k.program][4],
                tahun_jp=tahun_buku(status=o.status, nip=o.nip, tanggal=k.selesai),
                kode_verifikasi=_kode(rng, kode_dipakai),
            )
            selesai_orang[o.pk].append((saat, k))
            for i in range((k.selesai - k.mulai).days + 1):
                tulis_hd(hd_id, ps_id, (k.mulai + dt.timedelta(days=i)).isoformat(), "t")
                hd_id += 1
            if rng.random() < ULASAN:
                ul_c.tulis(id=ul_id, peserta_id=ps_id, nilai=rng.choice((3, 4, 4, 5, 5)), komentar=rng.choice(KOMENTAR))
                ul_id += 1
        ps_c.tulis(**baris)
        ps_id += 1
    for c in (ps_c, hd_c, ul_c):
        c.kirim()

    _eksternal(dunia, data, eksternal, tz)
    ditutup = _kebutuhan_tutup(butuh, selesai_orang, prog)
    urutan_segarkan((Program, Kegiatan, Peserta, Kehadiran, UlasanKegiatan, PelatihanEksternal))
    rekap = jp_tahunan_bangun()  # the JP summary per person and year: one INSERT ... SELECT over the rows above
    return {
        "program": len(program_ids),
        "kegiatan": len(kegiatan) + len(akan),
        "peserta": ps_c.jumlah,
        "eksternal": len(eksternal),
        "kebutuhan_terpenuhi": ditutup,
        "rekap_jp": rekap,
    }


def _kode(rng, dipakai: set[str]) -> str:
    while True:
        mentah = "".join(rng.choice(_ABJAD) for _i in range(12))
        kode = f"{mentah[:4]}-{mentah[4:8]}-{mentah[8:]}"
        if kode not in dipakai:
            dipakai.add(kode)
            return kode


def _eksternal(dunia: Dunia, data: DataOrang, eksternal: list, tz) -> None:
    if not eksternal:
        return
    rng = dunia.acak("pelatihan-eksternal")
    nama = "pelatihan/eksternal/sintetis/sertifikat-contoh.pdf"
    berkas = nama if default_storage.exists(nama) else default_storage.save(nama, ContentFile(PDF_CONTOH))
    sha = hashlib.sha256(PDF_CONTOH).hexdigest()
    per_pk = data.per_pk()
    c = Copy(PelatihanEksternal, dunia.now)
    pk = id_awal(PelatihanEksternal)
    for o, jp, selesai in eksternal:
        atasan = per_pk.get(o.atasan_id) if o.atasan_id else None
        nasib = rng.random()
        status = "disetujui" if nasib < 0.85 or atasan is None else ("diajukan" if nasib < 0.95 else "ditolak")
        diajukan = dt.datetime.combine(selesai + dt.timedelta(days=2), dt.time(10), tz)
        c.tulis(
            id=pk,
            pegawai_id=o.pk,
            judul="Webinar Manajemen Risiko",
            jenis=Jenis.SEMINAR,
            bidang=BidangKompetensi.TEKNIS,
            penyelenggara="Universitas Indonesia",
            tanggal_mulai=selesai - dt.timedelta(days=1),
            tanggal_selesai=selesai,
            jp=jp,
            tahun_jp=tahun_buku(status=o.status, nip=o.nip, tanggal=selesai),
            berkas=berkas,
            tipe="application/pdf",
            sha256=sha,
            nama_asli="sertifikat.pdf",
            status=status,
            catatan="Sertifikat tidak memuat jumlah jam." if status == "ditolak" else "",
            diputuskan_oleh_id=atasan.user_id if atasan and status != "diajukan" else None,
            diputuskan_pada=diajukan + dt.timedelta(days=3) if atasan and status != "diajukan" else None,
            diajukan=diajukan,
        )
        pk += 1
    c.kirim()


def _kebutuhan_tutup(butuh: dict[int, list], selesai_orang: dict, prog: dict) -> int:
    """Close, as a completion does (``kebutuhan_close_by_pelatihan``), the open needs of each person in the areas
    his completed trainings answer, raised before the completion: in one UPDATE from a temporary table."""
    baris = []
    for pegawai_id, daftar in butuh.items():
        terbuka = sorted(daftar, key=lambda k: k.dibuat)
        for saat, k in sorted(selesai_orang.get(pegawai_id, ()), key=lambda s: s[0]):
            judul, bidang = prog[k.program][0], prog[k.program][1]
            area = set(area_dijawab(bidang))
            catatan = _("Terpenuhi oleh pelatihan %(judul)s (selesai %(tgl)s).") % {
                "judul": f"{judul} — Angkatan {k.pk}",
                "tgl": date_format(k.selesai, "j F Y"),
            }
            sisa = []
            for keb in terbuka:
                if keb.area in area and keb.dibuat < saat:
                    baris.append((keb.pk, saat, catatan[:2000], f"pelatihan:{k.pk}"))
                else:
                    sisa.append(keb)
            terbuka = sisa
    if not baris:
        return 0
    teks = "".join("\t".join(teks_copy(v) for v in b) + "\n" for b in baris)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE sintetis_kebutuhan_tutup (id integer, pada timestamptz, catatan text, ref text) "
            "ON COMMIT DROP"
        )
        cursor.cursor.copy_expert("COPY sintetis_kebutuhan_tutup FROM STDIN", io.StringIO(teks))
        cursor.execute(
            "UPDATE penilaian_kebutuhanpengembangan k SET status = 'terpenuhi', ditutup_pada = t.pada, "
            "catatan_penutupan = t.catatan, referensi_penutupan = t.ref FROM sintetis_kebutuhan_tutup t "
            "WHERE k.id = t.id"
        )
        cursor.execute("DROP TABLE sintetis_kebutuhan_tutup")
    return len(baris)
