"""Import of units and employees (CSV or XLSX): read, validate every row, then import all of it or nothing.

- ``baca_berkas`` turns uploaded files into rows (``DataImpor``); each CSV file or XLSX sheet is recognised by its
  header row (a ``nip`` column: employees; a ``kode`` column: units). Row numbers are the ones the user sees in
  his spreadsheet (the header is row 1).
- ``impor_data`` validates every row against the file *and* the database together, in memory (existing units,
  employees, supervisors and jabatan are loaded once, not queried per row). Any bad row rejects the whole import
  with a per-row list of errors (``ImporDitolak``); a good import is applied in one transaction. Rows that change
  nothing write nothing, so re-importing a file changes nothing and adds no audit entries.
- Units go through ``services.unit_create/unit_update/unit_move`` (parents before children). Employees — tens of
  thousands of rows — are written in bulk (``bulk_create``/``bulk_update`` per 500 rows) after the same rules
  the services apply ran in memory (NIP, choices, unit, supervisor loops; the database constraints still hold),
  and their audit entries are written alongside with auditlog's own diff, one entry per created or changed row
  with the actor. Bulk writes send no ``post_save`` signals: code that must react to a pegawai's change should
  not rely on them.
- ``ImporJob``: small uploads run in the request, large ones (``KEPEGAWAIAN_IMPOR_BATAS_SINKRON`` rows) in a
  Celery job queued on commit; ``impor_job_jalankan`` claims the job with a conditional UPDATE, so it is safe to
  run twice.

``actor=None`` means the system (management commands such as ``seed_demo``): no scope limit.
"""

from __future__ import annotations

import copy
import csv
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, cast

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian import services
from kepegawaian.access import akses_for
from kepegawaian.models import ImporJob, Jabatan, Pegawai, UnitKerja
from kepegawaian.validators import nip_parts
from kinerja.audit import audit_actor

logger = logging.getLogger(__name__)

KOLOM_UNIT = ("kode", "nama", "jenis", "kode_induk")
KOLOM_UNIT_WAJIB = ("kode", "nama", "jenis")
KOLOM_PEGAWAI = (
    "nip",
    "nama",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "kode_unit",
    "nip_atasan",
    "email",
)
KOLOM_PEGAWAI_WAJIB = ("nip", "nama", "status", "golongan", "jabatan", "jenis_jabatan", "kode_unit")
EKSTENSI = (".csv", ".xlsx")
KODE_UNIT_POLA = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
MAKS_KESALAHAN_DISIMPAN = 1000
BATCH = 500


def batas_sinkron() -> int:
    """Uploads with more rows than this run as a Celery job."""
    return getattr(settings, "KEPEGAWAIAN_IMPOR_BATAS_SINKRON", 500)


def maks_ukuran_berkas() -> int:
    return getattr(settings, "KEPEGAWAIAN_IMPOR_MAKS_BYTES", 20 * 1024 * 1024)


# --- Rows and errors ------------------------------------------------------------------------------------------


@dataclass
class Baris:
    lembar: str  # the file (CSV) or sheet (XLSX) name, as shown in the error list
    nomor: int  # the row number in the spreadsheet; the header is row 1
    nilai: dict[str, str]

    def __getitem__(self, kolom: str) -> str:
        return self.nilai.get(kolom, "")


@dataclass(frozen=True)
class Kesalahan:
    lembar: str
    baris: int
    kolom: str
    pesan: str


@dataclass
class DataImpor:
    unit: list[Baris] = field(default_factory=list)
    pegawai: list[Baris] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)  # file-level errors found while reading

    @property
    def total_baris(self) -> int:
        return len(self.unit) + len(self.pegawai)


class ImporDitolak(Exception):
    """The import was rejected whole; ``kesalahan`` lists every bad row. Nothing was saved."""

    def __init__(self, kesalahan: list[Kesalahan]):
        self.kesalahan = kesalahan
        super().__init__(_("Impor ditolak: %(n)d kesalahan.") % {"n": len(kesalahan)})


@dataclass
class HasilImpor:
    unit_baru: int = 0
    unit_diubah: int = 0
    unit_dipindah: int = 0
    unit_tetap: int = 0
    jabatan_baru: int = 0
    pegawai_baru: int = 0
    pegawai_diubah: int = 0
    pegawai_tetap: int = 0

    @property
    def ada_perubahan(self) -> bool:
        return bool(
            self.unit_baru + self.unit_diubah + self.unit_dipindah + self.jabatan_baru
            or self.pegawai_baru + self.pegawai_diubah
        )


# --- Reading files --------------------------------------------------------------------------------------------


def _nama_kolom(judul: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _sel(judul).lower()).strip("_")


