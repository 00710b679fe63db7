"""The public site of the annual reports: no login, published snapshots only, cacheable (ETag / Last-Modified)."""

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.forms import run_form
from kinerja.klien import TerlaluSering, alamat_klien, klien_kunci
from laporan import access, ekspor, grafik, selectors, services, tabel
from laporan.forms import FormPertanyaan
from laporan.models import Laporan, StatusVersi, VersiLaporan

log = logging.getLogger(__name__)

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


def _bersyarat(request, versi: VersiLaporan, buat, tambahan: str = "", juga=None):
    """Answer 304 when the client has this snapshot already; otherwise ``buat()`` with the validators set.
    ``juga``: another time the response depends on (the public questions' last change)."""
    etag, diubah = _validator(versi, tambahan)
    if juga is not None:
        diubah = max(diubah, juga.timestamp())
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


def _kunci_isi(laporan: Laporan, versi: VersiLaporan, banding: Laporan | None) -> str:
    """The cache key of a page's rendered body: everything it shows is a function of these (the snapshot's data
    version, the public version and its state — so publishing or withdrawing moves to a new key —, the compared
    year's public version, the time the public questions last changed, the language)."""
    publik = laporan.versi_publik
    assert publik is not None
    pertanyaan = laporan.pertanyaan_diubah_pada.timestamp() if laporan.pertanyaan_diubah_pada else 0
    return (
        f"laporan:isi:{laporan.pk}:{versi.pk}:{versi.versi_data[:24]}:{versi.status}:{publik.pk}:{publik.status}:"
        f"{banding.versi_publik_id if banding else 0}:{pertanyaan}:{get_language()}"
    )


def _isi_halaman(request, laporan: Laporan, versi: VersiLaporan, banding: Laporan | None) -> str:
    """The body of the public page, rendered once per key (``_kunci_isi``) and then served from the cache: a hit
    costs no query and no template work beyond the base layout. The body holds no form and no CSRF token (the
    question form is its own page), so one rendering serves every visitor. A cache outage renders it live."""
    kunci = _kunci_isi(laporan, versi, banding)
    try:
        isi = cache.get(kunci)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        log.warning("cache tidak terjangkau untuk halaman laporan", exc_info=True)
        isi = None
    if isi is not None:
        return isi
    konteks: dict = {
        "riwayat": selectors.versi_riwayat(laporan),
        "pertanyaan_list": list(selectors.pertanyaan_tampil(laporan.pk)[: selectors.PERTANYAAN_DI_HALAMAN]),
        "boleh_tanya": access.can_ask(laporan),
    }
    if versi.status == StatusVersi.TERBIT:
        konteks |= _konteks(laporan, versi, banding=banding)
    else:
        konteks |= {"laporan": laporan, "versi": versi}
    isi = render_to_string("laporan/_halaman.html", konteks, request=request)
    try:
        cache.set(kunci, isi, 86400)
    except Exception:  # noqa: BLE001
        log.warning("cache tidak terjangkau untuk halaman laporan", exc_info=True)
    return isi


@require_GET
def detail(request, pk: int, nomor: int | None = None):
    """A published report (or an earlier published version); a withdrawn one shows only the public reason. The
    current version's page costs no query when its header and body are cached (``selectors.laporan_halaman_get``,
    ``_isi_halaman``); an earlier version two (the report without its snapshot, the compared year)."""
    if nomor is None:
        laporan, banding = selectors.laporan_halaman_get(pk)
        versi = laporan.versi_publik
        assert versi is not None
    else:
        laporan = selectors.laporan_publik_get(pk, tanpa_data=True)
        versi = selectors.versi_publik_get(laporan, nomor)
        banding = selectors.laporan_tahun_lalu(laporan) if versi.status == StatusVersi.TERBIT else None
    tambahan = f"-b{banding.versi_publik_id if banding else 0}-q{_stempel(laporan.pertanyaan_diubah_pada)}"

    def buat():
        isi = _isi_halaman(request, laporan, versi, banding)
        return render(request, "laporan/detail.html", {"laporan": laporan, "versi": versi, "isi": mark_safe(isi)})  # noqa: S308 - our own rendering

    return _bersyarat(request, versi, buat, tambahan=tambahan, juga=laporan.pertanyaan_diubah_pada)


def _stempel(waktu) -> int:
    return int(waktu.timestamp()) if waktu else 0


@require_http_methods(["GET", "POST"])
def tanya(request, pk: int):
    """A citizen asks a question or comments on a published report (no login): rate limited per client, with a
    honeypot; it is shown once the unit's admin approves it."""
    laporan, _versi = _terbit(pk)
    form = FormPertanyaan(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            ok, status = run_form(
                form,
                lambda d: services.pertanyaan_create(
                    laporan=laporan,
                    nama=d["nama"],
                    isi=d["isi"],
                    klien=klien_kunci(alamat_klien(request)),
                    jebakan=d["situs"],
                ),
            )
        except TerlaluSering as exc:
            form.add_error(None, str(exc))
            ok, status = False, 429
        if ok:
            messages.success(request, _("Terima kasih. Pertanyaan Anda akan tampil setelah diperiksa admin unit."))
            return redirect("laporan:tanya", pk=laporan.pk)
    return render(request, "laporan/tanya.html", {"laporan": laporan, "form": form}, status=status)


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
