"""Complaint photos: checked by content (Pillow decodes them, whatever the name or the declared type says) and
re-encoded, so that the stored file carries no EXIF (camera, time, **GPS position**) unless the citizen chose to
keep the location. The re-encoded bytes are what is stored; the upload itself is never kept."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from kinerja.berkas import nama_berkas_bersih

MAKS_FOTO = 3
MAKS_UKURAN_FOTO = 5 * 1024 * 1024  # bytes per uploaded photo
MAKS_PIKSEL = 40_000_000  # a decompression bomb is refused before decoding
SISI_MAKS = 2560  # stored photos are scaled down to this longest side
FORMAT_DITERIMA = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
GPS_IFD = 0x8825


@dataclass(frozen=True)
class FotoBersih:
    berkas: ContentFile
    tipe: str
    lebar: int
    tinggi: int


def _tolak(nama: str) -> ValidationError:
    return ValidationError(
        {"foto": [_("Berkas %(nama)s bukan gambar JPEG, PNG atau WebP yang dapat dibaca.") % {"nama": nama}]}
    )


def foto_check(berkas) -> None:
    """Refuse (``ValidationError`` on ``foto``) a file that is too big or is not really a JPEG/PNG/WebP image."""
    nama = nama_berkas_bersih(getattr(berkas, "name", ""), "foto")
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > MAKS_UKURAN_FOTO:
        raise ValidationError(
            {
                "foto": [
                    _("Foto %(nama)s terlalu besar: paling besar %(mb)d MB per foto.")
                    % {"nama": nama, "mb": MAKS_UKURAN_FOTO // (1024 * 1024)}
                ]
            }
        )
    berkas.seek(0)
    try:
        with Image.open(berkas) as img:
            if img.format not in FORMAT_DITERIMA:
                raise _tolak(nama)
            if img.width * img.height > MAKS_PIKSEL:
                raise _tolak(nama)
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _tolak(nama) from exc
    finally:
        berkas.seek(0)


def foto_clean(berkas, *, simpan_lokasi: bool) -> FotoBersih:
    """The photo decoded and written again: orientation applied, scaled to ``SISI_MAKS``, every metadata block
    dropped; with ``simpan_lokasi`` the original EXIF (with its GPS block) is written back unchanged."""
    foto_check(berkas)
    nama = nama_berkas_bersih(getattr(berkas, "name", ""), "foto")
    try:
        with Image.open(berkas) as asli:
            fmt = asli.format or "JPEG"
            exif = asli.getexif()
            img = ImageOps.exif_transpose(asli) or asli
            img.thumbnail((SISI_MAKS, SISI_MAKS))
            if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            keluar = io.BytesIO()
            opsi: dict = {}
            if simpan_lokasi and exif:
                # Orientation is already applied to the pixels: keep the rest, GPS included, as the citizen chose.
                exif.pop(0x0112, None)
                opsi["exif"] = exif.tobytes()
            if fmt == "JPEG":
                opsi["quality"] = 85
            img.save(keluar, format=fmt, **opsi)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise _tolak(nama) from exc
    tipe, ekstensi = FORMAT_DITERIMA[fmt]
    return FotoBersih(
        berkas=ContentFile(keluar.getvalue(), name=f"foto.{ekstensi}"), tipe=tipe, lebar=img.width, tinggi=img.height
    )
