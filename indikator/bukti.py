"""Checks of an evidence file (bukti dukung): its type by CONTENT (magic bytes), never by its name; at most
10 MB; its SHA-256 hash, stored and shown to viewers so that anyone can verify a downloaded copy.

Accepted: PDF, JPEG, PNG, XLSX, DOCX. XLSX and DOCX are ZIP containers: the ZIP is opened and must hold the
parts of a workbook (``xl/workbook.xml``) or a document (``word/document.xml``).
"""

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from kinerja.berkas import MIME_PDF, MIME_XLSX, nama_berkas_bersih

MAKS_UKURAN = 10 * 1024 * 1024
_CHUNK = 64 * 1024

MIME_JPEG = "image/jpeg"
MIME_PNG = "image/png"
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: detected MIME type -> the extension the file is stored under
TIPE_DIIZINKAN = {MIME_PDF: "pdf", MIME_JPEG: "jpg", MIME_PNG: "png", MIME_XLSX: "xlsx", MIME_DOCX: "docx"}
LABEL_TIPE_DIIZINKAN = "PDF, JPEG, PNG, XLSX, DOCX"


@dataclass(frozen=True)
class BerkasTerperiksa:
    tipe: str
    ekstensi: str
    sha256: str
    ukuran: int
    nama_asli: str


def periksa_berkas(berkas) -> BerkasTerperiksa:
    """Check an uploaded file (a Django ``File``/``UploadedFile``); raise ``ValidationError`` in Indonesian.

    Reads the file in chunks (never whole into memory) and leaves it rewound."""
    nama_asli = nama_berkas_bersih(getattr(berkas, "name", ""), "berkas")
    ukuran = _ukuran(berkas)
    if ukuran == 0:
        raise ValidationError({"berkas": _("Berkas kosong.")}, code="kosong")
    if ukuran > MAKS_UKURAN:
        raise ValidationError(
            {
                "berkas": _("Berkas terlalu besar (%(mb)s MB); paling besar 10 MB.")
                % {"mb": f"{ukuran / 2**20:.1f}".replace(".", ",")}
            },
            code="terlalu_besar",
        )
    berkas.seek(0)
    kepala = berkas.read(8192)
    tipe = _tipe_dari_isi(berkas, kepala)
    if tipe not in TIPE_DIIZINKAN:
        raise ValidationError(
            {
                "berkas": _(
                    "Jenis berkas “%(nama)s” tidak diizinkan: isinya bukan %(jenis)s "
                    "(jenis berkas diperiksa dari isinya, bukan dari namanya)."
                )
                % {"nama": nama_asli, "jenis": LABEL_TIPE_DIIZINKAN}
            },
            code="jenis_tidak_diizinkan",
        )
    return BerkasTerperiksa(
        tipe=tipe, ekstensi=TIPE_DIIZINKAN[tipe], sha256=sha256_berkas(berkas), ukuran=ukuran, nama_asli=nama_asli
    )


def sha256_berkas(berkas) -> str:
    berkas.seek(0)
    h = hashlib.sha256()
    for chunk in iter(lambda: berkas.read(_CHUNK), b""):
        h.update(chunk)
    berkas.seek(0)
    return h.hexdigest()


def _ukuran(berkas) -> int:
    ukuran = getattr(berkas, "size", None)
    if ukuran is None:
        berkas.seek(0, 2)
        ukuran = berkas.tell()
    return int(ukuran)


def _tipe_dari_isi(berkas, kepala: bytes) -> str | None:
    if kepala.startswith(b"PK\x03\x04"):
        return _tipe_zip_office(berkas)
    jenis = filetype.guess(kepala)
    if jenis is None:
        return None
    if jenis.mime == MIME_PDF and not kepala.startswith(b"%PDF-"):
        return None
    return jenis.mime if jenis.mime in (MIME_PDF, MIME_JPEG, MIME_PNG) else None


def _tipe_zip_office(berkas) -> str | None:
    """A ZIP is accepted only as an Office Open XML workbook or document."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            nama = set(arsip.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        berkas.seek(0)
    if "[Content_Types].xml" not in nama:
        return None
    if "xl/workbook.xml" in nama:
        return MIME_XLSX
    if "word/document.xml" in nama:
        return MIME_DOCX
    return None


def bukti_file_response(bukti) -> FileResponse:
    """A stored evidence file as a download (HTML page and API alike): an attachment under its original name,
    with its checked content type, never sniffed. The caller has already passed the access check."""
    from indikator.models import BuktiDukung

    if bukti.jenis != BuktiDukung.Jenis.BERKAS or not bukti.berkas:
        raise Http404(_("Bukti dukung ini berupa tautan, bukan berkas."))
    try:
        handle = bukti.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas bukti dukung tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=bukti.nama_asli or f"bukti-{bukti.pk}")
    response["Content-Type"] = bukti.tipe or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    return response
