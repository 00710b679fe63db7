"""The evaluation documents (domain.md "Evaluation documents"), one body template each, rendered as the HTML page and
as the PDF (xhtml2pdf) from the same template:

- ``evaluasi``: "Evaluasi Kinerja Pegawai" — the pegawai and the pejabat penilai, the period, the organisation's
  capaian (predikat kinerja organisasi) and its pola distribusi, the hasil kerja table (RHK atasan / perspektif, RHK,
  aspek, IKI, target, realisasi, umpan balik) split Utama / Tambahan, the ratings, perilaku kerja with feedback, the
  predikat; signed by the pejabat penilai;
- ``dokumen``: "Dokumen Evaluasi Kinerja Pegawai" — the pegawai, the pejabat penilai, the atasan pejabat penilai, the
  evaluation (organisation predikat, predikat), catatan / rekomendasi, the objection's decision; signature blocks for
  the pegawai and the pejabat penilai;
- per unit, "Penetapan Predikat Kinerja" (domain.md "Ratings and predikat"): the unit's predikat kinerja organisasi
  for the year, the spread of its pegawai's annual predikat against the curve of that predikat, the rules it breaks
  and the leader's justification, the list of pegawai with their predikat, the signature block of the leader who sets
  it (recorded when the results were finalised). Before that it renders as a draft.
A result changed by an objection decision or a calibration is read live, so the documents always show it; the
Penetapan shows the spread as it was set and, when a later decision changed it, the spread now beside it.
"""

import io
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from indikator.models import PeriodePenilaian
from kepegawaian.models import Pegawai, UnitKerja
from penilaian import access, aturan, pengaturan, selectors
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


def konteks_dokumen(*, evaluasi: Evaluasi, jenis: str, tampil_rating: bool = True) -> dict:
    """Everything both renderings need. ``jenis`` is a key of ``DOKUMEN`` (else ``KeyError``); ``tampil_rating``
    as ``access.can_see_rating`` says for the reader (a draft's ratings are left out for its pegawai)."""
    judul = DOKUMEN[jenis]
    lembar = selectors.evaluasi_lembar(evaluasi=evaluasi, tampil_rating=tampil_rating)
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
        "isi": "penilaian/dokumen_isi.html",
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


def _pdf(konteks: dict, nama: str) -> bytes:
    """A PDF of ``konteks["isi"]`` (the body template the HTML page includes) inside the PDF frame."""
    from xhtml2pdf import pisa

    html = render_to_string("penilaian/dokumen_pdf.html", konteks)
    out = io.BytesIO()
    hasil = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if hasil.err:
        raise RuntimeError(f"PDF {nama} gagal dibuat ({hasil.err} kesalahan)")
    return out.getvalue()


def dokumen_pdf(*, evaluasi: Evaluasi, jenis: str, tampil_rating: bool = True) -> bytes:
    """The document as a PDF, from the body template the HTML page includes."""
    konteks = konteks_dokumen(evaluasi=evaluasi, jenis=jenis, tampil_rating=tampil_rating)
    return _pdf(konteks, f"{jenis} evaluasi #{evaluasi.pk}")


# --- Penetapan Predikat Kinerja (per unit) ----------------------------------------------------------------------

PENETAPAN = _("Penetapan Predikat Kinerja")


def konteks_penetapan(*, unit: UnitKerja, periode: PeriodePenilaian) -> dict:
    """Everything the page and the PDF of the unit's Penetapan Predikat Kinerja need: a constant number of queries
    whatever the number of pegawai."""
    d = selectors.distribusi_unit(unit=unit, periode=periode)
    penetapan = d.penetapan
    cara = pengaturan.kelompok_terbesar()
    if penetapan is not None:  # the spread and the rules as they were when the leader set them
        jumlah = {p: int(penetapan.jumlah.get(p, 0)) for p in aturan.Predikat.values}
        predikat_organisasi = penetapan.predikat_organisasi
        pelanggaran_teks = list(penetapan.pelanggaran)
        penandatangan = {
            "nama": penetapan.penandatangan_nama or "—",
            "nip": penetapan.penandatangan_nip,
            "jabatan": penetapan.penandatangan_jabatan,
        }
        tanggal = penetapan.ditetapkan_pada
    else:  # a draft: today's spread, the leader one level up as the one who will sign
        jumlah = d.jumlah
        predikat_organisasi = d.predikat_unit.predikat if d.predikat_unit else ""
        pelanggaran_teks = [p.pesan for p in d.pelanggaran]
        orang = selectors.penandatangan_penetapan(unit=unit)
        penandatangan = {**orang, "nama": orang["nama"] or "—"}
        tanggal = timezone.now()
    dilanggar = (
        {
            p
            for pel in aturan.periksa_distribusi(predikat_organisasi, jumlah, kelompok_terbesar=cara)
            for p in pel.predikat
        }
        if predikat_organisasi
        else set()
    )
    kurva = aturan.kurva_per_predikat(predikat_organisasi) if predikat_organisasi else {}
    berubah = penetapan is not None and jumlah != d.jumlah
    return {
        "judul": PENETAPAN,
        "isi": "penilaian/penetapan_isi.html",
        "unit": unit,
        "periode": periode,
        "penetapan": penetapan,
        "predikat_organisasi": aturan.PredikatOrganisasi(predikat_organisasi).label if predikat_organisasi else "",
        "dasar": d.predikat_unit.catatan if d.predikat_unit else "",
        "batang": selectors.batang_sebaran(jumlah, kurva, dilanggar),
        "total": sum(jumlah.values()),
        "pelanggaran": pelanggaran_teks,
        "batang_kini": selectors.batang_sebaran(d.jumlah) if berubah else [],
        "total_kini": d.total,
        "draf": d.draf,
        "lampiran": (lampiran := selectors.penetapan_lampiran(unit=unit, periode=periode)),
        "ada_diubah_keberatan": any(b.diubah_keberatan for b in lampiran),  # the footnote only where a * is
        "penandatangan": penandatangan,
        "tempat": unit.nama,
        "tanggal": date_format(timezone.localtime(tanggal), "j F Y"),
        "dicetak": date_format(timezone.localtime(), "j F Y H:i"),
    }


def penetapan_pdf(*, unit: UnitKerja, periode: PeriodePenilaian) -> bytes:
    return _pdf(konteks_penetapan(unit=unit, periode=periode), f"penetapan unit #{unit.pk}")


def nama_berkas_penetapan(*, unit: UnitKerja, periode: PeriodePenilaian) -> str:
    kode = re.sub(r"[^A-Za-z0-9]+", "-", unit.kode).strip("-").lower() or str(unit.pk)
    return f"penetapan-predikat-kinerja-{periode.tahun}-{kode}.pdf"


def nama_berkas(*, evaluasi: Evaluasi, jenis: str) -> str:
    ke = "tahunan" if evaluasi.periode_ke is None else f"ke{evaluasi.periode_ke}"
    nama = re.sub(r"[^A-Za-z0-9]+", "-", evaluasi.pegawai.nama).strip("-").lower() or "pegawai"
    return f"{jenis}-kinerja-{evaluasi.periode.tahun}-{ke}-{nama}.pdf"
