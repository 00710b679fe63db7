"""Exports of indikator: one SKP as the official-style document (PDF, xhtml2pdf) and a team's realisation (XLSX).

Both read through ``indikator.selectors`` (a constant number of queries) and return bytes; the caller decides
how to deliver them. They never run inside a transaction (rendering is slow I/O).
"""

import io
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indikator import selectors
from indikator.capaian import capaian_iki
from indikator.models import EkspektasiPerilaku, Iki, PeriodePenilaian, Realisasi, Rhk, Skp
from kepegawaian.models import Pegawai


def nama_berkas_skp(skp: Skp) -> str:
    nip = skp.pegawai.nip
    return f"skp-{skp.periode.tahun}-{nip}-revisi-{skp.revisi}.pdf"


def _orang(*, nama, nip, golongan, jabatan, unit) -> dict:
    return {"nama": nama, "nip": nip, "golongan": golongan, "jabatan": jabatan, "unit": unit}


def kepala_skp(skp: Skp) -> dict:
    """The two people of the header: the snapshots taken at approval, or the live data of a draft."""
    if skp.pegawai_nama:
        pegawai = _orang(
            nama=skp.pegawai_nama,
            nip=skp.pegawai.nip,
            golongan=skp.pegawai_golongan,
            jabatan=skp.pegawai_jabatan,
            unit=skp.pegawai_unit,
        )
    else:
        p = skp.pegawai
        pegawai = _orang(
            nama=p.nama, nip=p.nip, golongan=p.get_golongan_display(), jabatan=p.jabatan.nama, unit=p.unit.nama
        )
    if skp.penilai_nama:
        penilai = _orang(
            nama=skp.penilai_nama,
            nip=skp.penilai_nip,
            golongan=skp.penilai_golongan,
            jabatan=skp.penilai_jabatan,
            unit=skp.penilai_unit,
        )
    elif (a := skp.pegawai.atasan) is not None:
        penilai = _orang(
            nama=a.nama, nip=a.nip, golongan=a.get_golongan_display(), jabatan=a.jabatan.nama, unit=a.unit.nama
        )
    else:
        penilai = _orang(nama="—", nip="—", golongan="—", jabatan="—", unit="—")
    return {"pegawai": pegawai, "penilai": penilai}


def skp_pdf(*, skp: Skp) -> bytes:
    """The SKP as a PDF in the layout of the official form: header with the pegawai and the penilai, period,
    RHK/IKI/target table (utama, tambahan), perilaku kerja with ekspektasi, lampiran, signature block."""
    from xhtml2pdf import pisa

    lembar = selectors.skp_lembar(skp=skp)
    ekspektasi = {e.nilai: e.ekspektasi_khusus for e in lembar.ekspektasi_list}
    perilaku = [
        {
            "label": label,
            "pedoman": [str(p) for p in EkspektasiPerilaku(nilai=nilai).pedoman],
            "ekspektasi": ekspektasi.get(nilai, ""),
        }
        for nilai, label in EkspektasiPerilaku.Nilai.choices
    ]
    tanggal = lembar.disetujui_pada or timezone.now()
    context = {
        "skp": lembar,
        **kepala_skp(lembar),
        "kelompok": [
            (_("A. Utama"), [r for r in lembar.rhk_list if r.jenis == Rhk.Jenis.UTAMA]),
            (_("B. Tambahan"), [r for r in lembar.rhk_list if r.jenis == Rhk.Jenis.TAMBAHAN]),
        ],
        "perilaku": perilaku,
        "tanggal": date_format(timezone.localtime(tanggal), "j F Y"),
        "dicetak": date_format(timezone.localtime(), "j F Y H:i"),
    }
    html = render_to_string("indikator/skp_pdf.html", context)
    out = io.BytesIO()
    hasil = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if hasil.err:
        raise RuntimeError(f"PDF SKP #{skp.pk} gagal dibuat ({hasil.err} kesalahan)")
    return out.getvalue()


