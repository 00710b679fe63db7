"""The public site of the annual reports: no login, published snapshots only, cacheable (ETag / Last-Modified)."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from laporan import ekspor, grafik, selectors, tabel
from laporan.models import Laporan, StatusVersi, VersiLaporan

PER_HALAMAN = 30


def _int(nilai) -> int | None:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return None


@require_GET
def daftar(request):
    """Published reports, filterable by year and unit (its subtree), the province summary first."""
    tahun, unit_id, q = _int(request.GET.get("tahun")), _int(request.GET.get("unit")), request.GET.get("q", "")[:100]
    halaman = Paginator(selectors.laporan_terbit(tahun=tahun, unit_id=unit_id, q=q), PER_HALAMAN).get_page(
        request.GET.get("hal")
    )
    return render(
        request,
        "laporan/daftar.html",
        {
            "halaman": halaman,
            "tahun_pilihan": selectors.tahun_terbit(),
            "unit_pilihan": selectors.unit_terbit(),
            "tahun": tahun,
            "unit_id": unit_id,
            "q": q,
        },
    )


def _validator(versi: VersiLaporan, tambahan: str = "") -> tuple[str, float]:
    """ETag from the snapshot's data version and state (the language too: the page is translated; ``tambahan``:
    what else the page shows, e.g. the previous year's published version it compares with)."""
    diubah = max(t for t in (versi.dibuat_pada, versi.terbit_pada, versi.ditarik_pada) if t is not None)
    etag = f'"{versi.versi_data[:24]}-{versi.nomor}-{versi.status}-{get_language()}{tambahan}"'
    return etag, diubah.timestamp()


def _bersyarat(request, versi: VersiLaporan, buat, tambahan: str = ""):
    """Answer 304 when the client has this snapshot already; otherwise ``buat()`` with the validators set."""
    etag, diubah = _validator(versi, tambahan)
    jawab = get_conditional_response(request, etag=etag, last_modified=int(diubah))
    if jawab is None:
        jawab = buat()
    jawab["ETag"] = etag
    jawab["Last-Modified"] = http_date(diubah)
    patch_cache_control(jawab, public=True, max_age=300)
    patch_vary_headers(jawab, ["Accept-Language", "Cookie"])
    return jawab


def _konteks(laporan: Laporan, versi: VersiLaporan, *, banding: Laporan | None = None) -> dict:
    """What the page and the PDF show: headline figures, chapters, tables with labels, charts' text."""
    data = versi.data
    tabel_tampil = []
    for kunci, definisi in tabel.TABEL.items():
        baris = [[tabel.label_sel(kunci, i, v) for i, v in enumerate(b)] for b in tabel.baris_tabel(data, kunci)]
        tabel_tampil.append({"kunci": kunci, "def": definisi, "baris": baris})
    grafik_list = []
    for nama in grafik.GRAFIK:
        s = grafik.seri(data, nama)
        if s is not None:
            grafik_list.append({"nama": nama, "judul": s.judul, "alt": s.alt})
    ringkasan_lalu = banding.versi_publik.data.get("ringkasan", {}) if banding and banding.versi_publik else None
    return {
        "laporan": laporan,
        "versi": versi,
        "data": data,
        "bab": data.get("bab", {}),
        "ringkasan": data.get("ringkasan", {}),
        "ringkasan_lalu": ringkasan_lalu,
        "banding": banding,
        "tabel_list": tabel_tampil,
        "tabel_dict": {t["kunci"]: t for t in tabel_tampil},
        "grafik_list": grafik_list,
    }


