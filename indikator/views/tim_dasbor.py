"""The pegawai's dashboard, the penilai's team (page and XLSX) and the bulk cascade to the team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from indikator import exports, selectors, services
from indikator.forms import (
    KaskadeForm,
)
from indikator.models import (
    Rhk,
    Skp,
)
from indikator.views._dasar import (
    _run,
)
from kepegawaian.access import pegawai_of_account, punya_bawahan
from kepegawaian.models import Pegawai
from kinerja.berkas import MIME_XLSX


def _grafik(dasbor) -> dict:
    """Chart data for static/indikator/indikator.js (Chart.js): per IKI the target line and realisation by period."""
    seri = [
        {
            "id": baris.iki.pk,
            "judul": baris.iki.uraian,
            "satuan": baris.iki.satuan,
            "label": [t.label for t in baris.titik],
            "target": float(baris.target_grafik),
            "realisasi": [None if t.realisasi is None else float(t.realisasi) for t in baris.titik],
        }
        for baris in dasbor.iki
    ]
    return {"teks": {"target": _("Target"), "realisasi": _("Realisasi")}, "seri": seri}


@login_required
def dasbor(request):
    """The pegawai's dashboard: his indicators with progress charts, missing entries, coming deadlines."""
    pegawai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        return render(request, "indikator/dasbor.html", {"periode": None})
    data = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)
    context = {"periode": periode, "d": data, "grafik": _grafik(data)}
    return render(request, "indikator/dasbor.html", context)


@login_required
def tim(request):
    """The penilai's team: each direct subordinate's SKP status, realisation per month/quarter, capaian so far."""
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        return render(request, "indikator/tim.html", {"periode": None})
    rows = selectors.tim_penilai(penilai=penilai, periode=periode)
    context = {
        "periode": periode,
        "rows": rows,
        "menunggu": [b for b in rows if b.skp and b.skp.status == Skp.Status.DIAJUKAN],
        "labels": [periode.label_periode_ke(ke) for ke in periode.daftar_periode_ke],
        "tautan_putus": list(selectors.tautan_putus_bawahan(pegawai=penilai, periode=periode)),
    }
    return render(request, "indikator/tim.html", context)


@login_required
def tim_xlsx(request):
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    isi = exports.tim_xlsx(penilai=penilai, periode=periode)
    response = HttpResponse(isi, content_type=MIME_XLSX)
    response["Content-Disposition"] = f'attachment; filename="realisasi-tim-{periode.tahun}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def kaskade(request):
    """Bulk cascade: one of the penilai's RHK, with an IKI and its target, to many subordinates in one request."""
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    rhk_qs = Rhk.objects.filter(skp__pegawai=penilai, skp__periode=periode, skp__terkini=True).select_related("skp")
    bawahan_qs = Pegawai.objects.filter(atasan=penilai, aktif=True).select_related("jabatan").order_by("nama")
    status_skp, nonaktif = selectors.bawahan_kaskade_status(penilai=penilai, periode=periode)
    form = KaskadeForm(request.POST or None, rhk=rhk_qs, bawahan=bawahan_qs, status_skp=status_skp, nonaktif=nonaktif)
    status = 200
    if request.method == "POST":
        hasil = []

        def action(data):
            hasil.extend(
                services.rhk_cascade(
                    actor=request.user,
                    rhk=data["rhk"],
                    bawahan=list(data["bawahan"]),
                    iki=[form.iki_data()],
                    uraian=data["uraian_rhk"] or None,
                    jenis=data["jenis"],
                )
            )

        ok, status = _run(form, action)
        if ok:
            messages.success(request, _("RHK telah diturunkan kepada %(n)s bawahan.") % {"n": len(hasil)})
            return redirect("indikator:tim")
    context = {"form": form, "periode": periode, "ada_rhk": rhk_qs.exists(), "ada_bawahan": punya_bawahan(request.user)}
    return render(request, "indikator/kaskade.html", context, status=status)