# --- team realisation XLSX ------------------------------------------------------------------------------------------

_TIDAK_BOLEH_DI_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _sel(nilai):
    """Cell text: control characters removed, and a leading = + - @ neutralised (no formula injection)."""
    if isinstance(nilai, str):
        nilai = _TIDAK_BOLEH_DI_XLSX.sub("", nilai)
        if nilai[:1] in ("=", "+", "-", "@"):
            nilai = "'" + nilai
    return nilai


def tim_xlsx(*, penilai: Pegawai, periode: PeriodePenilaian) -> bytes:
    """A penilai's team for a period: a summary sheet (one row per subordinate) and a realisation sheet (one row
    per IKI with its value per month/quarter and capaian so far). A constant number of queries."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    baris_tim = selectors.tim_penilai(penilai=penilai, periode=periode)
    skp_ids = [b.skp.pk for b in baris_tim if b.skp]
    labels = [periode.label_periode_ke(ke) for ke in periode.daftar_periode_ke]

    wb = Workbook()
    kepala_font = Font(bold=True, color="FFFFFF")
    kepala_isi = PatternFill("solid", fgColor="0B4F8A")

    def kepala(ws, kolom):
        ws.append(kolom)
        for sel in ws[1]:
            sel.font, sel.fill = kepala_font, kepala_isi
            sel.alignment = Alignment(vertical="top", wrap_text=True)
        ws.freeze_panes = "A2"

    ringkas = wb.active
    ringkas.title = _("Ringkasan tim")[:31]
    kepala(
        ringkas,
        [_("Nama"), _("NIP"), _("Jabatan"), _("Status SKP"), _("Jumlah IKI"), *labels, _("Capaian s.d. kini (%)")],
    )
    for b in baris_tim:
        ringkas.append(
            [
                _sel(b.pegawai.nama),
                b.pegawai.nip,
                _sel(b.pegawai.jabatan.nama),
                str(b.status_skp),
                b.jumlah_iki,
                *[f"{s.terisi}/{s.jumlah_iki}" if s.dimulai else "" for s in b.sel],
                float(b.capaian.dibulatkan) if b.capaian.dibulatkan is not None else None,
            ]
        )

    rinci = wb.create_sheet(_("Realisasi")[:31])
    kepala(
        rinci,
        [_("Nama"), _("NIP"), _("RHK"), _("Indikator"), _("Satuan"), _("Target"), *labels, _("Capaian (%)")],
    )
    per_iki: dict[int, dict] = {}
    for iki_id, ke, nilai in Realisasi.objects.filter(iki__rhk__skp_id__in=skp_ids).values_list(
        "iki_id", "periode_ke", "nilai"
    ):
        per_iki.setdefault(iki_id, {})[ke] = nilai
    ikis = (
        Iki.objects.filter(rhk__skp_id__in=skp_ids)
        .select_related("rhk", "rhk__skp__pegawai")
        .order_by("rhk__skp__pegawai__nama", "rhk__jenis", "rhk__urutan", "rhk_id", "urutan", "pk")
    )
    for iki in ikis:
        per_ke = per_iki.get(iki.pk, {})
        terakhir = per_ke[max(per_ke)] if per_ke else None
        capaian = capaian_iki(iki, terakhir)
        rinci.append(
            [
                _sel(iki.rhk.skp.pegawai.nama),
                iki.rhk.skp.pegawai.nip,
                _sel(iki.rhk.uraian),
                _sel(iki.uraian),
                _sel(iki.satuan),
                _sel(iki.target_label),
                *[float(per_ke[ke]) if ke in per_ke else None for ke in periode.daftar_periode_ke],
                float(capaian.dibulatkan) if capaian.dibulatkan is not None else None,
            ]
        )
    for ws, lebar in ((ringkas, [28, 20, 28, 14, 10]), (rinci, [28, 20, 40, 40, 12, 16])):
        for i, w in enumerate(lebar, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = ["kepala_skp", "nama_berkas_skp", "skp_pdf", "tim_xlsx"]