def _sel(nilai: object) -> str:
    """A cell as text. XLSX numbers come back as int/float: an integral float is written without ``.0``."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "1" if nilai else "0"
    if isinstance(nilai, float):
        if nilai.is_integer() and abs(nilai) < 1e15:
            return str(int(nilai))
        return repr(nilai)
    if isinstance(nilai, datetime | date):
        return nilai.isoformat()
    return " ".join(str(nilai).split())


def _baris_csv(isi: bytes) -> Iterator[list[str]]:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        teks = isi.decode("cp1252", errors="replace")  # a "CSV" saved by Excel on Windows
    baris_pertama = teks.split("\n", 1)[0]
    # Excel with Indonesian regional settings writes ';' (the comma is the decimal separator there).
    pemisah = max((";", ",", "\t"), key=baris_pertama.count)
    if not baris_pertama.count(pemisah):
        pemisah = ","
    yield from csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)


def _lembar_xlsx(isi: bytes) -> Iterator[tuple[str, Iterator[Iterable[object]]]]:
    from openpyxl import load_workbook

    buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    try:
        for lembar in buku.worksheets:
            yield lembar.title, lembar.iter_rows(values_only=True)
    finally:
        buku.close()


def _tambah_tabel(data: DataImpor, lembar: str, baris_iter: Iterator[Iterable[object]]) -> None:
    judul = None
    for nomor, sel in enumerate(baris_iter, start=1):
        nilai = [_sel(v) for v in sel]
        if judul is None:
            if not any(nilai):
                continue  # blank lines above the header
            judul = [_nama_kolom(v) for v in nilai]
            jenis = _kenali_tabel(data, lembar, nomor, judul)
            if jenis is None:
                return
            tujuan = data.unit if jenis == "unit" else data.pegawai
            continue
        if not any(nilai):
            continue
        tujuan.append(Baris(lembar=lembar, nomor=nomor, nilai={k: v for k, v in zip(judul, nilai, strict=False) if k}))


def _kenali_tabel(data: DataImpor, lembar: str, nomor: int, judul: list[str]) -> str | None:
    """Which table this is (by its header), or None after recording why it cannot be read."""
    kolom: tuple[str, ...]
    wajib: tuple[str, ...]
    if "nip" in judul:
        jenis, kolom, wajib = "pegawai", KOLOM_PEGAWAI, KOLOM_PEGAWAI_WAJIB
    elif "kode" in judul:
        jenis, kolom, wajib = "unit", KOLOM_UNIT, KOLOM_UNIT_WAJIB
    else:
        data.kesalahan.append(
            Kesalahan(
                lembar,
                nomor,
                "",
                _(
                    "Baris judul tidak dikenali: data unit harus memuat kolom %(unit)s; data pegawai harus memuat "
                    "kolom %(pegawai)s."
                )
                % {"unit": ", ".join(KOLOM_UNIT_WAJIB), "pegawai": ", ".join(KOLOM_PEGAWAI_WAJIB)},
            )
        )
        return None
    ok = True
    for nama in judul:
        if nama and nama not in kolom:
            ok = False
            data.kesalahan.append(
                Kesalahan(
                    lembar,
                    nomor,
                    nama,
                    _("Kolom tidak dikenal. Kolom yang dapat dipakai: %(kolom)s.") % {"kolom": ", ".join(kolom)},
                )
            )
    for nama in {n for n in judul if n and judul.count(n) > 1}:
        ok = False
        data.kesalahan.append(Kesalahan(lembar, nomor, nama, _("Kolom ini muncul lebih dari sekali.")))
    for nama in wajib:
        if nama not in judul:
            ok = False
            data.kesalahan.append(Kesalahan(lembar, nomor, nama, _("Kolom wajib tidak ada.")))
    return jenis if ok else None


def baca_berkas(berkas: Iterable[tuple[str, IO[bytes]]]) -> DataImpor:
    """Read CSV/XLSX files (name, binary file) into rows; unreadable files become errors, never exceptions."""
    data = DataImpor()
    for nama, fileobj in berkas:
        nama = Path(nama).name
        ekstensi = Path(nama).suffix.lower()
        isi = fileobj.read()
        if ekstensi == ".csv":
            _tambah_tabel(data, nama, _baris_csv(isi))
        elif ekstensi == ".xlsx":
            try:
                for lembar, baris_iter in _lembar_xlsx(isi):
                    _tambah_tabel(data, lembar, baris_iter)
            except (zipfile.BadZipFile, KeyError, ValueError, OSError):
                data.kesalahan.append(
                    Kesalahan(nama, 0, "", _("Berkas XLSX tidak dapat dibaca. Simpan ulang sebagai Excel (.xlsx).")),
                )
        else:
            data.kesalahan.append(Kesalahan(nama, 0, "", _("Format berkas harus CSV atau XLSX.")))
    if not data.kesalahan and not data.total_baris:
        data.kesalahan.append(Kesalahan("", 0, "", _("Berkas tidak berisi data unit maupun pegawai.")))
    return data


def hitung_baris(nama: str, fileobj: IO[bytes]) -> int:
    """A cheap estimate of the number of data rows (to choose between the request and a Celery job)."""
    isi = fileobj.read()
    fileobj.seek(0)
    if nama.lower().endswith(".xlsx"):
        try:
            return sum(max(n - 1, 0) for n in _jumlah_baris_xlsx(isi))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return 0
    return max(sum(1 for line in isi.splitlines() if line.strip()) - 1, 0)


def _jumlah_baris_xlsx(isi: bytes) -> Iterator[int]:
    from openpyxl import load_workbook

    buku = load_workbook(io.BytesIO(isi), read_only=True)
    try:
        for lembar in buku.worksheets:
            yield lembar.max_row or sum(1 for _r in lembar.iter_rows(values_only=True))
    finally:
        buku.close()


# --- Validation (in memory, against the file and the database together) --------------------------------------


@dataclass
class _UnitAda:
    pk: int
    kode: str
    nama: str
    jenis: str
    path: str
    induk: str | None


@dataclass
class _Rencana:
    """What a valid import will do, computed during validation."""

    unit: list[tuple[Baris, dict]] = field(default_factory=list)
    pegawai: list[tuple[Baris, dict]] = field(default_factory=list)


class _Konteks:
    """Everything the validation needs from the database, loaded in a handful of queries."""

    def __init__(self, actor):
        self.unit: dict[str, _UnitAda] = {}
        rows = list(UnitKerja.objects.values_list("pk", "kode", "nama", "jenis", "path", "depth"))
        steplen = UnitKerja.steplen
        path_ke_kode = {row[4]: row[1] for row in rows}
        for pk, kode, nama, jenis, path, depth in rows:
            induk = path_ke_kode.get(path[:-steplen]) if depth > 1 else None
            self.unit[kode] = _UnitAda(pk, kode, nama, jenis, path, induk)
        self.unit_pk_ke_kode = {u.pk: u.kode for u in self.unit.values()}
        self.pegawai: dict[str, dict] = {}
        pk_ke_nip = {}
        # Plain dicts (typed as such: ``nip_atasan`` is added to them below).
        for nilai in cast(
            "Iterable[dict[str, Any]]",
            Pegawai.objects.values(
                "pk", "nip", "nama", "status", "golongan", "jabatan_id", "unit_id", "atasan_id", "email"
            ),
        ):
            self.pegawai[nilai["nip"]] = nilai
            pk_ke_nip[nilai["pk"]] = nilai["nip"]
        for nilai in self.pegawai.values():
            nilai["nip_atasan"] = pk_ke_nip.get(nilai["atasan_id"])
        self.jabatan = {
            (nama.casefold(), jenis): pk for pk, nama, jenis in Jabatan.objects.values_list("pk", "nama", "jenis")
        }

        # Scope: None = everywhere (admin BKD, the system); otherwise the paths/kodes of the granted units.
        if actor is None:
            self.paths_wewenang = None
        else:
            akses = akses_for(actor)
            if akses.is_bkd:
                self.paths_wewenang = None
            elif akses.admin_unit_paths:
                self.paths_wewenang = akses.admin_unit_paths
            else:
                raise PermissionDenied(_("Hanya admin unit atau admin BKD yang dapat mengimpor data kepegawaian."))
        self.kode_wewenang = (
            None if self.paths_wewenang is None else {path_ke_kode[p] for p in self.paths_wewenang if p in path_ke_kode}
        )

    def unit_sekarang_dalam_wewenang(self, kode: str) -> bool:
        if self.paths_wewenang is None:
            return True
        unit = self.unit.get(kode)
        return unit is not None and any(unit.path.startswith(p) for p in self.paths_wewenang)


_LABEL_JENIS_UNIT = {str(v).casefold(): v for v in UnitKerja.Jenis.values}
_LABEL_JENIS_UNIT.update({str(label).casefold(): v for v, label in UnitKerja.Jenis.choices})
_LABEL_JENIS_JABATAN = {str(v).casefold(): v for v in Jabatan.Jenis.values}
_LABEL_JENIS_JABATAN.update({str(label).casefold(): v for v, label in Jabatan.Jenis.choices})
_GOLONGAN = {v.casefold(): v for v in Pegawai.Golongan.values}
_GOLONGAN.update({label.casefold(): v for v, label in Pegawai.Golongan.choices})


def _pilihan(nilai: str, peta: dict[str, str]) -> str | None:
    kunci = nilai.strip().casefold()
    return peta.get(kunci) or peta.get(kunci.replace(" ", "_"))


def _rantai(mulai: str, induk_dari: Callable[[str], str | None]) -> list[str] | None:
    """Walk up from ``mulai``; return the loop (``[mulai, ..., mulai]``) if the walk comes back, else None."""
    jalur = [mulai]
    dilihat = {mulai}
    sekarang = induk_dari(mulai)
    while sekarang is not None:
        jalur.append(sekarang)
        if sekarang == mulai:
            return jalur
        if sekarang in dilihat or len(jalur) > 10_000:
            return None  # a loop further up that does not pass through this row: reported on its own rows
        dilihat.add(sekarang)
        sekarang = induk_dari(sekarang)
    return None


class _Validasi:
    def __init__(self, actor, data: DataImpor, progres: Callable[[int], None]):
        self.ktx = _Konteks(actor)
        self.data = data
        self.kesalahan: list[Kesalahan] = list(data.kesalahan)
        self.rencana = _Rencana()
        self.progres = progres
        self._diperiksa = 0

    def salah(self, baris: Baris, kolom: str, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(baris.lembar, baris.nomor, kolom, pesan))

    def _maju(self) -> None:
        self._diperiksa += 1
        if self._diperiksa % 200 == 0:
            self.progres(self._diperiksa * 100 // max(self.data.total_baris, 1))

    # -- units --
    def unit(self) -> None:
        baris_kode: dict[str, Baris] = {}
        bersih: list[tuple[Baris, dict]] = []
        for baris in self.data.unit:
            self._maju()
            n_salah = len(self.kesalahan)
            kode, nama, induk = baris["kode"], baris["nama"], baris["kode_induk"] or None
            if not kode:
                self.salah(baris, "kode", _("Kode unit wajib diisi."))
            elif len(kode) > 30 or not KODE_UNIT_POLA.fullmatch(kode):
                self.salah(
                    baris,
                    "kode",
                    _(
                        "Kode unit paling panjang 30 karakter: huruf, angka, titik, garis miring, tanda hubung, "
                        "atau garis bawah."
                    ),
                )
            elif kode in baris_kode:
                self.salah(
                    baris, "kode", _("Kode unit ganda: sudah dipakai di baris %(n)d.") % {"n": baris_kode[kode].nomor}
                )
            else:
                baris_kode[kode] = baris
            if not nama:
                self.salah(baris, "nama", _("Nama unit wajib diisi."))
            elif len(nama) > 200:
                self.salah(baris, "nama", _("Nama unit paling panjang 200 karakter."))
            jenis = _pilihan(baris["jenis"], _LABEL_JENIS_UNIT)
            if jenis is None:
                self.salah(
                    baris,
                    "jenis",
                    _("Jenis unit tidak dikenal. Pilihan: %(pilihan)s.")
                    % {"pilihan": ", ".join(UnitKerja.Jenis.values)},
                )
            if induk is not None and induk == kode:
                self.salah(baris, "kode_induk", _("Unit tidak boleh menjadi induk bagi dirinya sendiri."))
            if len(self.kesalahan) == n_salah:
                bersih.append((baris, {"kode": kode, "nama": nama, "jenis": jenis, "induk": induk}))

        # The tree after the import: the database overlaid with the file. A reference to a unit whose own row
        # is wrong is not reported again as "not found" (``kode_file``): that row's error says enough.
        self.kode_file = {b["kode"] for b in self.data.unit if b["kode"]}
        self.induk_akhir = {kode: u.induk for kode, u in self.ktx.unit.items()}
        self.induk_akhir.update({n["kode"]: n["induk"] for _b, n in bersih})
        for baris, n in bersih:
            kode, induk = n["kode"], n["induk"]
            ada = self.ktx.unit.get(kode)
            if induk is not None and induk not in self.induk_akhir and induk not in self.kode_file:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Unit induk dengan kode %(kode)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                    % {"kode": induk},
                )
                continue
            if induk is None and ada is not None and ada.induk is not None:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Kode induk wajib diisi: unit ini sekarang berada di bawah %(induk)s.") % {"induk": ada.induk},
                )
                continue
            lingkaran = _rantai(kode, self.induk_akhir.get)
            if lingkaran:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Susunan unit membentuk lingkaran: %(rantai)s.") % {"rantai": " → ".join(lingkaran)},
                )
                continue
            if self.ktx.kode_wewenang is not None:
                if ada is not None and not self.ktx.unit_sekarang_dalam_wewenang(kode):
                    self.salah(baris, "kode", _("Unit %(kode)s berada di luar unit yang Anda kelola.") % {"kode": kode})
                    continue
                induk_tetap = ada is not None and ada.induk == induk
                if not induk_tetap and (induk is None or not self.dalam_wewenang_akhir(induk)):
                    self.salah(
                        baris,
                        "kode_induk",
                        _("Unit induk %(kode)s berada di luar unit yang Anda kelola.") % {"kode": induk or "-"},
                    )
                    continue
            self.rencana.unit.append((baris, n))

    def dalam_wewenang_akhir(self, kode: str) -> bool:
        """Is the unit (after the import) inside one of the admin's granted subtrees?"""
        if self.ktx.kode_wewenang is None:
            return True
        dilihat = set()
        sekarang: str | None = kode
        while sekarang is not None and sekarang not in dilihat:
            if sekarang in self.ktx.kode_wewenang:
                return True
            dilihat.add(sekarang)
            sekarang = self.induk_akhir.get(sekarang)
        return False

    # -- employees --
    def pegawai(self) -> None:
        baris_nip: dict[str, Baris] = {}
        bersih: list[tuple[Baris, dict]] = []
        self._nip_file = {b["nip"].replace(" ", "") for b in self.data.pegawai}
        for baris in self.data.pegawai:
            self._maju()
            n_salah = len(self.kesalahan)
            n = self._pegawai_baris(baris, baris_nip)
            if len(self.kesalahan) == n_salah:
                bersih.append((baris, n))

        atasan_akhir = {nip: p["nip_atasan"] for nip, p in self.ktx.pegawai.items()}
        atasan_akhir.update({n["nip"]: n["nip_atasan"] for _b, n in bersih})
        for baris, n in bersih:
            nip, nip_atasan = n["nip"], n["nip_atasan"]
            lingkaran = _rantai(nip, atasan_akhir.get) if nip_atasan else None
            if lingkaran:
                self.salah(
                    baris,
                    "nip_atasan",
                    _(
                        "Rantai atasan membentuk lingkaran: %(rantai)s. Seorang pegawai tidak boleh menjadi atasan "
                        "bagi atasannya sendiri."
                    )
                    % {"rantai": " → ".join(lingkaran)},
                )
                continue
            if self.ktx.kode_wewenang is not None:
                ada = self.ktx.pegawai.get(nip)
                if ada is not None and not self.ktx.unit_sekarang_dalam_wewenang(
                    self.ktx.unit_pk_ke_kode.get(ada["unit_id"], "")
                ):
                    self.salah(baris, "nip", _("Pegawai dengan NIP ini bekerja di unit di luar unit yang Anda kelola."))
                    continue
                if not self.dalam_wewenang_akhir(n["kode_unit"]):
                    self.salah(
                        baris,
                        "kode_unit",
                        _("Unit %(kode)s berada di luar unit yang Anda kelola.") % {"kode": n["kode_unit"]},
                    )
                    continue
            self.rencana.pegawai.append((baris, n))

    def _pegawai_baris(self, baris: Baris, baris_nip: dict[str, Baris]) -> dict:
        nip = baris["nip"].replace(" ", "")  # NIPs are often printed grouped: "19700101 200001 1 001"
        if not nip:
            self.salah(baris, "nip", _("NIP wajib diisi."))
        elif re.fullmatch(r"[0-9.]+[eE][+-]?[0-9]+", nip):
            self.salah(
                baris,
                "nip",
                _(
                    "NIP tertulis sebagai angka dan dibulatkan oleh Excel. Format kolom NIP sebagai teks, lalu ketik "
                    "ulang NIP-nya."
                ),
            )
        else:
            try:
                nip_parts(nip)
            except ValidationError as exc:
                self.salah(baris, "nip", " ".join(exc.messages))
            else:
                if nip in baris_nip:
                    self.salah(
                        baris, "nip", _("NIP ganda: sudah dipakai di baris %(n)d.") % {"n": baris_nip[nip].nomor}
                    )
                else:
                    baris_nip[nip] = baris
        nama = baris["nama"]
        if not nama:
            self.salah(baris, "nama", _("Nama pegawai wajib diisi."))
        elif len(nama) > 200:
            self.salah(baris, "nama", _("Nama pegawai paling panjang 200 karakter."))
        status = baris["status"].strip().lower()
        if status not in Pegawai.Status.values:
            self.salah(baris, "status", _("Status kepegawaian harus PNS atau PPPK."))
        golongan = _pilihan(baris["golongan"], _GOLONGAN)
        if golongan is None:
            self.salah(
                baris,
                "golongan",
                _("Golongan tidak dikenal. Pilihan: %(pilihan)s.") % {"pilihan": ", ".join(Pegawai.Golongan.values)},
            )
        elif status == Pegawai.Status.PNS and "/" not in golongan:
            self.salah(baris, "golongan", _("Golongan %(g)s adalah golongan PPPK, bukan PNS.") % {"g": golongan})
        elif status == Pegawai.Status.PPPK and "/" in golongan:
            self.salah(baris, "golongan", _("Golongan %(g)s adalah golongan PNS, bukan PPPK.") % {"g": golongan})
        jabatan = baris["jabatan"]
        if not jabatan:
            self.salah(baris, "jabatan", _("Nama jabatan wajib diisi."))
        elif len(jabatan) > 200:
            self.salah(baris, "jabatan", _("Nama jabatan paling panjang 200 karakter."))
        jenis_jabatan = _pilihan(baris["jenis_jabatan"], _LABEL_JENIS_JABATAN)
        if jenis_jabatan is None:
            self.salah(
                baris,
                "jenis_jabatan",
                _("Jenis jabatan tidak dikenal. Pilihan: %(pilihan)s.") % {"pilihan": ", ".join(Jabatan.Jenis.values)},
            )
        kode_unit = baris["kode_unit"]
        if not kode_unit:
            self.salah(baris, "kode_unit", _("Kode unit wajib diisi."))
        elif kode_unit not in self.induk_akhir and kode_unit not in self.kode_file:
            self.salah(
                baris,
                "kode_unit",
                _("Unit dengan kode %(kode)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                % {"kode": kode_unit},
            )
        nip_atasan = baris["nip_atasan"].replace(" ", "") or None
        if nip_atasan is not None and nip_atasan == nip:
            self.salah(baris, "nip_atasan", _("Pegawai tidak boleh menjadi atasan bagi dirinya sendiri."))
        elif nip_atasan is not None and nip_atasan not in self.ktx.pegawai and nip_atasan not in self._nip_file:
            self.salah(
                baris,
                "nip_atasan",
                _("Atasan dengan NIP %(nip)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                % {"nip": nip_atasan},
            )
        email = baris["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.salah(baris, "email", _("Alamat email tidak valid."))
        return {
            "nip": nip,
            "nama": nama,
            "status": status,
            "golongan": golongan,
            "jabatan": jabatan,
            "jenis_jabatan": jenis_jabatan,
            "kode_unit": kode_unit,
            "nip_atasan": nip_atasan,
            "email": email,
        }


def _urutkan(kesalahan: list[Kesalahan], data: DataImpor) -> list[Kesalahan]:
    urutan_lembar: dict[str, int] = {}
    for baris in [*data.unit, *data.pegawai]:
        urutan_lembar.setdefault(baris.lembar, len(urutan_lembar))
    return sorted(kesalahan, key=lambda k: (urutan_lembar.get(k.lembar, -1), k.baris))


# --- Applying ---------------------------------------------------------------------------------------------------


def _kedalaman(kode: str, induk_dari: dict[str, str | None], memo: dict[str, int]) -> int:
    jalur = []
    sekarang: str | None = kode
    while sekarang is not None and sekarang not in memo:
        jalur.append(sekarang)
        sekarang = induk_dari.get(sekarang)
    dasar = memo.get(sekarang, 0) if sekarang is not None else 0
    for i, k in enumerate(reversed(jalur), start=1):
        memo[k] = dasar + i
    return memo[kode]


def _terapkan_unit(actor, val: _Validasi, hasil: HasilImpor, maju: Callable[[], None]) -> dict[str, int]:
    ktx = val.ktx
    pk_unit = {kode: u.pk for kode, u in ktx.unit.items()}
    memo: dict[str, int] = {}
    rencana = sorted(val.rencana.unit, key=lambda bn: _kedalaman(bn[1]["kode"], val.induk_akhir, memo))
    for _baris, n in rencana:
        maju()
        ada = ktx.unit.get(n["kode"])
        if ada is None:
            induk = UnitKerja(pk=pk_unit[n["induk"]]) if n["induk"] else None
            unit = services.unit_create(actor=actor, kode=n["kode"], nama=n["nama"], jenis=n["jenis"], parent=induk)
            pk_unit[unit.kode] = unit.pk
            hasil.unit_baru += 1
            continue
        berubah = False
        if (ada.nama, ada.jenis) != (n["nama"], n["jenis"]):
            services.unit_update(actor=actor, unit=UnitKerja.objects.get(pk=ada.pk), nama=n["nama"], jenis=n["jenis"])
            hasil.unit_diubah += 1
            berubah = True
        if ada.induk != n["induk"]:
            services.unit_move(actor=actor, unit=UnitKerja(pk=ada.pk), parent=UnitKerja(pk=pk_unit[n["induk"]]))
            hasil.unit_dipindah += 1
            berubah = True
        if not berubah:
            hasil.unit_tetap += 1
    return pk_unit


def _terapkan_pegawai(
    actor, val: _Validasi, pk_unit: dict[str, int], hasil: HasilImpor, maju: Callable[[], None]
) -> None:
    ktx = val.ktx
    pk_jabatan = dict(ktx.jabatan)
    for _baris, n in val.rencana.pegawai:
        kunci = (n["jabatan"].casefold(), n["jenis_jabatan"])
        if kunci not in pk_jabatan:
            jabatan = services.jabatan_get_or_create(actor=actor, nama=n["jabatan"], jenis=n["jenis_jabatan"])
            pk_jabatan[kunci] = jabatan.pk
            hasil.jabatan_baru += 1
        n["jabatan_id"] = pk_jabatan[kunci]
        n["unit_id"] = pk_unit[n["kode_unit"]]

    pk_pegawai = {nip: p["pk"] for nip, p in ktx.pegawai.items()}
    baru = [n for _b, n in val.rencana.pegawai if n["nip"] not in ktx.pegawai]
    lama = [n for _b, n in val.rencana.pegawai if n["nip"] in ktx.pegawai]

    # New people, level by level down the supervisor forest (the file may bring a new head with his new staff):
    # one INSERT per batch, their atasan's keys known from the level above.
    atasan_dari = {n["nip"]: n["nip_atasan"] for n in baru}
    memo: dict[str, int] = {}
    tingkat: dict[int, list[dict]] = {}
    for n in baru:
        tingkat.setdefault(_kedalaman(n["nip"], atasan_dari, memo), []).append(n)
    for kedalaman in sorted(tingkat):
        objek = [
            Pegawai(
                nip=n["nip"],
                nama=n["nama"],
                status=n["status"],
                golongan=n["golongan"],
                jabatan_id=n["jabatan_id"],
                unit_id=n["unit_id"],
                atasan_id=pk_pegawai[n["nip_atasan"]] if n["nip_atasan"] else None,
                email=n["email"],
            )
            for n in tingkat[kedalaman]
        ]
        for i in range(0, len(objek), BATCH):
            dibuat = Pegawai.objects.bulk_create(objek[i : i + BATCH])
            _catat_audit(actor, [(None, p) for p in dibuat], LogEntry.Action.CREATE)
            for p in dibuat:
                pk_pegawai[p.nip] = p.pk
                maju()
        hasil.pegawai_baru += len(objek)

    # Existing people: compare with what was loaded; only changed rows are fetched and written.
    perubahan: dict[int, dict] = {}
    for n in lama:
        ada = ktx.pegawai[n["nip"]]
        baru_nilai = {
            "nama": n["nama"],
            "status": n["status"],
            "golongan": n["golongan"],
            "jabatan_id": n["jabatan_id"],
            "unit_id": n["unit_id"],
            "atasan_id": pk_pegawai[n["nip_atasan"]] if n["nip_atasan"] else None,
            "email": n["email"],
        }
        beda = {k: v for k, v in baru_nilai.items() if ada[k] != v}
        if beda:
            perubahan[ada["pk"]] = beda
        else:
            maju()
            hasil.pegawai_tetap += 1
    pks = list(perubahan)
    for i in range(0, len(pks), BATCH):
        pasangan = []
        for lama_obj in Pegawai.objects.in_bulk(pks[i : i + BATCH]).values():
            baru_obj = copy.copy(lama_obj)
            for nama_field, nilai in perubahan[lama_obj.pk].items():
                setattr(baru_obj, nama_field, nilai)
            pasangan.append((lama_obj, baru_obj))
            maju()
        kolom = sorted({k for _l, b in pasangan for k in perubahan[b.pk]})
        Pegawai.objects.bulk_update([b for _l, b in pasangan], kolom)
        _catat_audit(actor, pasangan, LogEntry.Action.UPDATE)
        hasil.pegawai_diubah += len(pasangan)


def _catat_audit(actor, pasangan: Sequence[tuple[Pegawai | None, Pegawai]], action: int) -> None:
    """Audit entries for rows written in bulk (which bypasses auditlog's signals): the same diff, the same
    shape and the same actor as an entry written by ``save()``, inserted in one query per batch."""
    content_type = ContentType.objects.get_for_model(Pegawai)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    cid = get_cid()
    # Set by auditlog.conf (default False) at start-up; not declared in our settings module.
    json_changes = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    entri = []
    for lama_obj, baru_obj in pasangan:
        changes = model_instance_diff(lama_obj, baru_obj, use_json_for_changes=json_changes)
        if not changes:
            continue
        entri.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(baru_obj.pk),
                object_id=baru_obj.pk,
                object_repr=str(baru_obj),
                action=action,
                changes=changes,
                actor=actor,
                actor_email=getattr(actor, "email", None) if actor else None,
                cid=cid,
            )
        )
    LogEntry.objects.bulk_create(entri, batch_size=BATCH)


def impor_data(*, actor, data: DataImpor, progres: Callable[[int], None] | None = None) -> HasilImpor:
    """Validate every row, then apply all of them in one transaction; raise ``ImporDitolak`` on any bad row.

    ``progres(percent)`` is called now and then: validation runs 0–40 %, writing 40–100 %.
    """
    lapor = progres or (lambda _p: None)
    terakhir = -1

    def lapor_sekali(persen: int) -> None:
        nonlocal terakhir
        if persen != terakhir:
            terakhir = persen
            lapor(persen)

    val = _Validasi(actor, data, lambda p: lapor_sekali(p * 40 // 100))
    val.unit()
    val.pegawai()
    if val.kesalahan:
        raise ImporDitolak(_urutkan(val.kesalahan, data))

    hasil = HasilImpor()
    total = max(data.total_baris, 1)
    selesai = 0

    def maju() -> None:
        nonlocal selesai
        selesai += 1
        if selesai % 100 == 0:
            lapor_sekali(40 + selesai * 60 // total)

    with transaction.atomic(), audit_actor(actor):
        pk_unit = _terapkan_unit(actor, val, hasil, maju)
        _terapkan_pegawai(actor, val, pk_unit, hasil, maju)
    lapor_sekali(100)
    return hasil


# --- Jobs -------------------------------------------------------------------------------------------------------


def _kunci_progres(job_id: int) -> str:
    return f"kepegawaian:imporjob:{job_id}:progres"


def impor_job_buat(*, actor, berkas: list) -> ImporJob:
    """Store an upload as an ``ImporJob``; run it now when small, else queue it (after commit) for the worker.

    ``berkas``: one or two uploaded files (CSV or XLSX; an XLSX may hold both tables on two sheets).
    """
    akses = akses_for(actor)
    if not akses.is_admin:
        raise PermissionDenied(_("Hanya admin unit atau admin BKD yang dapat mengimpor data kepegawaian."))
    berkas = [b for b in berkas if b]
    if not berkas:
        raise ValidationError({"berkas": _("Pilih berkas CSV atau XLSX yang akan diimpor.")})
    if len(berkas) > 2:
        raise ValidationError({"berkas": _("Paling banyak dua berkas sekaligus (unit dan pegawai).")})
    for b in berkas:
        if Path(b.name).suffix.lower() not in EKSTENSI:
            raise ValidationError({"berkas": _("%(nama)s: format berkas harus CSV atau XLSX.") % {"nama": b.name}})
        if b.size > maks_ukuran_berkas():
            raise ValidationError(
                {
                    "berkas": _("%(nama)s terlalu besar (paling besar %(mb)d MB).")
                    % {"nama": b.name, "mb": maks_ukuran_berkas() // (1024 * 1024)}
                }
            )
    total = sum(hitung_baris(b.name, b) for b in berkas)
    besar = total > batas_sinkron()
    with transaction.atomic():
        job = ImporJob(
            dibuat_oleh=actor, total_baris=total, berkas=berkas[0], nama_berkas=[Path(b.name).name for b in berkas]
        )
        if len(berkas) > 1:
            job.berkas_tambahan = berkas[1]
        job.save()
        if besar:
            from kepegawaian.tasks import impor_jalankan

            impor_jalankan.delay_on_commit(job.pk)
    if not besar:
        impor_job_jalankan(job_id=job.pk)
        job.refresh_from_db()
    return job


def impor_job_jalankan(*, job_id: int) -> bool:
    """Run one job. Claims it first with a conditional UPDATE (a waiting job, or one whose worker died past the
    time limit — its transaction was rolled back, so nothing of it was saved); returns False when another run
    already has it."""
    batas_basi = timezone.now() - timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 720) + 60)
    diklaim = ImporJob.objects.filter(
        Q(status=ImporJob.Status.MENUNGGU) | Q(status=ImporJob.Status.BERJALAN, mulai_pada__lt=batas_basi),
        pk=job_id,
    ).update(status=ImporJob.Status.BERJALAN, mulai_pada=timezone.now(), progres=0)
    if not diklaim:
        return False
    job = ImporJob.objects.select_related("dibuat_oleh").get(pk=job_id)

    def progres(persen: int) -> None:
        # Inside the import's transaction this UPDATE is not visible to others yet: the cache carries it.
        cache.set(_kunci_progres(job_id), persen, timeout=3600)
        ImporJob.objects.filter(pk=job_id).update(progres=persen)

    try:
        berkas = []
        for i, f in enumerate(f for f in (job.berkas, job.berkas_tambahan) if f):
            nama = job.nama_berkas[i] if i < len(job.nama_berkas) else f.name
            with f.open("rb") as fh:
                berkas.append((nama, io.BytesIO(fh.read())))
        data = baca_berkas(berkas)
        ImporJob.objects.filter(pk=job_id).update(total_baris=data.total_baris)
        hasil = impor_data(actor=job.dibuat_oleh, data=data, progres=progres)
    except ImporDitolak as exc:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL,
            kesalahan=[asdict(k) for k in exc.kesalahan[:MAKS_KESALAHAN_DISIMPAN]],
            jumlah_kesalahan=len(exc.kesalahan),
            pesan=_(
                "Berkas ditolak: %(n)d kesalahan ditemukan. Tidak ada data yang disimpan; perbaiki lalu unggah ulang."
            )
            % {"n": len(exc.kesalahan)},
            selesai_pada=timezone.now(),
        )
    except PermissionDenied as exc:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL, pesan=str(exc), selesai_pada=timezone.now()
        )
    except Exception:
        logger.exception("Impor #%s gagal", job_id)
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL,
            pesan=_("Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Coba lagi atau hubungi admin BKD."),
            selesai_pada=timezone.now(),
        )
    else:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.SELESAI,
            progres=100,
            ringkasan=asdict(hasil),
            pesan=_("Impor selesai.") if hasil.ada_perubahan else _("Impor selesai: tidak ada perubahan."),
            selesai_pada=timezone.now(),
        )
    finally:
        cache.delete(_kunci_progres(job_id))
    return True


def impor_job_progres(job: ImporJob) -> int:
    """The job's progress in percent: the row's, or the live value from the cache while it is running."""
    if job.status != ImporJob.Status.BERJALAN:
        return 100 if job.status == ImporJob.Status.SELESAI else job.progres
    return max(job.progres, cache.get(_kunci_progres(job.pk)) or 0)


def impor_job_visible(user):
    """Jobs this user may see: his own; all of them for an admin BKD."""
    akses = akses_for(user)
    if akses.user_id is None:
        return ImporJob.objects.none()
    if akses.is_bkd:
        return ImporJob.objects.all()
    return ImporJob.objects.filter(dibuat_oleh_id=akses.user_id)


def impor_job_get_for_user(user, pk) -> ImporJob:
    job = impor_job_visible(user).select_related("dibuat_oleh").filter(pk=pk).first()
    if job is None:
        raise Http404(_("Impor tidak ditemukan."))
    return job
