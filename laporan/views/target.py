"""Admin BKD's page of the medium-term targets (RPD 2023–2026 / RPJMD 2025–2029) per unit indicator: the list,
a form that records or corrects one, delete. Reports generated afterwards compare each IKU with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian.models import UnitKerja
from kinerja.forms import run_form
from laporan import access, selectors, services
from laporan.forms import FormTargetMenengah
from laporan.models import RencanaMenengah, TargetMenengah


@login_required
@require_http_methods(["GET", "POST"])
def target_daftar(request):
    access.require_set_target_menengah(request.user)
    rencana = RencanaMenengah.objects.order_by("tahun_awal")
    form = FormTargetMenengah(
        request.POST or None, rencana=rencana, units=UnitKerja.objects.filter(aktif=True).order_by("path")
    )
    status = 200
    if request.method == "POST":
        ok, status = run_form(
            form,
            lambda d: services.target_menengah_save(
                actor=request.user, rencana=d["rencana"], unit=d["unit"], indikator=d["indikator"], target=d["target"]
            ),
        )
        if ok:
            messages.success(request, _("Target jangka menengah disimpan."))
            return redirect("laporan:target-daftar")
    rencana_id = request.GET.get("rencana", "")
    daftar = selectors.target_menengah_list(rencana_id=int(rencana_id) if rencana_id.isdigit() else None)[:500]
    return render(
        request,
        "laporan/target_daftar.html",
        {"form": form, "daftar": daftar, "rencana": rencana, "rencana_id": rencana_id},
        status=status,
    )


@login_required
@require_POST
def target_hapus(request, pk: int):
    access.require_set_target_menengah(request.user)
    target = get_object_or_404(TargetMenengah, pk=pk)
    services.target_menengah_delete(actor=request.user, target=target)
    messages.success(request, _("Target jangka menengah dihapus."))
    return redirect("laporan:target-daftar")
