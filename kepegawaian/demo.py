"""Demo data for kepegawaian: a realistic slice of Pemprov DKI Jakarta, built through the import service.

The rows are generated (deterministically: a seeded random generator) and fed to ``impor.data_import`` — the same
code path as an HR upload — then the demo logins are created, linked and granted through ``services``.
Running it twice changes nothing.

Demo logins (password ``kinerja-demo``): demo.admin (admin BKD), demo.unit (admin unit of Dinas Pendidikan),
demo.atasan → demo.penilai → demo.pegawai (a supervisor chain in the Suku Dinas Pendidikan Wilayah I Jakarta Pusat);
every other demo pegawai signs in with his NIP (``akun_semua_pegawai``).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian import impor, services
from kepegawaian.models import Pegawai, PeranAdmin, UnitKerja, User
from kepegawaian.nip import nip_build
from kinerja.audit import audit_actor

SANDI_DEMO = "kinerja-demo"
BENIH = 20240101
DOMAIN_EMAIL = "jakarta.go.id"

UNIT = [
    # kode, nama, jenis, kode_induk
    ("PEMPROV", "Pemerintah Provinsi DKI Jakarta", "pemprov", ""),
    ("SETDA", "Sekretariat Daerah Provinsi DKI Jakarta", "perangkat_daerah", "PEMPROV"),
    ("BKD", "Badan Kepegawaian Daerah", "perangkat_daerah", "PEMPROV"),
    ("BKD-SEK", "Sekretariat Badan Kepegawaian Daerah", "bidang", "BKD"),
    ("BKD-PKA", "Bidang Penilaian Kinerja Aparatur dan Penghargaan", "bidang", "BKD"),
    ("BKD-PKP", "Bidang Pengembangan Karier dan Pengangkatan", "bidang", "BKD"),
    ("DISDIK", "Dinas Pendidikan", "perangkat_daerah", "PEMPROV"),
    ("DISDIK-SEK", "Sekretariat Dinas Pendidikan", "bidang", "DISDIK"),
    ("SUDINDIK-JP1", "Suku Dinas Pendidikan Wilayah I Kota Administrasi Jakarta Pusat", "suku_dinas", "DISDIK"),
    ("SDN-MENTENG-01", "SD Negeri Menteng 01", "sekolah", "SUDINDIK-JP1"),
    ("SDN-MENTENG-02", "SD Negeri Menteng 02", "sekolah", "SUDINDIK-JP1"),
    ("SDN-GONDANGDIA-01", "SD Negeri Gondangdia 01", "sekolah", "SUDINDIK-JP1"),
    ("SMPN-1-JKT", "SMP Negeri 1 Jakarta", "sekolah", "SUDINDIK-JP1"),
    ("DINKES", "Dinas Kesehatan", "perangkat_daerah", "PEMPROV"),
    ("DINKES-SEK", "Sekretariat Dinas Kesehatan", "bidang", "DINKES"),
    ("DINKES-YANKES", "Bidang Pelayanan Kesehatan", "bidang", "DINKES"),
    ("PKM-MENTENG", "UPT Puskesmas Kecamatan Menteng", "upt", "DINKES"),
    ("KOTA-JP", "Kota Administrasi Jakarta Pusat", "kota", "PEMPROV"),
    ("KEC-MENTENG", "Kecamatan Menteng", "kecamatan", "KOTA-JP"),
    ("KEL-MENTENG", "Kelurahan Menteng", "kelurahan", "KEC-MENTENG"),
    ("KEL-GONDANGDIA", "Kelurahan Gondangdia", "kelurahan", "KEC-MENTENG"),
]

NAMA_DEPAN = {
    "L": [
        "Ahmad", "Agus", "Andi", "Arief", "Bambang", "Bayu", "Budi", "Dedi", "Dimas", "Eko", "Fajar", "Firman",
        "Gilang", "Hadi", "Haris", "Hendra", "Ilham", "Irfan", "Joko", "Kevin", "Lukman", "Muhammad", "Nanda",
        "Rahmat", "Reza", "Rizki", "Rudi", "Slamet", "Taufik", "Teguh", "Wahyu", "Yoga", "Yusuf", "Zulkifli",
    ],
    "P": [
        "Anisa", "Ayu", "Desi", "Dewi", "Dian", "Eka", "Farah", "Fitri", "Indah", "Intan", "Kartika", "Lestari",
        "Lina", "Maya", "Mega", "Nia", "Novi", "Nurul", "Putri", "Rahma", "Ratna", "Rina", "Sari", "Siti", "Sri",
        "Tuti", "Utami", "Vina", "Wulan", "Yuliana", "Zahra",
    ],
}  # fmt: skip
NAMA_BELAKANG = {
    "L": [
        "Firmansyah", "Gunawan", "Hakim", "Hidayat", "Kurniawan", "Nugroho", "Permana", "Pratama", "Rahman",
        "Saputra", "Setiawan", "Santoso", "Susanto", "Wibowo", "Hutapea", "Nasution", "Siregar", "Lubis",
        "Simanjuntak", "Tanjung", "Syahputra", "Maulana",
    ],
    "P": [
        "Anggraini", "Fauziah", "Handayani", "Kusumawati", "Maharani", "Oktaviani", "Puspitasari", "Purnamasari",
        "Rahmawati", "Safitri", "Wulandari", "Lestari", "Nasution", "Siregar", "Lubis", "Simanjuntak", "Tanjung",
        "Hasibuan", "Pertiwi", "Ramadhani",
    ],
}  # fmt: skip
GELAR_STRUKTURAL = ["S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.E., M.M.", "S.H., M.H.", "S.Sos., M.Si."]

# Golongan by jenis jabatan (or by the level in a functional position's name) and the birth years that fit.
GOLONGAN = {
    "jpt": (["IV/c", "IV/d"], (1966, 1974)),
    "administrator": (["IV/a", "IV/b"], (1970, 1981)),
    "pengawas": (["III/c", "III/d", "IV/a"], (1975, 1987)),
    "pelaksana": (["II/b", "II/c", "II/d", "III/a", "III/b"], (1982, 1998)),
    "Terampil": (["II/c", "II/d", "III/a"], (1985, 1998)),
    "Ahli Pertama": (["III/a", "III/b"], (1988, 1998)),
    "Ahli Muda": (["III/c", "III/d"], (1978, 1990)),
    "Ahli Madya": (["IV/a", "IV/b", "IV/c"], (1968, 1980)),
    "Kepala Sekolah": (["IV/a", "IV/b"], (1970, 1982)),
}


class _Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.unit_rows = [{"kode": k, "nama": n, "jenis": j, "kode_induk": i} for k, n, j, i in UNIT]
        self.pegawai_rows: list[dict] = []
        self._nip: set[str] = set()
        self._nama: set[str] = set()
        self._emails: set[str] = set()

    def _nama_baru(self, jk: str) -> str:
        while True:
            nama = f"{self.rng.choice(NAMA_DEPAN[jk])} {self.rng.choice(NAMA_BELAKANG[jk])}"
            if nama not in self._nama:
                self._nama.add(nama)
                return nama

    def _nip_baru(self, jk: str, tahun_lahir: tuple[int, int], pppk: bool) -> str:
        while True:
            lahir = dt.date(self.rng.randint(*tahun_lahir), self.rng.randint(1, 12), self.rng.randint(1, 28))
            if pppk:
                tmt = dt.date(self.rng.choice([2022, 2023, 2024]), self.rng.choice([1, 3, 4]), 1)
            else:
                tmt = dt.date(min(lahir.year + self.rng.randint(22, 29), 2023), self.rng.randint(1, 12), 1)
            nip = nip_build(tanggal_lahir=lahir, tmt=tmt, jenis_kelamin=jk, nomor_urut=self.rng.randint(1, 999))
            if nip not in self._nip:
                self._nip.add(nip)
                return nip

    def _email(self, nama: str) -> str:
        dasar = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode().lower().replace(" ", ".")
        email, n = f"{dasar}@{DOMAIN_EMAIL}", 1
        while email in self._emails:
            n += 1
            email = f"{dasar}{n}@{DOMAIN_EMAIL}"
        self._emails.add(email)
        return email

    def pegawai(
        self,
        kode_unit: str,
        jabatan: str,
        jenis: str,
        atasan: str | None,
        *,
        gelar: str | None = None,
        depan: str = "",
        pppk: bool = False,
    ) -> str:
        """Add one pegawai row; return the NIP (to use as someone's atasan)."""
        tingkat = next((t for t in ("Terampil", "Ahli Pertama", "Ahli Muda", "Ahli Madya") if t in jabatan), None)
        kunci = "Kepala Sekolah" if jabatan == "Kepala Sekolah" else (tingkat if jenis == "fungsional" else jenis)
        golongan_pilihan, tahun_lahir = GOLONGAN[kunci or "pelaksana"]
        jk = self.rng.choice("LP")
        nama = self._nama_baru(jk)
        if gelar is None:
            gelar = self.rng.choice(GELAR_STRUKTURAL) if jenis != "pelaksana" else self.rng.choice(["", "", "A.Md."])
        nama_lengkap = f"{depan}{nama}" + (f", {gelar}" if gelar else "")
        golongan = ("VII" if tingkat == "Terampil" else "IX") if pppk else self.rng.choice(golongan_pilihan)
        nip = self._nip_baru(jk, tahun_lahir, pppk)
        self.pegawai_rows.append(
            {
                "nip": nip,
                "nama": nama_lengkap,
                "status": "PPPK" if pppk else "PNS",
                "golongan": golongan,
                "jabatan": jabatan,
                "jenis_jabatan": jenis,
                "kode_unit": kode_unit,
                "nip_atasan": atasan or "",
                "email": self._email(nama),
            }
        )
        return nip

    def staf(self, kode_unit: str, atasan: str, jabatan: list[str], jumlah: int) -> None:
        for i in range(jumlah):
            self.pegawai(kode_unit, jabatan[i % len(jabatan)], "pelaksana", atasan)


def bangun(rng: random.Random) -> tuple[list[dict], list[dict], dict[str, str]]:
    """The demo rows (units, pegawai) and the NIPs of the demo logins' pegawai."""
    g = _Generator(rng)
    sekda = g.pegawai("SETDA", "Sekretaris Daerah Provinsi DKI Jakarta", "jpt", None)
    g.staf("SETDA", sekda, ["Pengadministrasi Perkantoran", "Pengelola Tata Naskah Dinas"], 5)

    # Badan Kepegawaian Daerah
    kaban = g.pegawai("BKD", "Kepala Badan Kepegawaian Daerah", "jpt", sekda)
    sekban = g.pegawai("BKD-SEK", "Sekretaris Badan Kepegawaian Daerah", "administrator", kaban)
    g.staf("BKD-SEK", sekban, ["Pengadministrasi Umum", "Pengelola Keuangan"], 3)
    kabid_pka = g.pegawai("BKD-PKA", "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan", "administrator", kaban)
    for nama in ("Kepala Subbidang Penilaian Kinerja", "Kepala Subbidang Penghargaan dan Disiplin"):
        kasubbid = g.pegawai("BKD-PKA", nama, "pengawas", kabid_pka)
        g.staf("BKD-PKA", kasubbid, ["Pengolah Data Kepegawaian", "Pengelola Sistem Informasi Kinerja"], 2)
    for jabatan in ["Analis SDM Aparatur Ahli Muda"] * 2 + ["Analis SDM Aparatur Ahli Pertama"] * 3:
        g.pegawai("BKD-PKA", jabatan, "fungsional", kabid_pka)
    kabid_pkp = g.pegawai("BKD-PKP", "Kepala Bidang Pengembangan Karier dan Pengangkatan", "administrator", kaban)
    kasubbid = g.pegawai("BKD-PKP", "Kepala Subbidang Mutasi dan Promosi", "pengawas", kabid_pkp)
    g.staf("BKD-PKP", kasubbid, ["Pengolah Data Kepegawaian", "Pengadministrasi Kepegawaian"], 3)
    g.pegawai("BKD-PKP", "Analis SDM Aparatur Ahli Pertama", "fungsional", kabid_pkp)

    # Dinas Pendidikan, its Suku Dinas for Jakarta Pusat I, and four schools
    kadisdik = g.pegawai("DISDIK", "Kepala Dinas Pendidikan", "jpt", sekda)
    sekdis = g.pegawai("DISDIK-SEK", "Sekretaris Dinas Pendidikan", "administrator", kadisdik)
    for nama in ("Kepala Subbagian Umum", "Kepala Subbagian Kepegawaian"):
        kasubbag = g.pegawai("DISDIK-SEK", nama, "pengawas", sekdis)
        g.staf("DISDIK-SEK", kasubbag, ["Pengadministrasi Umum", "Pengolah Data Kepegawaian"], 2)
    kasudin = g.pegawai(
        "SUDINDIK-JP1", "Kepala Suku Dinas Pendidikan Wilayah I Jakarta Pusat", "administrator", kadisdik
    )
    kasi_dikdas = g.pegawai("SUDINDIK-JP1", "Kepala Seksi Pendidikan Dasar", "pengawas", kasudin)
    demo_pegawai = g.pegawai("SUDINDIK-JP1", "Pengelola Data Pendidikan", "pelaksana", kasi_dikdas)
    g.staf("SUDINDIK-JP1", kasi_dikdas, ["Pengadministrasi Sarana dan Prasarana", "Pengelola Data Pendidikan"], 2)
    kasi_pd = g.pegawai("SUDINDIK-JP1", "Kepala Seksi Peserta Didik dan Pembangunan Karakter", "pengawas", kasudin)
    g.staf("SUDINDIK-JP1", kasi_pd, ["Pengelola Data Peserta Didik"], 1)
    kasubbag_tu = g.pegawai("SUDINDIK-JP1", "Kepala Subbagian Tata Usaha", "pengawas", kasudin)
    g.staf("SUDINDIK-JP1", kasubbag_tu, ["Pengadministrasi Umum", "Pengelola Keuangan"], 2)
    for kode, jumlah_guru in (
        ("SDN-MENTENG-01", 14),
        ("SDN-MENTENG-02", 12),
        ("SDN-GONDANGDIA-01", 12),
        ("SMPN-1-JKT", 24),
    ):
        kepsek = g.pegawai(kode, "Kepala Sekolah", "fungsional", kasudin, gelar="S.Pd., M.Pd.")
        for i in range(jumlah_guru):
            tingkat = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Pertama")[i % 4]
            g.pegawai(kode, f"Guru {tingkat}", "fungsional", kepsek, gelar="S.Pd.", pppk=i % 6 == 5)
        g.pegawai(kode, "Pengadministrasi Sekolah", "pelaksana", kepsek)

    # Dinas Kesehatan and the Puskesmas of Kecamatan Menteng
    kadinkes = g.pegawai("DINKES", "Kepala Dinas Kesehatan", "jpt", sekda, depan="dr. ", gelar="M.K.M.")
    sekdinkes = g.pegawai("DINKES-SEK", "Sekretaris Dinas Kesehatan", "administrator", kadinkes)
    g.staf("DINKES-SEK", sekdinkes, ["Pengadministrasi Umum", "Pengelola Keuangan"], 2)
    kabid = g.pegawai("DINKES-YANKES", "Kepala Bidang Pelayanan Kesehatan", "administrator", kadinkes, depan="dr. ")
    for nama in ("Kepala Seksi Pelayanan Kesehatan Primer", "Kepala Seksi Pelayanan Kesehatan Rujukan"):
        kasi = g.pegawai("DINKES-YANKES", nama, "pengawas", kabid)
        g.staf("DINKES-YANKES", kasi, ["Pengelola Data Pelayanan Kesehatan"], 2)
    kapkm = g.pegawai(
        "PKM-MENTENG", "Kepala UPT Puskesmas Kecamatan Menteng", "administrator", kadinkes, depan="dr. ", gelar=""
    )
    katu = g.pegawai("PKM-MENTENG", "Kepala Subbagian Tata Usaha Puskesmas", "pengawas", kapkm)
    g.staf("PKM-MENTENG", katu, ["Pengadministrasi Umum", "Pengelola Rekam Medis", "Pengelola Obat"], 3)
    for jabatan, jumlah, depan, gelar in (
        ("Dokter Ahli Muda", 2, "dr. ", ""),
        ("Dokter Ahli Pertama", 2, "dr. ", ""),
        ("Dokter Gigi Ahli Pertama", 1, "drg. ", ""),
        ("Perawat Ahli Pertama", 4, "", "S.Kep., Ners"),
        ("Perawat Terampil", 3, "", "A.Md.Kep."),
        ("Bidan Ahli Pertama", 2, "", "S.Tr.Keb."),
        ("Bidan Terampil", 2, "", "A.Md.Keb."),
        ("Pranata Laboratorium Kesehatan Terampil", 1, "", "A.Md.AK."),
    ):
        for i in range(jumlah):
            g.pegawai(
                "PKM-MENTENG",
                jabatan,
                "fungsional",
                kapkm,
                depan=depan,
                gelar=gelar,
                pppk="Terampil" in jabatan and i > 0,
            )

    # Kota Administrasi Jakarta Pusat → Kecamatan Menteng → Kelurahan Menteng / Gondangdia
    walikota = g.pegawai("KOTA-JP", "Wali Kota Administrasi Jakarta Pusat", "jpt", sekda)
    kabag = g.pegawai("KOTA-JP", "Kepala Bagian Pemerintahan", "administrator", walikota)
    g.staf("KOTA-JP", kabag, ["Pengadministrasi Pemerintahan"], 2)
    camat = g.pegawai("KEC-MENTENG", "Camat Menteng", "administrator", walikota)
    sekcam = g.pegawai("KEC-MENTENG", "Sekretaris Kecamatan Menteng", "pengawas", camat)
    g.staf("KEC-MENTENG", sekcam, ["Pengadministrasi Umum", "Pengelola Keuangan"], 2)
    for nama in (
        "Kepala Seksi Pemerintahan",
        "Kepala Seksi Ekonomi dan Pembangunan",
        "Kepala Seksi Kesejahteraan Rakyat",
    ):
        kasi = g.pegawai("KEC-MENTENG", nama, "pengawas", camat)
        g.staf("KEC-MENTENG", kasi, ["Pengadministrasi Pelayanan Masyarakat"], 2)
    for kode, kelurahan in (("KEL-MENTENG", "Menteng"), ("KEL-GONDANGDIA", "Gondangdia")):
        lurah = g.pegawai(kode, f"Lurah {kelurahan}", "administrator", camat)
        seklur = g.pegawai(kode, f"Sekretaris Kelurahan {kelurahan}", "pengawas", lurah)
        g.staf(kode, seklur, ["Pengadministrasi Umum", "Pengelola Keuangan"], 2)
        for nama, staf in (
            ("Kepala Seksi Pemerintahan", ["Pengelola Pengaduan Masyarakat", "Pengadministrasi Kependudukan"]),
            ("Kepala Seksi Ekonomi dan Pembangunan", ["Pengelola Sarana dan Prasarana Kelurahan"]),
            ("Kepala Seksi Kesejahteraan Rakyat", ["Pengadministrasi Pelayanan Masyarakat"]),
        ):
            kasi = g.pegawai(kode, f"{nama} Kelurahan", "pengawas", lurah)
            g.staf(kode, kasi, staf, 3)

    logins = {"demo.atasan": kasudin, "demo.penilai": kasi_dikdas, "demo.pegawai": demo_pegawai}
    return g.unit_rows, g.pegawai_rows, logins


def data_impor(unit_rows: list[dict], pegawai_rows: list[dict]) -> impor.DataImpor:
    """Rows as the import service reads them from a file (the header is row 1)."""
    return impor.DataImpor(
        unit=[impor.Baris("demo-unit", i, row) for i, row in enumerate(unit_rows, start=2)],
        pegawai=[impor.Baris("demo-pegawai", i, row) for i, row in enumerate(pegawai_rows, start=2)],
    )


def _akun(username: str, first_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        with audit_actor(None):
            user = User.objects.create_user(username=username, password=SANDI_DEMO, first_name=first_name[:150])
    return user


def _peran(user: User, peran: str, *, kode_unit: str | None = None) -> None:
    """Grant the role unless the login holds it already (seeding twice changes nothing)."""
    unit = UnitKerja.objects.get(kode=kode_unit) if kode_unit else None
    if not PeranAdmin.objects.filter(user=user, peran=peran, unit=unit).exists():
        services.peran_grant(actor=None, user=user, peran=peran, unit=unit)


@transaction.atomic
def seed(stdout) -> None:
    """Step of ``seed_demo``: units, pegawai, and the five demo logins with their roles."""
    unit_rows, pegawai_rows, logins = bangun(random.Random(BENIH))  # noqa: S311 -- demo data, not security
    try:
        hasil = impor.data_import(actor=None, data=data_impor(unit_rows, pegawai_rows))
    except impor.ImporDitolak as exc:
        contoh = "; ".join(f"{k.lembar} baris {k.baris} {k.kolom}: {k.pesan}" for k in exc.kesalahan[:5])
        raise CommandError(_("Data demo kepegawaian tidak valid: %(contoh)s") % {"contoh": contoh}) from exc
    stdout.write(
        _("Kepegawaian: %(u)d unit baru, %(p)d pegawai baru (%(tu)d unit, %(tp)d pegawai dalam data demo).")
        % {"u": hasil.unit_baru, "p": hasil.pegawai_baru, "tu": len(unit_rows), "tp": len(pegawai_rows)}
    )

    admin = _akun("demo.admin", "Admin BKD (demo)")
    _peran(admin, PeranAdmin.Peran.ADMIN_BKD)
    _peran(_akun("demo.unit", "Admin Dinas Pendidikan (demo)"), PeranAdmin.Peran.ADMIN_UNIT, kode_unit="DISDIK")
    for username, nip in logins.items():
        pegawai = Pegawai.objects.get(nip=nip)
        user = _akun(username, pegawai.nama)
        if pegawai.user_id != user.pk:
            services.pegawai_link_akun(actor=None, pegawai=pegawai, user=user)
    baru = akun_semua_pegawai()
    stdout.write(
        _(
            "Akun demo (kata sandi %(sandi)s): demo.admin, demo.unit, demo.atasan, demo.penilai, demo.pegawai; "
            "setiap pegawai demo lainnya masuk dengan NIP-nya (%(n)d akun baru)."
        )
        % {"sandi": SANDI_DEMO, "n": baru}
    )


def akun_semua_pegawai() -> int:
    """A login (username = NIP, password ``kinerja-demo``) for every active demo pegawai without one, so that any of
    them can be tried. The password is hashed once and the hash reused (Argon2 is slow by design), and the rows are
    written in bulk: seeding stays fast. Returns how many logins were created."""
    sisa = list(Pegawai.objects.filter(aktif=True, user__isnull=True).only("pk", "nip", "nama", "email"))
    if not sisa:
        return 0
    sandi = make_password(SANDI_DEMO)
    dipakai = set(User.objects.filter(username__in=[p.nip for p in sisa]).values_list("username", flat=True))
    sisa = [p for p in sisa if p.nip not in dipakai]
    User.objects.bulk_create(
        [User(username=p.nip, password=sandi, email=p.email, first_name=p.nama[:150]) for p in sisa], batch_size=500
    )
    pk_user = dict(User.objects.filter(username__in=[p.nip for p in sisa]).values_list("username", "pk"))
    for p in sisa:
        p.user_id = pk_user[p.nip]
    Pegawai.objects.bulk_update(sisa, ["user"], batch_size=500)
    return len(sisa)
