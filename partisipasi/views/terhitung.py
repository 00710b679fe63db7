"""Complaint figures: the public list behind a computed realisation, the public ranking of kelurahan, and the page
where an IKI is bound to complaint figures (and recomputed on demand)."""

import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian.access import first_or_404
from kepegawaian.models import UnitKerja
from kinerja.forms import run_form
from partisipasi import selectors, services
from partisipasi.forms import IkiTerhitungForm, RentangForm

MAKS_RENTANG_HARI = 366


def rentang(data) -> tuple[dt.date, dt.date]:
    """``mulai``/``akhir`` of the query string, at most a year apart; otherwise the current month (Jakarta)."""
    form = RentangForm(data)
    if form.is_valid():
        mulai, akhir = form.cleaned_data["mulai"], form.cleaned_data["akhir"]
        if mulai and akhir and mulai <= akhir and (akhir - mulai).days <= MAKS_RENTANG_HARI:
            return mulai, akhir
    hari = timezone.localdate()
    return hari.replace(day=1), hari.replace(day=calendar.monthrange(hari.year, hari.month)[1])


def angka_unit(request, pk):
    """Public: the complaints a unit completed in a span, with their resolution time (no description, no contact):
    the list a computed realisation links to."""
    unit = first_or_404(UnitKerja.objects.filter(pk=pk, aktif=True), _("Unit tidak ditemukan."))
    mulai, akhir = rentang(request.GET)
    halaman = Paginator(selectors.pengaduan_selesai_daftar(unit=unit, mulai=mulai, akhir=akhir), 50).get_page(
        request.GET.get("halaman")
    )
    context = {
        "unit": unit,
        "mulai": mulai,
        "akhir": akhir,
        "angka": selectors.penyelesaian_angka(unit=unit, mulai=mulai, akhir=akhir),
        "halaman": halaman,
        "query": f"mulai={mulai.isoformat()}&akhir={akhir.isoformat()}",
    }
    return render(request, "partisipasi/angka_unit.html", context)


def peringkat(request):
    """Public: kelurahan ranked by median completion time in a span (the current month by default)."""
    mulai, akhir = rentang(request.GET)
    context = {
        "mulai": mulai,
        "akhir": akhir,
        "baris": selectors.peringkat_kelurahan(mulai=mulai, akhir=akhir),
        # each of the 267 rows links to its figures for the span: the query string formatted once, not per row
        "query": f"mulai={mulai.isoformat()}&akhir={akhir.isoformat()}",
    }
    return render(request, "partisipasi/peringkat.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def terhitung(request):
    form = IkiTerhitungForm(request.POST or None, iki_qs=selectors.iki_terikat_pilihan(request.user))
    status = 200
    if request.method == "POST":
        ok, status = run_form(
            form,
            lambda d: services.iki_terhitung_link(
                actor=request.user, iki=d["iki"], unit_id=d["unit"].pk, ukuran=d["ukuran"]
            ),
        )
        if ok:
            messages.success(request, _("IKI diikat ke data pengaduan; realisasinya dihitung."))
            return redirect("partisipasi:terhitung")
    context = {"form": form, "ikatan": selectors.iki_terhitung_visible(request.user)}
    return render(request, "partisipasi/terhitung.html", context, status=status)


@login_required
@require_POST
def terhitung_hitung(request, pk):
    ikatan = selectors.iki_terhitung_get_for_user(request.user, pk)
    hasil = services.realisasi_terhitung_run(actor=request.user, ikatan=ikatan)
    messages.success(
        request,
        _("Dihitung ulang: %(n)d bulan/triwulan diperbarui, %(t)d tetap, %(k)d tanpa data.")
        % {"n": len(hasil.ditulis), "t": len(hasil.tetap), "k": len(hasil.kosong)},
    )
    for pesan in hasil.dilewati:
        messages.warning(request, pesan)
    return redirect("partisipasi:terhitung")


@login_required
@require_POST
def terhitung_hapus(request, pk):
    services.iki_terhitung_delete(actor=request.user, ikatan=selectors.iki_terhitung_get_for_user(request.user, pk))
    messages.success(request, _("Ikatan dilepas; nilai yang sudah dihitung tetap tersimpan."))
    return redirect("partisipasi:terhitung")


__all__ = ["angka_unit", "peringkat", "terhitung", "terhitung_hapus", "terhitung_hitung"]
