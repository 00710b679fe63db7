"""The evaluation documents (domain.md "Evaluation documents"), one body template each, rendered as the HTML page and
as the PDF (xhtml2pdf) from the same template:

- ``evaluasi``: "Evaluasi Kinerja Pegawai" — the pegawai and the pejabat penilai, the period, the organisation's
  capaian (predikat kinerja organisasi) and its pola distribusi, the hasil kerja table (RHK atasan / perspektif, RHK,
  aspek, IKI, target, realisasi, umpan balik) split Utama / Tambahan, the ratings, perilaku kerja with feedback, the
  predikat; signed by the pejabat penilai;
- ``dokumen``: "Dokumen Evaluasi Kinerja Pegawai" — the pegawai, the pejabat penilai, the atasan pejabat penilai, the
  evaluation (organisation predikat, predikat), catatan / rekomendasi, the objection's decision; signature blocks for
  the pegawai and the pejabat penilai.
A result changed by an objection decision or a calibration is read live, so the documents always show it.
"""

import io
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import Pegawai
from penilaian import access, selectors
from penilaian.models import Evaluasi, PredikatUnit

DOKUMEN = {
    "evaluasi": _("Evaluasi Kinerja Pegawai"),
    "dokumen": _("Dokumen Evaluasi Kinerja Pegawai"),
}


def _orang(p: Pegawai | None) -> dict:
    if p is None:
        return {"nama": "—", "nip": "—", "golongan": "—", "jabatan": "—", "unit": "—"}
    return {
        "nama": p.nama,
        "nip": p.nip,
        "golongan": p.get_golongan_display(),
        "jabatan": p.jabatan.nama,
        "unit": p.unit.nama,
    }


def konteks_dokumen(*, evaluasi: Evaluasi, jenis: str) -> dict:
    """Everything both renderings need. ``jenis`` is a key of ``DOKUMEN`` (else ``KeyError``)."""
    judul = DOKUMEN[jenis]
    lembar = selectors.evaluasi_lembar(evaluasi=evaluasi)
    penilai = Pegawai.objects.select_related("jabatan", "unit", "atasan__jabatan", "atasan__unit").get(
        pk=evaluasi.penilai_id
    )
    pegawai = evaluasi.pegawai
    predikat_unit = PredikatUnit.objects.filter(
        unit_id=pegawai.unit_id, periode_id=evaluasi.periode_id, periode_ke=evaluasi.periode_ke
    ).first()
    distribusi = (
        selectors.distribusi_unit(unit=pegawai.unit, periode=evaluasi.periode)
        if evaluasi.jenis == Evaluasi.Jenis.TAHUNAN
        else None
    )
    keberatan = getattr(evaluasi, "keberatan", None) if access.punya_keberatan(evaluasi) else None
    tanggal = evaluasi.difinalkan_pada or timezone.now()
    return {
        "judul": judul,
        "jenis": jenis,
        "evaluasi": evaluasi,
        "lembar": lembar,
        "pegawai": _orang(pegawai),
        "penilai": {**_orang(penilai), "nama": evaluasi.penilai_nama, "nip": evaluasi.penilai_nip},
        "atasan_penilai": _orang(penilai.atasan),
        "predikat_unit": predikat_unit,
        "distribusi": distribusi,
        "keberatan": keberatan,
        "tempat": pegawai.unit.nama,
        "tanggal": date_format(timezone.localtime(tanggal), "j F Y"),
        "dicetak": date_format(timezone.localtime(), "j F Y H:i"),
    }


def dokumen_pdf(*, evaluasi: Evaluasi, jenis: str) -> bytes:
    """The document as a PDF, from the body template the HTML page includes."""
    from xhtml2pdf import pisa

    html = render_to_string("penilaian/dokumen_pdf.html", konteks_dokumen(evaluasi=evaluasi, jenis=jenis))
    out = io.BytesIO()
    hasil = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if hasil.err:
        raise RuntimeError(f"PDF {jenis} evaluasi #{evaluasi.pk} gagal dibuat ({hasil.err} kesalahan)")
    return out.getvalue()


def nama_berkas(*, evaluasi: Evaluasi, jenis: str) -> str:
    ke = "tahunan" if evaluasi.periode_ke is None else f"ke{evaluasi.periode_ke}"
    nama = re.sub(r"[^A-Za-z0-9]+", "-", evaluasi.pegawai.nama).strip("-").lower() or "pegawai"
    return f"{jenis}-kinerja-{evaluasi.periode.tahun}-{ke}-{nama}.pdf"
