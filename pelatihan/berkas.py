"""The check of an external-training certificate file: PDF, JPEG or PNG by its CONTENT (magic bytes), never its
name; at most ``MAKS_UKURAN``; its SHA-256 stored.

A small copy of the idea of ``indikator.bukti.periksa_berkas`` rather than an import of it: the architecture lets
``pelatihan`` import only ``penilaian`` and ``kepegawaian``, and a certificate accepts fewer types (no XLSX/DOCX).
"""

import hashlib
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kinerja.berkas import MIME_PDF, nama_berkas_bersih

MAKS_UKURAN = 10 * 1024 * 1024
MIME_JPEG = "image/jpeg"
MIME_PNG = "image/png"
TIPE_DIIZINKAN = {MIME_PDF: "pdf", MIME_JPEG: "jpg", MIME_PNG: "png"}


@dataclass(frozen=True)
class Sertifikat:
    tipe: str
    ekstensi: str
    sha256: str
    ukuran: int
    nama_asli: str


def sertifikat_periksa(berkas) -> Sertifikat:
    """Check an uploaded certificate; raise ``ValidationError`` (field ``berkas``) in Indonesian. Leaves it rewound."""
    nama_asli = nama_berkas_bersih(getattr(berkas, "name", ""), "sertifikat")
    ukuran = getattr(berkas, "size", None)
    if ukuran is None:
        berkas.seek(0, 2)
        ukuran = berkas.tell()
    if not ukuran:
        raise ValidationError({"berkas": _("Berkas sertifikat kosong.")})
    if ukuran > MAKS_UKURAN:
        raise ValidationError({"berkas": _("Berkas sertifikat terlalu besar; paling besar 10 MB.")})
    berkas.seek(0)
    kepala = berkas.read(8192)
    jenis = filetype.guess(kepala)
    tipe = jenis.mime if jenis is not None else None
    if tipe == MIME_PDF and not kepala.startswith(b"%PDF-"):
        tipe = None
    if tipe not in TIPE_DIIZINKAN:
        raise ValidationError(
            {
                "berkas": _(
                    "Berkas “%(nama)s” bukan PDF, JPEG atau PNG (jenis berkas diperiksa dari isinya, bukan namanya)."
                )
                % {"nama": nama_asli}
            }
        )
    berkas.seek(0)
    h = hashlib.sha256()
    for chunk in iter(lambda: berkas.read(64 * 1024), b""):
        h.update(chunk)
    berkas.seek(0)
    return Sertifikat(
        tipe=tipe, ekstensi=TIPE_DIIZINKAN[tipe], sha256=h.hexdigest(), ukuran=int(ukuran), nama_asli=nama_asli
    )
