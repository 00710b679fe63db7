"""Admin page of a unit's IKU and Perjanjian Kinerja: list, entry form, XLSX import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorList
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from indikator import selectors, services
from indikator.forms import (
    ImporIndikatorUnitForm,
    IndikatorUnitForm,
    PilihUnitForm,
)
from indikator.views._dasar import (
    _require_admin,
    _run,
)
from kepegawaian.access import unit_manageable


@login_required
@require_http_methods(["GET", "POST"])
def indikator_unit_admin(request):
    """A unit's IKU and Perjanjian Kinerja for the period: list, entry form, XLSX import with per-row errors."""
    _require_admin(request)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    units = unit_manageable(request.user)
    pilih = PilihUnitForm(request.GET or None, units=units)
    unit = pilih.cleaned_data["unit"] if pilih.is_valid() else None
    baris_galat: ErrorList | list[str]
    form, impor_form, status, baris_galat = IndikatorUnitForm(), ImporIndikatorUnitForm(), 200, []
    if request.method == "POST":
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        if request.POST.get("aksi") == "impor":
            impor_form = ImporIndikatorUnitForm(request.POST, request.FILES)
            hasil = []

            def impor(data):
                hasil.extend(
                    services.indikator_unit_import(
                        actor=request.user, unit=unit, periode=periode, berkas=data["berkas"]
                    )
                )

            ok, status = _run(impor_form, impor)
            baris_galat = impor_form.errors.get("__all__", []) if not ok else []
            if ok:
                messages.success(request, _("%(n)s indikator telah diimpor.") % {"n": len(hasil)})
        else:
            form = IndikatorUnitForm(request.POST)
            ok, status = _run(
                form,
                lambda data: services.indikator_unit_create(actor=request.user, unit=unit, periode=periode, **data),
            )
            if ok:
                messages.success(request, _("Indikator unit telah disimpan."))
        if ok:
            return redirect(reverse("indikator:indikator-unit") + f"?unit={unit.pk}")
    context = {
        "pilih": pilih,
        "unit": unit,
        "periode": periode,
        "form": form,
        "impor_form": impor_form,
        "baris_galat": baris_galat,
        "daftar": selectors.indikator_unit_list(unit=unit, periode=periode) if unit else [],
        "kolom": services.KOLOM_IMPOR_INDIKATOR_UNIT,
    }
    return render(request, "indikator/indikator_unit.html", context, status=status)
