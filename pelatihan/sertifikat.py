"""The certificate of a completed training: a PDF (xhtml2pdf) with its verification code and a QR code (segno)
pointing to the public verification page, which shows the name, programme, dates and JP, nothing more."""

import io
from dataclasses import dataclass

import segno
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pelatihan.models import Peserta
from pelatihan.services.hasil import kode_normal


@dataclass(frozen=True)
class Verifikasi:
    """What the public may read of a certificate."""

    kode: str
    nama: str
    program: str
    tanggal_mulai: object
    tanggal_selesai: object
    jp: int


def sertifikat_check(kode: str) -> Verifikasi:
    """The public check of a verification code: the four facts, or a 404 with a plain message."""
    row = (
        # Only what Kinerja issued: an imported completion has no code, and is never verified as Kinerja's
        Peserta.objects.filter(kode_verifikasi=kode_normal(kode), selesai=True, asal=Peserta.Asal.KINERJA)
        .values(
            "kode_verifikasi",
            "pegawai__nama",
            "kegiatan__program__judul",
            "kegiatan__tanggal_mulai",
            "kegiatan__tanggal_selesai",
            "jp",
        )
        .first()
    )
    if row is None:
        raise Http404(_("Kode verifikasi tidak dikenal: tidak ada sertifikat pelatihan dengan kode ini."))
    return Verifikasi(
        kode=row["kode_verifikasi"] or "",
        nama=row["pegawai__nama"],
        program=row["kegiatan__program__judul"],
        tanggal_mulai=row["kegiatan__tanggal_mulai"],
        tanggal_selesai=row["kegiatan__tanggal_selesai"],
        jp=row["jp"],
    )


def require_selesai(peserta: Peserta) -> None:
    """A certificate exists: the training was completed and recorded by Kinerja (400 otherwise)."""
    if not peserta.selesai:
        raise ValidationError(_("Sertifikat hanya tersedia setelah pelatihan dinyatakan selesai oleh penyelenggara."))
    if not peserta.bersertifikat:
        raise ValidationError(
            _(
                "Pelatihan ini dicatat dari impor riwayat: Kinerja tidak menerbitkan sertifikatnya. Bukti yang "
                "tercatat: %(bukti)s."
            )
            % {"bukti": peserta.bukti_impor or peserta.sumber_impor or _("tidak ada")}
        )


def sertifikat_pdf(*, peserta: Peserta, url_verifikasi: str) -> bytes:
    """Render the certificate. The caller passed the access check; outside any transaction (slow I/O)."""
    from xhtml2pdf import pisa

    require_selesai(peserta)
    qr = segno.make(url_verifikasi, error="m").png_data_uri(scale=4, border=2)
    html = render_to_string(
        "pelatihan/sertifikat_pdf.html",
        {
            "peserta": peserta,
            "kegiatan": peserta.kegiatan,
            "program": peserta.kegiatan.program,
            "qr": qr,
            "url": url_verifikasi,
        },
    )
    out = io.BytesIO()
    hasil = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if hasil.err:
        raise RuntimeError("xhtml2pdf gagal membuat sertifikat")
    return out.getvalue()


def nama_berkas(peserta: Peserta) -> str:
    return f"sertifikat-{peserta.kode_verifikasi}.pdf"
