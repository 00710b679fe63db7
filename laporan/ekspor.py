"""Downloads and open data of published reports: CSV and JSON of every table, the PDF (the page's own template),
and the catalogue metadata (CKAN-like package fields, DCAT JSON-LD).

CSV is UTF-8 with a BOM (spreadsheets open it right), one header row of the documented column keys; a text cell
starting with ``= + - @`` (or a tab / carriage return) is prefixed with ``'`` so that no spreadsheet runs it as
a formula. All of it reads the snapshot only.
"""

import base64
import csv
import io
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from laporan import grafik, tabel
from laporan.models import Laporan, VersiLaporan

_BAHAYA = ("=", "+", "-", "@", "\t", "\r")
_ANGKA = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # the snapshot's own decimals ("-3.00"), not a formula


def sel_aman(nilai):
    """A CSV cell that no spreadsheet executes: ``=HYPERLINK(...)`` → ``'=HYPERLINK(...)``. Numbers stay numbers
    (a negative number written as text by the snapshot, ``"-3.00"``, is a number, not a formula)."""
    if isinstance(nilai, str) and nilai.startswith(_BAHAYA) and not _ANGKA.fullmatch(nilai):
        return "'" + nilai
    return nilai


def tabel_csv(data: dict, kunci: str) -> bytes:
    definisi = tabel.TABEL[kunci]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([k.kunci for k in definisi.kolom])
    for baris in tabel.baris_tabel(data, kunci):
        w.writerow(["" if v is None else sel_aman(v) for v in baris])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tabel_json(data: dict, kunci: str, *, laporan: Laporan, versi: VersiLaporan) -> dict:
    definisi = tabel.TABEL[kunci]
    return {
        "judul": str(definisi.judul),
        "keterangan": str(definisi.keterangan),
        "unit": data.get("unit"),
        "tahun": data.get("tahun"),
        "versi": versi.nomor,
        "dihasilkan_pada": versi.dibuat_pada.isoformat(),
        "lisensi": settings.LAPORAN_LISENSI["url"],
        "kolom": [{"kunci": k.kunci, "judul": str(k.judul), "keterangan": str(k.keterangan), "tipe": k.tipe}
                  for k in definisi.kolom],
        "baris": [dict(zip([k.kunci for k in definisi.kolom], b, strict=False))
                  for b in tabel.baris_tabel(data, kunci)],
    }  # fmt: skip


# --- PDF ----------------------------------------------------------------------------------------------------------


def pdf(*, laporan: Laporan, versi: VersiLaporan, konteks: dict) -> bytes:
    """The PDF of a version: the page's template (``laporan/_isi.html``) with the charts as PNG, kept in the storage
    after the first download (the snapshot never changes)."""
    path = f"{versi.folder_berkas}/laporan-{laporan.unit.kode}-{laporan.tahun}-v{versi.nomor}.pdf"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as f:
            return f.read()
    from xhtml2pdf import pisa

    gambar = {}
    for nama in grafik.GRAFIK:
        png = grafik.berkas(versi, nama, "png")
        if png:
            gambar[nama] = "data:image/png;base64," + base64.b64encode(png).decode()
    html = render_to_string(
        "laporan/pdf.html", {**konteks, "pdf": True, "gambar_png": gambar, "dicetak": timezone.localtime()}
    )
    out = io.BytesIO()
    hasil = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if hasil.err:
        raise RuntimeError(f"PDF laporan #{laporan.pk} v{versi.nomor} gagal dibuat ({hasil.err} kesalahan)")
    isi = out.getvalue()
    default_storage.save(path, ContentFile(isi))
    return isi


# --- open data catalogue ------------------------------------------------------------------------------------------


