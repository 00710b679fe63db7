"""File types every app names the same way (downloads, uploads, content checks)."""

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PDF = "application/pdf"
MIME_CSV = "text/csv"

# Unicode categories removed from uploaded file names: control characters (Cc: NUL, newline, ESC …), format
# characters (Cf: the bidi overrides and isolates U+202A–U+202E, U+2066–U+2069, U+200E/F, zero-width ones, the
# BOM), line/paragraph separators (Zl, Zp), surrogates (Cs) and unassigned code points (Cn).
_KATEGORI_BUANG = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})


def nama_berkas_bersih(nama: str | None, cadangan: str = "berkas", maks: int = 255) -> str:
    """An uploaded file's name made safe to show and to serve: the last path component, NFC-normalised, without
    control and bidi characters (``laporan\\u202efdp.exe`` would show as ``laporanexe.pdf``), whitespace runs as
    one space, at most ``maks`` characters with the extension kept; ``cadangan`` when nothing is left.

    Used on upload by every app that keeps an original name: indikator (bukti dukung), pelatihan (certificates),
    partisipasi (complaint photos)."""
    import unicodedata

    dasar = (nama or "").replace("\\", "/").rsplit("/", 1)[-1]
    dasar = unicodedata.normalize("NFC", dasar)
    dasar = "".join(ch for ch in dasar if unicodedata.category(ch) not in _KATEGORI_BUANG)
    dasar = " ".join(dasar.split()).strip(" .")
    if not dasar:
        return cadangan
    if len(dasar) <= maks:
        return dasar
    akar, titik, ekstensi = dasar.rpartition(".")
    if titik and 0 < len(ekstensi) < 16:
        return akar[: maks - len(ekstensi) - 1] + "." + ekstensi
    return dasar[:maks]