@require_GET
def detail(request, pk: int, nomor: int | None = None):
    """A published report (or an earlier published version); a withdrawn one shows only the public reason."""
    laporan = selectors.laporan_publik_get(pk)
    versi = selectors.versi_publik_get(laporan, nomor)
    banding = selectors.laporan_tahun_lalu(laporan) if versi.status == StatusVersi.TERBIT else None

    def buat():
        konteks: dict = {"riwayat": selectors.versi_riwayat(laporan)}
        if versi.status == StatusVersi.TERBIT:
            konteks |= _konteks(laporan, versi, banding=banding)
        else:
            konteks |= {"laporan": laporan, "versi": versi}
        return render(request, "laporan/detail.html", konteks)

    return _bersyarat(request, versi, buat, tambahan=f"-b{banding.versi_publik_id}" if banding else "")


def _terbit(pk: int) -> tuple[Laporan, VersiLaporan]:
    laporan = selectors.laporan_publik_get(pk)
    versi = laporan.versi_publik
    if versi is None or versi.status != StatusVersi.TERBIT:
        raise Http404(_("Laporan ini sudah ditarik."))
    return laporan, versi


def _kunci_tabel(kunci: str) -> str:
    if kunci not in tabel.TABEL:
        raise Http404(_("Tabel tidak ditemukan."))
    return kunci


def _nama_berkas(laporan: Laporan, kunci: str, ext: str) -> str:
    return f"laporan-{laporan.unit.kode.lower()}-{laporan.tahun}-{kunci}.{ext}"


@require_GET
def tabel_csv(request, pk: int, kunci: str):
    laporan, versi = _terbit(pk)
    kunci = _kunci_tabel(kunci)

    def buat():
        jawab = HttpResponse(ekspor.tabel_csv(versi.data, kunci), content_type="text/csv; charset=utf-8")
        jawab["Content-Disposition"] = f'attachment; filename="{_nama_berkas(laporan, kunci, "csv")}"'
        return jawab

    return _bersyarat(request, versi, buat)


@require_GET
def tabel_json(request, pk: int, kunci: str):
    laporan, versi = _terbit(pk)
    kunci = _kunci_tabel(kunci)

    def buat():
        isi = ekspor.tabel_json(versi.data, kunci, laporan=laporan, versi=versi)
        jawab = JsonResponse(isi, json_dumps_params={"ensure_ascii": False})
        jawab["Content-Disposition"] = f'inline; filename="{_nama_berkas(laporan, kunci, "json")}"'
        return jawab

    return _bersyarat(request, versi, buat)


@require_GET
def pdf(request, pk: int):
    laporan, versi = _terbit(pk)

    def buat():
        konteks = {"riwayat": [], **_konteks(laporan, versi)}
        isi = ekspor.pdf(laporan=laporan, versi=versi, konteks=konteks)
        jawab = HttpResponse(isi, content_type="application/pdf")
        jawab["Content-Disposition"] = (
            f'attachment; filename="laporan-{laporan.unit.kode.lower()}-{laporan.tahun}-v{versi.nomor}.pdf"'
        )
        return jawab

    return _bersyarat(request, versi, buat)


@require_GET
def grafik_svg(request, pk: int, nama: str):
    _laporan, versi = _terbit(pk)
    if nama not in grafik.GRAFIK:
        raise Http404(_("Grafik tidak ditemukan."))

    def buat():
        isi = grafik.berkas(versi, nama, "svg")
        if isi is None:
            raise Http404(_("Grafik tidak ditemukan."))
        return HttpResponse(isi, content_type="image/svg+xml")

    return _bersyarat(request, versi, buat)


@require_GET
def katalog(request):
    """The open-data catalogue: every published dataset with its columns and licence."""
    daftar = list(selectors.laporan_terbit()[:500])
    return render(
        request,
        "laporan/katalog.html",
        {"daftar": daftar, "tabel_list": list(tabel.TABEL.values()), "lisensi": settings.LAPORAN_LISENSI},
    )


@require_GET
def dcat(request):
    isi = ekspor.dcat(request, list(selectors.laporan_terbit()[:500]))
    return HttpResponse(
        json.dumps(isi, ensure_ascii=False, indent=1), content_type="application/ld+json; charset=utf-8"
    )
