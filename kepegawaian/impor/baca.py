"""Reading uploaded files (CSV or XLSX) into rows: the columns, the rows and the file-level errors.

Each CSV file or XLSX sheet is recognised by its header row (a ``nip`` column: employees; a ``kode`` column: units).
Row numbers are the ones the user sees in his spreadsheet (the header is row 1). Nothing here touches the database.

Another kind of import (the training history of ``pelatihan``) reads its own tables with the same reader: it passes
a ``FormatBerkas`` (its tables, recognised by a key column, and its two messages) to ``baca_berkas``; its rows land in
``DataImpor.tabel[nama]``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

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
    "aktif",
)
KOLOM_PEGAWAI_WAJIB = ("nip", "nama", "status", "golongan", "jabatan", "jenis_jabatan", "kode_unit")
EKSTENSI = (".csv", ".xlsx")
KODE_UNIT_POLA = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


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
    tabel: dict[str, list[Baris]] = field(default_factory=dict)  # the rows of another format's tables, by name

    @property
    def total_baris(self) -> int:
        return len(self.unit) + len(self.pegawai) + sum(len(b) for b in self.tabel.values())

    def baris_tabel(self, nama: str) -> list[Baris]:
        if nama == "unit":
            return self.unit
        if nama == "pegawai":
            return self.pegawai
        return self.tabel.setdefault(nama, [])


@dataclass(frozen=True)
class JenisTabel:
    """One table of a file format: recognised by its ``kunci`` column in the header row."""

    nama: str
    kunci: str
    kolom: tuple[str, ...]
    wajib: tuple[str, ...]


@dataclass(frozen=True)
class FormatBerkas:
    """The tables an import reads, and what to say when a header or the whole file holds none of them."""

    tabel: tuple[JenisTabel, ...]
    pesan_judul: Callable[[], str]
    pesan_kosong: Callable[[], str]


# --- Reading files --------------------------------------------------------------------------------------------


def _nama_kolom(judul: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _sel(judul).lower()).strip("_")


def _sel(nilai: object) -> str:
    """A cell as text. XLSX numbers come back as int/float: an integral float is written without ``.0``."""
    if nilai is None or nilai is RUMUS_TAK_DIHITUNG:
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


class _RumusTakDihitung:
    """A formula cell without a cached value (written by a program, never opened in Excel): openpyxl does not
    evaluate formulas, so the cell would read as empty."""


RUMUS_TAK_DIHITUNG = _RumusTakDihitung()


def _lembar_xlsx(isi: bytes) -> Iterator[tuple[str, Iterator[Iterable[object]]]]:
    from openpyxl import load_workbook

    nilai = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    rumus = load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    try:
        for lembar, lembar_rumus in zip(nilai.worksheets, rumus.worksheets, strict=True):
            yield lembar.title, _baris_xlsx(lembar, lembar_rumus)
    finally:
        nilai.close()
        rumus.close()


def _baris_xlsx(lembar, lembar_rumus) -> Iterator[list[object]]:
    """The sheet's rows, all of them: the ``<dimension>`` the file declares may lie (``reset_dimensions``), and a
    formula without a cached value becomes ``RUMUS_TAK_DIHITUNG``."""
    lembar.reset_dimensions()
    lembar_rumus.reset_dimensions()
    for sel, sel_rumus in zip(
        lembar.iter_rows(values_only=True), lembar_rumus.iter_rows(values_only=True), strict=False
    ):
        yield [
            RUMUS_TAK_DIHITUNG if v is None and isinstance(r, str) and r.startswith("=") else v
            for v, r in zip(sel, (*sel_rumus, *([None] * max(len(sel) - len(sel_rumus), 0))), strict=False)
        ]


def _tambah_tabel(
    data: DataImpor, lembar: str, baris_iter: Iterator[Iterable[object]], format_berkas: FormatBerkas
) -> None:
    judul = None
    for nomor, sel in enumerate(baris_iter, start=1):
        nilai = [_sel(v) for v in sel]
        if judul is None:
            if not any(nilai):
                continue  # blank lines above the header
            judul = [_nama_kolom(v) for v in nilai]
            jenis = _kenali_tabel(data, lembar, nomor, judul, format_berkas)
            if jenis is None:
                return
            tujuan = data.baris_tabel(jenis)
            continue
        if not any(nilai) and RUMUS_TAK_DIHITUNG not in sel:
            continue
        _periksa_sel(data, lembar, nomor, judul, sel, nilai)
        tujuan.append(Baris(lembar=lembar, nomor=nomor, nilai={k: v for k, v in zip(judul, nilai, strict=False) if k}))


def _periksa_sel(data: DataImpor, lembar: str, nomor: int, judul: list[str], sel, nilai: list[str]) -> None:
    """Cells that cannot be read as text become errors of their row (the import is then rejected with them)."""
    for kolom, asli, teks in zip(judul, sel, nilai, strict=False):
        if asli is RUMUS_TAK_DIHITUNG:
            data.kesalahan.append(
                Kesalahan(
                    lembar,
                    nomor,
                    kolom,
                    _(
                        "Sel berisi rumus (formula) yang tidak dihitung: rumus tidak dievaluasi saat impor. Buka dan "
                        "simpan berkas di Excel agar nilainya tersimpan, atau ganti rumus dengan nilainya."
                    ),
                )
            )
        elif "\x00" in teks:
            data.kesalahan.append(
                Kesalahan(lembar, nomor, kolom, _("Sel berisi karakter NUL (kode 0) yang tidak dapat disimpan."))
            )


def _kenali_tabel(
    data: DataImpor, lembar: str, nomor: int, judul: list[str], format_berkas: FormatBerkas
) -> str | None:
    """Which table this is (by its header), or None after recording why it cannot be read."""
    tabel = next((t for t in format_berkas.tabel if t.kunci in judul), None)
    if tabel is None:
        data.kesalahan.append(Kesalahan(lembar, nomor, "", format_berkas.pesan_judul()))
        return None
    jenis, kolom, wajib = tabel.nama, tabel.kolom, tabel.wajib
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


def _pesan_judul_kepegawaian() -> str:
    return _(
        "Baris judul tidak dikenali: data unit harus memuat kolom %(unit)s; data pegawai harus memuat "
        "kolom %(pegawai)s."
    ) % {"unit": ", ".join(KOLOM_UNIT_WAJIB), "pegawai": ", ".join(KOLOM_PEGAWAI_WAJIB)}


FORMAT_KEPEGAWAIAN = FormatBerkas(
    tabel=(
        JenisTabel("pegawai", "nip", KOLOM_PEGAWAI, KOLOM_PEGAWAI_WAJIB),
        JenisTabel("unit", "kode", KOLOM_UNIT, KOLOM_UNIT_WAJIB),
    ),
    pesan_judul=_pesan_judul_kepegawaian,
    pesan_kosong=lambda: _("Berkas tidak berisi data unit maupun pegawai."),
)


def baca_berkas(berkas: Iterable[tuple[str, IO[bytes]]], format_berkas: FormatBerkas = FORMAT_KEPEGAWAIAN) -> DataImpor:
    """Read CSV/XLSX files (name, binary file) into rows; unreadable files become errors, never exceptions.
    ``format_berkas``: the tables to look for (units and employees unless another import says otherwise)."""
    data = DataImpor()
    for nama, fileobj in berkas:
        nama = Path(nama).name
        ekstensi = Path(nama).suffix.lower()
        isi = fileobj.read()
        if ekstensi == ".csv":
            _tambah_tabel(data, nama, _baris_csv(isi), format_berkas)
        elif ekstensi == ".xlsx":
            try:
                for lembar, baris_iter in _lembar_xlsx(isi):
                    _tambah_tabel(data, lembar, baris_iter, format_berkas)
            except (zipfile.BadZipFile, KeyError, ValueError, OSError):
                data.kesalahan.append(
                    Kesalahan(nama, 0, "", _("Berkas XLSX tidak dapat dibaca. Simpan ulang sebagai Excel (.xlsx).")),
                )
        else:
            data.kesalahan.append(Kesalahan(nama, 0, "", _("Format berkas harus CSV atau XLSX.")))
    if not data.kesalahan and not data.total_baris:
        data.kesalahan.append(Kesalahan("", 0, "", format_berkas.pesan_kosong()))
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
            # Counted, not read from <dimension>: a file may declare 2 rows and hold 100,000.
            lembar.reset_dimensions()
            yield sum(1 for r in lembar.iter_rows(values_only=True) if any(v is not None for v in r))
    finally:
        buku.close()
