"""The people of the synthetic Jakarta (``manage.py bangun_jakarta``): the unit tree, jabatan, pegawai with their
logins and the supervisor paths, written with COPY (``kinerja.sintetis``).

Shape (for 65,000 pegawai): the Pemprov root; the Sekretariat Daerah with its biro; ~40 perangkat daerah with bidang
and seksi; the Dinas Pendidikan with 6 suku dinas and schools of 20–60 teachers; the Dinas Kesehatan with 6 suku
dinas and a puskesmas per kecamatan; 5 kota administrasi + 1 kabupaten with 44 kecamatan and 267 kelurahan. The
supervisor tree has one root (the Sekda) and depth 6 (Sekda → kepala dinas / wali kota → kabid / kasudin / camat →
kasi / kepala sekolah / kapus / lurah → wakasek / staf → guru). Every pegawai has a login (username = NIP, one shared
password); ``jakarta.bkd`` is an admin BKD, ``jakarta.disdik`` the admin unit of the Dinas Pendidikan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kepegawaian.nip import nip_build
from kinerja.sintetis import Copy, Dunia, id_awal, urutan_segarkan

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


#: what ``--ganti`` empties for this part (CASCADE takes the rows that refer to them)
TABEL = (UnitKerja, Pegawai)


def _segmen(n: int) -> str:
    """The 4-character treebeard path step of the n-th child (1-based)."""
    teks = ""
    for _i in range(4):
        n, sisa = divmod(n, 36)
        teks = ALFABET[sisa] + teks
    return teks


@dataclass(frozen=True)
class OrangSintetis:
    """One built pegawai, as the later builders need him (no query)."""

    pk: int
    user_id: int
    unit_id: int
    atasan_id: int | None
    nip: str
    nama: str
    jabatan: str
    jenis_jabatan: str
    status: str


@dataclass(frozen=True)
class UnitSintetis:
    pk: int
    path: str
    kode: str
    nama: str
    jenis: str


@dataclass
class DataOrang:
    """What the people's builder leaves for the others."""

    orang: list[OrangSintetis] = field(default_factory=list)
    unit: dict[int, UnitSintetis] = field(default_factory=dict)
    sekda_id: int = 0
    disdik_id: int = 0
    bkd_user_id: int = 0

    def per_pk(self) -> dict[int, OrangSintetis]:
        return {o.pk: o for o in self.orang}

    def kepala_unit(self) -> dict[int, int]:
        """unit id -> the pegawai who heads it: the first one whose atasan is outside the unit (or who has none)."""
        unit_dari = {o.pk: o.unit_id for o in self.orang}
        kepala: dict[int, int] = {}
        for o in self.orang:
            if o.unit_id not in kepala and (o.atasan_id is None or unit_dari[o.atasan_id] != o.unit_id):
                kepala[o.unit_id] = o.pk
        return kepala

    def kelurahan(self) -> list[UnitSintetis]:
        return [u for u in self.unit.values() if u.jenis == UnitKerja.Jenis.KELURAHAN]


def bangun(dunia: Dunia, n: int) -> DataOrang:
    """Units, jabatan, users and pegawai of a Jakarta of ``n`` people."""
    return _Pembangun(dunia).bangun(n)


class _Pembangun:
    def __init__(self, dunia: Dunia) -> None:
        self.rng = dunia.rng_inti
        self.now = dunia.now
        self.data = DataOrang()

    def bangun(self, n: int) -> DataOrang:
        self.unit_copy = Copy(UnitKerja, self.now)
        self.pegawai_copy = Copy(Pegawai, self.now)
        self.user_copy = Copy(User, self.now)
        self.sandi = make_password(SANDI)
        self.unit_id = id_awal(UnitKerja)
        self.pegawai_id = id_awal(Pegawai)
        self.user_id = id_awal(User)
        self.jabatan: dict[tuple[str, str], int] = {}
        self.jalur: dict[int, str] = {}
        self.anak: dict[str, int] = {}  # unit path -> children so far
        self.unit_id_ke_path: dict[int, str] = {}
        self._numchild: dict[str, int] = {}
        self._unit_baris: list[dict] = []
        self._n = n
        self._orang()
        return self.data

    def _orang(self) -> None:
        n = self._n
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
        sisa = n - len(self.data.orang)
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
        self.data.sekda_id = sekda
        self.data.disdik_id = self.unit_disdik[0]
        urutan_segarkan((UnitKerja, Pegawai, User))
        # Two admin logins for the bench: BKD and admin unit of the Dinas Pendidikan.
        bkd = User.objects.create_user(username="jakarta.bkd", password=SANDI)
        disdik = User.objects.create_user(username="jakarta.disdik", password=SANDI)
        PeranAdmin.objects.create(user=bkd, peran=PeranAdmin.Peran.ADMIN_BKD)
        PeranAdmin.objects.create(user=disdik, peran=PeranAdmin.Peran.ADMIN_UNIT, unit_id=self.unit_disdik[0])
        self.data.bkd_user_id = bkd.pk

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
        self.data.unit[pk] = UnitSintetis(pk=pk, path=path, kode=kode, nama=nama, jenis=jenis)
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
        self.data.orang.append(
            OrangSintetis(
                pk=pk,
                user_id=uid,
                unit_id=unit[0],
                atasan_id=atasan,
                nip=nip,
                nama=nama,
                jabatan=jabatan,
                jenis_jabatan=jenis,
                status="pns" if i % 7 else "pppk",
            )
        )
        return pk
