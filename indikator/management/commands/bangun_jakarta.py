"""``manage.py bangun_jakarta``: a synthetic Jakarta in the configured PostgreSQL database, for measuring (issue 9).

Shape (for ``--pegawai 65000``, the default): the Pemprov root; the Sekretariat Daerah with its biro; ~40
perangkat daerah with bidang and seksi; the Dinas Pendidikan with 6 suku dinas and schools of 20–60 teachers;
the Dinas Kesehatan with 6 suku dinas and a puskesmas per kecamatan; 5 kota administrasi + 1 kabupaten with 44
kecamatan and 267 kelurahan. The supervisor tree has one root (the Sekda) and depth 6 (Sekda → kepala dinas /
wali kota → kabid / kasudin / camat → kasi / kepala sekolah / kapus / lurah → wakasek / staf → guru). Every
pegawai has a login (username = NIP, one shared password), an approved SKP of the current period with
``--iki`` IKI (default 5, in two RHK) and ``--bulan`` monthly realisations each (default 12), and the audit log
holds ``--audit`` entries (default 2,000,000, mostly realisation edits, spread over the year).

Rows are written with COPY (a few minutes on 2 cores at the default size), keys assigned here, sequences moved
past them; the supervisor paths (``Pegawai.jalur``) are written directly. The database must be empty of people
(``migrate`` first; ``--ganti`` deletes what is there). ``--pegawai 300`` builds the same shape in seconds (CI).
Not for SQLite: COPY is PostgreSQL's.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from indikator.models import Iki, PeriodePenilaian, Realisasi, Rhk, Skp
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kepegawaian.nip import nip_build

SANDI = "kinerja-jakarta"
ALFABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node alphabet, steplen 4

KOTA = [
    ("Kota Administrasi Jakarta Pusat", 8, 44),
    ("Kota Administrasi Jakarta Utara", 6, 31),
    ("Kota Administrasi Jakarta Barat", 8, 56),
    ("Kota Administrasi Jakarta Selatan", 10, 65),
    ("Kota Administrasi Jakarta Timur", 10, 65),
    ("Kabupaten Administrasi Kepulauan Seribu", 2, 6),
]  # 44 kecamatan, 267 kelurahan
DINAS = [
    "Dinas Perhubungan",
    "Dinas Bina Marga",
    "Dinas Sumber Daya Air",
    "Dinas Lingkungan Hidup",
    "Dinas Sosial",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
    "Dinas Pertamanan dan Hutan Kota",
    "Dinas Pariwisata dan Ekonomi Kreatif",
    "Dinas Kebudayaan",
    "Dinas Pemuda dan Olahraga",
    "Dinas Tenaga Kerja, Transmigrasi dan Energi",
    "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah",
    "Dinas Ketahanan Pangan, Kelautan dan Pertanian",
    "Dinas Komunikasi, Informatika dan Statistik",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Penanggulangan Kebakaran dan Penyelamatan",
    "Satuan Polisi Pamong Praja",
    "Badan Kepegawaian Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan Daerah",
    "Badan Pendapatan Daerah",
    "Badan Pengelolaan Aset Daerah",
    "Badan Pembinaan BUMD",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Pengembangan Sumber Daya Manusia",
    "Inspektorat",
    "Sekretariat DPRD",
    "Biro Pengadaan Barang dan Jasa",
    "Dinas Pendidikan Tinggi",
    "Dinas Kesehatan Hewan",
    "Dinas Pengelolaan Sampah",
    "Dinas Pemakaman",
    "Dinas Air Minum",
    "Dinas Pasar",
]  # 39 + Pendidikan + Kesehatan + Setda = 42 perangkat daerah
NAMA_DEPAN = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Joko",
    "Sri",
    "Andi",
    "Putri",
    "Hendra",
    "Yuni",
    "Rudi",
    "Wati",
    "Eko",
    "Lina",
    "Bambang",
    "Ratna",
    "Dedi",
    "Maya",
    "Fajar",
]
NAMA_BELAKANG = [
    "Santoso",
    "Wijaya",
    "Lestari",
    "Hidayat",
    "Pratama",
    "Kusuma",
    "Saputra",
    "Rahayu",
    "Nugroho",
    "Siregar",
    "Hasibuan",
    "Simanjuntak",
    "Wibowo",
]


def _segmen(n: int) -> str:
    """The 4-character treebeard path step of the n-th child (1-based)."""
    teks = ""
    for _i in range(4):
        n, sisa = divmod(n, 36)
        teks = ALFABET[sisa] + teks
    return teks


def _teks_copy(nilai) -> str:
    if nilai is None:
        return "\\N"
    if isinstance(nilai, bool):
        return "t" if nilai else "f"
    if isinstance(nilai, (dict, list)):
        nilai = json.dumps(nilai)
    elif isinstance(nilai, (dt.datetime, dt.date)):
        nilai = nilai.isoformat()
    else:
        nilai = str(nilai)
    return nilai.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class _Copy:
    """COPY rows of one model: columns are the model's concrete fields; a value not given takes the field's
    default (so that a column added later with a default does not break the command)."""

    BATCH = 200_000

    def __init__(self, model: type[models.Model], now: dt.datetime) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.default: dict[str, object] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.default[f.attname] = now
            elif f.has_default():
                self.default[f.attname] = f.get_default()
            elif not f.null and isinstance(f, (models.CharField, models.TextField)):
                self.default[f.attname] = ""
            else:
                self.default[f.attname] = None
        self.buffer = io.StringIO()
        self.jumlah = 0
        self.ditunda = 0

    def tulis(self, **nilai) -> None:
        self.buffer.write(
            "\t".join(
                _teks_copy(nilai[f.attname] if f.attname in nilai else self.default[f.attname]) for f in self.fields
            )
        )
        self.buffer.write("\n")
        self.jumlah += 1
        self.ditunda += 1
        if self.ditunda >= self.BATCH:
            self.kirim()

    def cepat(self, kolom: list[str]):
        """A fast writer for big tables: ``tulis_cepat(*nilai)`` with values already COPY-safe text (numbers, ISO
        times, plain words) in the order of ``kolom``; the other columns take their defaults."""
        bagian = []
        for f in self.fields:
            if f.attname in kolom:
                bagian.append(f"{{{kolom.index(f.attname)}}}")
            else:
                bagian.append(_teks_copy(self.default[f.attname]).replace("{", "{{").replace("}", "}}"))
        fmt = ("\t".join(bagian) + "\n").format

        def tulis_cepat(*nilai) -> None:
            self.buffer.write(fmt(*nilai))
            self.jumlah += 1
            self.ditunda += 1
            if self.ditunda >= self.BATCH:
                self.kirim()

        return tulis_cepat

    def kirim(self) -> None:
        if not self.ditunda:
            return
        self.buffer.seek(0)
        kolom = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {self.model._meta.db_table} ({kolom}) FROM STDIN", self.buffer)
        self.buffer = io.StringIO()
        self.ditunda = 0


class Command(BaseCommand):
    help = "Bangun data sintetis seukuran Pemprov DKI Jakarta di basis data PostgreSQL yang dikonfigurasi (issue 9)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--pegawai", type=int, default=65_000, help="jumlah pegawai (bawaan 65.000)")
        parser.add_argument("--iki", type=int, default=5, help="IKI per pegawai (bawaan 5)")
        parser.add_argument("--bulan", type=int, default=12, help="realisasi bulanan per IKI (bawaan 12)")
        parser.add_argument("--audit", type=int, default=None, help="entri jejak audit (bawaan: 30 per pegawai)")
        parser.add_argument("--tahun", type=int, default=None, help="tahun periode (bawaan: tahun ini)")
        parser.add_argument("--seed", type=int, default=9, help="benih acak (hasil yang sama untuk benih yang sama)")
        parser.add_argument("--ganti", action="store_true", help="hapus dulu semua unit, pegawai, SKP dan audit")

    def handle(self, *args, **opts) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bangun_jakarta memerlukan PostgreSQL (COPY); atur DATABASE_URL ke postgres://…")
        if opts["pegawai"] < 200:
            raise CommandError("--pegawai paling sedikit 200 (bentuk organisasinya memerlukannya).")
        self.rng = random.Random(opts["seed"])
        self.now = timezone.now()
        self.tahun = opts["tahun"] or timezone.localdate().year
        mulai = time.monotonic()
        with transaction.atomic():
            if opts["ganti"]:
                self._hapus()
            elif Pegawai.objects.exists() or UnitKerja.objects.exists():
                raise CommandError("Basis data sudah berisi unit/pegawai: pakai --ganti untuk menggantinya.")
            self._langkah("unit dan pegawai", lambda: self._orang(opts["pegawai"]))
            self._langkah("SKP, RHK, IKI, realisasi", lambda: self._kinerja(opts["iki"], opts["bulan"]))
            audit = opts["audit"] if opts["audit"] is not None else 30 * opts["pegawai"]
            self._langkah("jejak audit", lambda: self._audit(audit))
            self._langkah("urutan kunci", self._urutan)
        self._langkah("ANALYZE", self._analyze)
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai dalam {time.monotonic() - mulai:.0f} dtk: {Pegawai.objects.count()} pegawai, "
                f"{UnitKerja.objects.count()} unit, {self.jumlah_realisasi} realisasi, {audit} entri audit. "
                f"Login: NIP + '{SANDI}'; admin BKD 'jakarta.bkd', admin unit Dinas Pendidikan 'jakarta.disdik'."
            )
        )

    def _langkah(self, nama: str, fungsi) -> None:
        t = time.monotonic()
        fungsi()
        self.stdout.write(f"  {nama}: {time.monotonic() - t:.1f} dtk")

    def _hapus(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE auditlog_logentry, kepegawaian_unitkerja, kepegawaian_pegawai, indikator_periodepenilaian "
                "CASCADE"
            )
            cursor.execute("DELETE FROM kepegawaian_user WHERE NOT is_superuser")

    # --- organisation and people ---------------------------------------------------------------------------

    def _orang(self, n: int) -> None:
        self.unit_copy = _Copy(UnitKerja, self.now)
        self.pegawai_copy = _Copy(Pegawai, self.now)
        self.user_copy = _Copy(User, self.now)
        self.sandi = make_password(SANDI)
        self.unit_id = self._id_awal(UnitKerja)
        self.pegawai_id = self._id_awal(Pegawai)
        self.user_id = self._id_awal(User)
        self.jabatan: dict[tuple[str, str], int] = {}
        self.jalur: dict[int, str] = {}
        self.anak: dict[str, int] = {}  # unit path -> children so far
        self.orang: list[tuple[int, int]] = []  # (pegawai id, unit id)
        self.unit_id_ke_path: dict[int, str] = {}
        self._numchild: dict[str, int] = {}
        self._unit_baris: list[dict] = []

        J = Jabatan.Jenis
        akar = self._unit(None, "PEMPROV", "Pemerintah Provinsi DKI Jakarta", UnitKerja.Jenis.PEMPROV)
        setda = self._unit(akar, "SETDA", "Sekretariat Daerah", UnitKerja.Jenis.PERANGKAT_DAERAH)
        sekda = self._pegawai(setda, "Sekretaris Daerah", J.JPT, None, "IV/e")

        # Shares of the people: schools 40 %, health 15 %, the regions 20 %, the other units the rest.
        guru_total, kesehatan_total, wilayah_total = int(n * 0.40), int(n * 0.15), int(n * 0.20)

        # Sekretariat Daerah: 8 biro of 3 bagian.
        biro_units = []
        for b in range(8):
            biro = self._unit(setda, f"SETDA-B{b + 1}", f"Biro {b + 1} Sekretariat Daerah", UnitKerja.Jenis.BIDANG)
            kepala = self._pegawai(biro, "Kepala Biro", J.JPT, sekda, "IV/c")
            biro_units.append((biro, kepala))

        pendidikan = self._unit(akar, "DISDIK", "Dinas Pendidikan", UnitKerja.Jenis.PERANGKAT_DAERAH)
        self.unit_disdik = pendidikan
        kadisdik = self._pegawai(pendidikan, "Kepala Dinas Pendidikan", J.JPT, sekda, "IV/d")
        kesehatan = self._unit(akar, "DINKES", "Dinas Kesehatan", UnitKerja.Jenis.PERANGKAT_DAERAH)
        kadinkes = self._pegawai(kesehatan, "Kepala Dinas Kesehatan", J.JPT, sekda, "IV/d")

        # The regions: kota -> kecamatan -> kelurahan; wali kota under the Sekda, camat, lurah, staff.
        kecamatan_semua = []
        kel_total = sum(k[2] for k in KOTA)
        staf_per_kel = max(1, (wilayah_total - 6 - 44 - kel_total) // kel_total)
        for k, (nama, n_kec, n_kel) in enumerate(KOTA):
            kota = self._unit(akar, f"KOTA{k + 1}", nama, UnitKerja.Jenis.KOTA)
            wali = self._pegawai(kota, "Wali Kota" if k < 5 else "Bupati", J.JPT, sekda, "IV/d")
            for c in range(n_kec):
                kec = self._unit(kota, f"KEC{k + 1}-{c + 1}", f"Kecamatan {k + 1}.{c + 1}", UnitKerja.Jenis.KECAMATAN)
                camat = self._pegawai(kec, "Camat", J.ADMINISTRATOR, wali, "IV/a")
                kecamatan_semua.append(kec)
                kel_di_sini = n_kel // n_kec + (1 if c < n_kel % n_kec else 0)
                for lurah_ke in range(kel_di_sini):
                    kel = self._unit(
                        kec,
                        f"KEL{k + 1}-{c + 1}-{lurah_ke + 1}",
                        f"Kelurahan {k + 1}.{c + 1}.{lurah_ke + 1}",
                        UnitKerja.Jenis.KELURAHAN,
                    )
                    lurah = self._pegawai(kel, "Lurah", J.PENGAWAS, camat, "III/d")
                    for _s in range(staf_per_kel):
                        self._pegawai(kel, "Pengadministrasi Umum", J.PELAKSANA, lurah, "II/c")

        # Dinas Pendidikan: 6 suku dinas, schools of 20–60 teachers: kepsek -> 2 wakasek -> guru (depth 6).
        sudin_didik = []
        for s in range(6):
            sudin = self._unit(
                pendidikan, f"SUDINDIK{s + 1}", f"Suku Dinas Pendidikan Wilayah {s + 1}", UnitKerja.Jenis.SUKU_DINAS
            )
            sudin_didik.append(
                (sudin, self._pegawai(sudin, "Kepala Suku Dinas Pendidikan", J.ADMINISTRATOR, kadisdik, "IV/b"))
            )
        dibuat, sekolah_ke = 0, 0
        while dibuat < guru_total:
            sudin, kasudin = sudin_didik[sekolah_ke % 6]
            sekolah_ke += 1
            jenjang = ("SDN", "SMPN", "SMAN", "SMKN")[sekolah_ke % 4]
            sekolah = self._unit(sudin, f"SEK{sekolah_ke}", f"{jenjang} {sekolah_ke} Jakarta", UnitKerja.Jenis.SEKOLAH)
            kepsek = self._pegawai(sekolah, "Kepala Sekolah", J.FUNGSIONAL, kasudin, "IV/a")
            wakil = [self._pegawai(sekolah, "Wakil Kepala Sekolah", J.FUNGSIONAL, kepsek, "III/d") for _w in range(2)]
            guru = self.rng.randint(20, 60)
            for g in range(guru):
                self._pegawai(sekolah, "Guru", J.FUNGSIONAL, wakil[g % 2], ("III/a", "III/b", "III/c")[g % 3])
            dibuat += guru + 3

        # Dinas Kesehatan: 6 suku dinas, a puskesmas per kecamatan: kapus -> 3 koordinator -> staff.
        sudin_sehat = []
        for s in range(6):
            sudin = self._unit(
                kesehatan, f"SUDINKES{s + 1}", f"Suku Dinas Kesehatan Wilayah {s + 1}", UnitKerja.Jenis.SUKU_DINAS
            )
            sudin_sehat.append(
                (sudin, self._pegawai(sudin, "Kepala Suku Dinas Kesehatan", J.ADMINISTRATOR, kadinkes, "IV/b"))
            )
        per_puskesmas = max(5, kesehatan_total // len(kecamatan_semua))
        for i, kec in enumerate(kecamatan_semua):
            sudin, kasudin = sudin_sehat[i % 6]
            pusk = self._unit(sudin, f"PKM{i + 1}", f"Puskesmas {kec[1]}", UnitKerja.Jenis.UPT)
            kapus = self._pegawai(pusk, "Kepala Puskesmas", J.PENGAWAS, kasudin, "III/d")
            koordinator = [
                self._pegawai(pusk, "Koordinator Pelayanan", J.FUNGSIONAL, kapus, "III/c") for _k in range(3)
            ]
            for t in range(per_puskesmas - 4):
                self._pegawai(pusk, ("Perawat", "Bidan", "Dokter")[t % 3], J.FUNGSIONAL, koordinator[t % 3], "III/a")

        # Other perangkat daerah and the biro: the rest, kadis -> kabid -> kasi -> staff.
        sisa = n - len(self.orang)
        pd = [
            (self._unit(akar, f"PD{d + 1}", nama, UnitKerja.Jenis.PERANGKAT_DAERAH), nama)
            for d, nama in enumerate(DINAS)
        ]
        kepala_pd = [(u, self._pegawai(u, f"Kepala {nama}", J.JPT, sekda, "IV/c")) for u, nama in pd]
        per_pd = max(0, sisa - len(kepala_pd)) // (len(kepala_pd) + len(biro_units))
        for unit, kepala in kepala_pd + biro_units:
            jumlah_bidang = 4 if unit in [u for u, _n in pd] else 3
            kasi_semua = []
            for b in range(jumlah_bidang):
                bidang = self._unit(unit, f"{unit[1]}-BID{b + 1}", f"Bidang {b + 1} {unit[1]}", UnitKerja.Jenis.BIDANG)
                kabid = self._pegawai(bidang, "Kepala Bidang", J.ADMINISTRATOR, kepala, "IV/a")
                for _s in range(3):  # kepala seksi work in the bidang's unit (no unit of their own)
                    kasi_semua.append((bidang, self._pegawai(bidang, "Kepala Seksi", J.PENGAWAS, kabid, "III/d")))
            for t in range(max(0, per_pd - jumlah_bidang * 4)):
                seksi, kasi = kasi_semua[t % len(kasi_semua)]
                self._pegawai(
                    seksi, "Analis Kebijakan" if t % 2 else "Pengadministrasi Umum", J.PELAKSANA, kasi, "III/a"
                )

        for baris in self._unit_baris:
            baris["numchild"] = self._numchild[baris["path"]]
            self.unit_copy.tulis(**baris)
        self.unit_copy.kirim()
        self.user_copy.kirim()
        self.pegawai_copy.kirim()
        self.sekda_id = sekda
        self._urutan()
        # Two admin logins for the bench: BKD and admin unit of the Dinas Pendidikan.
        bkd = User.objects.create_user(username="jakarta.bkd", password=SANDI)
        disdik = User.objects.create_user(username="jakarta.disdik", password=SANDI)
        PeranAdmin.objects.create(user=bkd, peran=PeranAdmin.Peran.ADMIN_BKD)
        PeranAdmin.objects.create(user=disdik, peran=PeranAdmin.Peran.ADMIN_UNIT, unit_id=self.unit_disdik[0])

    def _id_awal(self, model) -> int:
        return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def _unit(self, induk: tuple[int, str] | None, kode: str, nama: str, jenis: str) -> tuple[int, str]:
        """A unit row; returns (id, kode). Paths are treebeard's (4 characters a level)."""
        induk_path = self.unit_id_ke_path[induk[0]] if induk else ""
        self.anak[induk_path] = self.anak.get(induk_path, 0) + 1
        path = induk_path + _segmen(self.anak[induk_path])
        pk = self.unit_id
        self.unit_id += 1
        self.unit_id_ke_path[pk] = path
        self._numchild[path] = 0
        if induk_path:
            self._numchild[induk_path] += 1
        self._unit_baris.append(
            {"id": pk, "path": path, "depth": len(path) // 4, "kode": kode, "nama": nama, "jenis": jenis, "aktif": True}
        )
        return pk, kode

    def _pegawai(self, unit: tuple[int, str], jabatan: str, jenis: str, atasan: int | None, golongan: str) -> int:
        kunci = (jabatan, jenis)
        if kunci not in self.jabatan:
            self.jabatan[kunci] = Jabatan.objects.get_or_create(nama=jabatan, jenis=jenis)[0].pk
        pk, uid = self.pegawai_id, self.user_id
        self.pegawai_id += 1
        self.user_id += 1
        i = pk
        nip = nip_build(
            tanggal_lahir=dt.date(1965, 1, 1) + dt.timedelta(days=(i // 999) % 12000),
            tmt=dt.date(1995 + i % 28, 1 + i % 12, 1),
            jenis_kelamin="L" if i % 2 else "P",
            nomor_urut=1 + i % 999,
        )
        nama = f"{self.rng.choice(NAMA_DEPAN)} {self.rng.choice(NAMA_BELAKANG)} {i}"
        jalur = (self.jalur[atasan] if atasan else "/") + f"{pk}/"
        self.jalur[pk] = jalur
        self.user_copy.tulis(
            id=uid,
            password=self.sandi,
            username=nip,
            is_active=True,
            is_superuser=False,
            is_staff=False,
            date_joined=self.now,
            first_name="",
            last_name="",
            email="",
        )
        self.pegawai_copy.tulis(
            id=pk,
            user_id=uid,
            nip=nip,
            nama=nama,
            status="pns" if i % 7 else "pppk",
            golongan=golongan if i % 7 else "IX",
            jabatan_id=self.jabatan[kunci],
            unit_id=unit[0],
            atasan_id=atasan,
            email="",
            aktif=True,
            jalur=jalur,
        )
        self.orang.append((pk, unit[0]))
        return pk

    # --- performance ---------------------------------------------------------------------------------------

    def _kinerja(self, per_orang: int, bulan: int) -> None:
        self.periode = PeriodePenilaian.objects.create(
            tahun=self.tahun,
            periodisitas=PeriodePenilaian.Periodisitas.BULANAN,
            batas_penyusunan_skp=dt.date(self.tahun, 1, 31),
            batas_evaluasi_tahunan=dt.date(self.tahun + 1, 1, 31),
        )
        skp_c, rhk_c, iki_c, real_c = (_Copy(m, self.now) for m in (Skp, Rhk, Iki, Realisasi))
        skp_id, rhk_id, iki_id, real_id = (self._id_awal(m) for m in (Skp, Rhk, Iki, Realisasi))
        disetujui = dt.datetime(self.tahun, 1, 20, 2, 0, tzinfo=dt.UTC)
        tulis_realisasi = real_c.cepat(["id", "iki_id", "periode_ke", "nilai"])
        rnd = self.rng.random
        self.realisasi_ids: list[int] = []
        for pegawai_id, _unit in self.orang:
            skp_c.tulis(
                id=skp_id,
                pegawai_id=pegawai_id,
                periode_id=self.periode.pk,
                revisi=1,
                terkini=True,
                status=Skp.Status.DISETUJUI,
                versi=1,
                diajukan_pada=disetujui,
                disetujui_pada=disetujui,
            )
            rhk_per = (per_orang + 1) // 2, per_orang // 2
            for r, jumlah_iki in enumerate(rhk_per):
                if not jumlah_iki:
                    continue
                rhk_c.tulis(
                    id=rhk_id,
                    skp_id=skp_id,
                    jenis=Rhk.Jenis.UTAMA,
                    uraian=f"Rencana hasil kerja {r + 1}",
                    urutan=r,
                )
                for k in range(jumlah_iki):
                    target = Decimal(self.rng.choice((4, 12, 100, 24)))
                    iki_c.tulis(
                        id=iki_id,
                        rhk_id=rhk_id,
                        uraian=f"Jumlah keluaran {r + 1}.{k + 1}",
                        satuan="dokumen",
                        target=target,
                        urutan=k,
                    )
                    batas = int(target)
                    for ke in range(1, bulan + 1):
                        tulis_realisasi(real_id, iki_id, ke, int(batas * rnd()))
                        real_id += 1
                    iki_id += 1
                rhk_id += 1
            skp_id += 1
        for c in (skp_c, rhk_c, iki_c, real_c):
            c.kirim()
        self.jumlah_realisasi = real_c.jumlah
        self.realisasi_rentang = (real_id - real_c.jumlah, real_id - 1)
        self.skp_rentang = (skp_id - skp_c.jumlah, skp_id - 1)

    def _audit(self, jumlah: int) -> None:
        """Entries as the app writes them: realisation edits (most), SKP approvals, pegawai changes, over the year."""
        # The trigram index (migration kepegawaian 0005) is built once after the load: far faster than kept
        # up to date row by row.
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'logentry_objek_trgm_idx'")
            trigram = cursor.fetchone()
            if trigram:
                cursor.execute("DROP INDEX logentry_objek_trgm_idx")
        c = _Copy(LogEntry, self.now)
        ct = ContentType.objects.get_for_models(Realisasi, Skp, Pegawai)
        awal = dt.datetime(self.tahun, 1, 1, tzinfo=dt.UTC)
        rentang = max(1, int((min(self.now, awal + dt.timedelta(days=365)) - awal).total_seconds()))
        langkah = rentang / max(1, jumlah)
        r0, r1 = self.realisasi_rentang
        s0, s1 = self.skp_rentang
        pegawai_ids = [p for p, _u in self.orang]
        pk = self._id_awal(LogEntry)
        ct_id = {m: ct[m].pk for m in ct}
        kolom = ["id", "content_type_id", "object_pk", "object_id", "object_repr", "timestamp", "changes", "action"]
        tulis_audit = c.cepat(kolom)
        rnd = self.rng.random
        model: type[models.Model]
        for i in range(jumlah):
            waktu = awal + dt.timedelta(seconds=i * langkah)
            pilih = i % 20
            if pilih < 17 and r1 >= r0:
                model, oid = Realisasi, r0 + int((r1 - r0) * rnd())
                repr_ = f"Realisasi {oid} bulan {1 + oid % 12}"
                lama, baru = int(9 * rnd()), int(9 * rnd())
                changes = f'{{"nilai": ["{lama}", "{baru}"], "versi": ["1", "2"]}}'
            elif pilih < 19 and s1 >= s0:
                model, oid = Skp, s0 + int((s1 - s0) * rnd())
                repr_ = f"SKP {oid} {self.tahun} (revisi 1)"
                changes = '{"status": ["diajukan", "disetujui"]}'
            else:
                model, oid = Pegawai, self.rng.choice(pegawai_ids)
                repr_ = f"{self.rng.choice(NAMA_DEPAN)} {self.rng.choice(NAMA_BELAKANG)} {oid}"
                changes = '{"golongan": ["III/a", "III/b"]}'
            tulis_audit(pk + i, ct_id[model], oid, oid, repr_, waktu.isoformat(), changes, int(LogEntry.Action.UPDATE))
        c.kirim()
        if trigram:
            with connection.cursor() as cursor:
                # The deferred foreign-key checks of the rows just copied run first (an index cannot be built
                # on a table with pending trigger events).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(trigram[0])

    def _urutan(self) -> None:
        with connection.cursor() as cursor:
            for model in (UnitKerja, Pegawai, User, Skp, Rhk, Iki, Realisasi, LogEntry):
                tabel = model._meta.db_table
                urutan = f"pg_get_serial_sequence('{tabel}', 'id')"
                terbesar = f"COALESCE((SELECT MAX(id) FROM {tabel}), 1)"  # noqa: S608 - our own table names
                cursor.execute(f"SELECT setval({urutan}, {terbesar})")

    def _analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
