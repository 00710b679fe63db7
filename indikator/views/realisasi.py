"""The realisation page of one IKI: the value with its evidence in one step, evidence delete and download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator import access, services
from indikator.bukti import bukti_file_response
from indikator.forms import (
    BuktiForm,
    RealisasiForm,
)
from indikator.views._dasar import (
    _ke_valid,
    _render_realisasi,
    simpan_hasil,
    url_bulan,
)
from kinerja.forms import run_form


@login_required
def iki_realisasi(request, pk: int):
    iki = access.iki_get_for_user(request.user, pk)
    return _render_realisasi(request, iki)


@login_required
@require_POST
def realisasi_simpan(request, pk: int, ke: int):
    """Save the realisation of a month/quarter and, when given, one piece of evidence with it: both or nothing."""
    iki = access.iki_get_for_user(request.user, pk)
    skp = iki.rhk.skp
    _ke_valid(skp, ke)
    access.require_owner(request.user, skp)
    form = RealisasiForm(request.POST, prefix=f"r{ke}")
    ada_bukti = bool(request.FILES.get(f"b{ke}-berkas") or request.POST.get(f"b{ke}-url", "").strip())
    # evidence is optional: without any, an unbound form, so a redisplay does not ask for a file or a link
    bukti_form = BuktiForm(request.POST, request.FILES, prefix=f"b{ke}") if ada_bukti else BuktiForm(prefix=f"b{ke}")
    forms = {("r", ke): form, ("b", ke): bukti_form}
    if ada_bukti and not bukti_form.is_valid():
        form.is_valid()  # the value's own errors are shown too
        return _render_realisasi(request, iki, status=400, forms=forms)

    def action(data):
        bukti = bukti_form.cleaned_data if ada_bukti else {}
        services.realisasi_save(
            actor=request.user,
            iki=iki,
            periode_ke=ke,
            nilai=data["nilai"],
            narasi=data["narasi"],
            versi=data["versi"],
            berkas=bukti.get("berkas"),
            url=bukti.get("url") or "",
        )

    def versi_baru() -> int:
        return iki.realisasi.filter(periode_ke=ke).values_list("versi", flat=True).first() or 1

    ok, status = run_form(form, action, versi_terkini=versi_baru)
    if not ok:
        return _render_realisasi(request, iki, status=status, forms=forms)
    # the result is shown beside this month's form, where the user's eyes are (not at the top of the page)
    simpan_hasil(
        request,
        iki=iki,
        ke=ke,
        pesan=_("Realisasi %(label)s telah disimpan.") % {"label": skp.periode.label_periode_ke(ke)},
    )
    return redirect(url_bulan(iki.pk, ke))


@login_required
@require_POST
def bukti_hapus(request, pk: int):
    bukti = access.bukti_get_for_user(request.user, pk)
    iki_id = bukti.realisasi.iki_id
    try:
        services.bukti_delete(actor=request.user, bukti=bukti)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Bukti dukung telah dihapus."))
    return redirect("indikator:iki-realisasi", pk=iki_id)


@login_required
def bukti_unduh(request, pk: int):
    """Evidence files are served only through the access check, as attachments, never sniffed."""
    return bukti_file_response(access.bukti_get_for_user(request.user, pk))