def _url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def dataset(request, laporan: Laporan) -> dict:
    """One published report as a CKAN package (the fields CKAN portals use: name, title, notes, organization,
    tags, license_id, resources, metadata_created/modified)."""
    versi = laporan.versi_publik
    assert versi is not None
    unit = laporan.unit
    resources = []
    for kunci, definisi in tabel.TABEL.items():
        for fmt in ("csv", "json"):
            resources.append(
                {
                    "name": f"{definisi.judul} ({fmt.upper()})",
                    "description": str(definisi.keterangan),
                    "format": fmt.upper(),
                    "mimetype": "text/csv" if fmt == "csv" else "application/json",
                    "url": _url(request, f"laporan:tabel-{fmt}", laporan.pk, kunci),
                    "kolom": [{"kunci": k.kunci, "judul": str(k.judul), "tipe": k.tipe} for k in definisi.kolom],
                }
            )
    resources.append(
        {
            "name": _("Laporan lengkap (PDF)"),
            "format": "PDF",
            "mimetype": "application/pdf",
            "url": _url(request, "laporan:pdf", laporan.pk),
        }
    )
    return {
        "name": f"laporan-kinerja-{unit.kode.lower()}-{laporan.tahun}",
        "title": _("Laporan Kinerja %(unit)s Tahun %(tahun)s") % {"unit": unit.nama, "tahun": laporan.tahun},
        "notes": _(
            "Laporan akuntabilitas kinerja tahunan (LKjIP) %(unit)s: capaian indikator kinerja, sebaran predikat "
            "pegawai, kepatuhan pengembangan kompetensi dan layanan pengaduan. Hanya angka agregat; kelompok kecil "
            "disembunyikan."
        )
        % {"unit": unit.nama},
        "organization": {"name": unit.kode.lower(), "title": unit.nama},
        "tags": [{"name": t} for t in ("kinerja", "lkjip", "sakip", "asn", str(laporan.tahun))],
        "license_id": settings.LAPORAN_LISENSI["id"],
        "license_title": settings.LAPORAN_LISENSI["judul"],
        "license_url": settings.LAPORAN_LISENSI["url"],
        "url": _url(request, "laporan:detail", laporan.pk),
        "version": str(versi.nomor),
        "metadata_created": (versi.terbit_pada or versi.dibuat_pada).isoformat(),
        "metadata_modified": versi.dibuat_pada.isoformat(),
        "resources": resources,
    }


def dcat(request, daftar: list[Laporan]) -> dict:
    """The catalogue as DCAT in JSON-LD (dcat:Catalog of dcat:Dataset with dcat:Distribution), for harvesting."""
    lisensi = settings.LAPORAN_LISENSI["url"]
    datasets = []
    for laporan in daftar:
        paket = dataset(request, laporan)
        datasets.append(
            {
                "@id": paket["url"],
                "@type": "dcat:Dataset",
                "dct:identifier": paket["name"],
                "dct:title": paket["title"],
                "dct:description": paket["notes"],
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": laporan.unit.nama},
                "dct:issued": paket["metadata_created"],
                "dct:modified": paket["metadata_modified"],
                "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{laporan.tahun}-01-01",
                                 "dcat:endDate": f"{laporan.tahun}-12-31"},
                "dct:license": {"@id": lisensi},
                "dcat:keyword": [t["name"] for t in paket["tags"]],
                "dcat:landingPage": {"@id": paket["url"]},
                "dcat:distribution": [
                    {"@type": "dcat:Distribution", "dct:title": r["name"], "dcat:accessURL": {"@id": r["url"]},
                     "dcat:downloadURL": {"@id": r["url"]}, "dcat:mediaType": r["mimetype"],
                     "dct:format": r["format"], "dct:license": {"@id": lisensi}}
                    for r in paket["resources"]
                ],
            }
        )  # fmt: skip
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": _url(request, "laporan:dcat"),
        "@type": "dcat:Catalog",
        "dct:title": _("Katalog data terbuka laporan kinerja"),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": settings.LAPORAN_PENERBIT},
        "dct:license": {"@id": lisensi},
        "dcat:dataset": datasets,
    }
