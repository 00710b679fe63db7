"""Admin pages: periods (Admin BKD) and reopening one pegawai's entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indikator import selectors, services
from indikator.forms import (
    PembukaanKembaliForm,
    PeriodeForm,
)
from indikator.models import (
    PembukaanKembali,
    PeriodePenilaian,
)
from indikator.views._dasar import (
    _require_admin,
    _run,
)
from kepegawaian.access import pegawai_manage_q
from kepegawaian.models import Pegawai


@login_required
@require_http_methods(["GET", "POST"])
def periode_admin(request):
    akses = _require_admin(request)
    form = PeriodeForm(request.POST or None) if akses.is_bkd else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Hanya Admin BKD yang dapat mengelola periode penilaian."))
        ok, status = _run(form, lambda data: services.periode_create(actor=request.user, **data))
        if ok:
            messages.success(request, _("Periode %(tahun)s telah dibuka.") % {"tahun": form.cleaned_data["tahun"]})
            return redirect("indikator:periode")
    context = {"form": form, "periode_list": selectors.periode_list(), "bkd": akses.is_bkd}
    return render(request, "indikator/periode.html", context, status=status)


@login_required
@require_POST
def periode_status(request, pk: int):
    _require_admin(request)
    periode = PeriodePenilaian.objects.filter(pk=pk).first()
    if periode is None:
        raise Http404(_("Periode tidak ditemukan."))
    if request.POST.get("status") == PeriodePenilaian.Status.DITUTUP:
        if request.POST.get("konfirmasi") != "ya":
            # closing freezes the whole province's year: say what it does and ask first (works without JavaScript)
            if not _require_admin(request).is_bkd:
                raise PermissionDenied(_("Hanya Admin BKD yang dapat menutup periode penilaian."))
            return render(request, "indikator/periode_tutup.html", {"periode": periode})
        services.periode_close(actor=request.user, periode=periode)
        messages.success(
            request, _("Periode %(tahun)s telah ditutup; seluruh isian hanya dapat dibaca.") % {"tahun": periode.tahun}
        )
    else:
        services.periode_open(actor=request.user, periode=periode)
        messages.success(request, _("Periode %(tahun)s telah dibuka kembali.") % {"tahun": periode.tahun})
    return redirect("indikator:periode")


@login_required
@require_http_methods(["GET", "POST"])
def pembukaan_kembali(request):
    """An admin reopens one pegawai's entries past their deadline, with a recorded reason."""
    _require_admin(request)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    dikelola = Pegawai.objects.filter(pegawai_manage_q(request.user), aktif=True)
    form = PembukaanKembaliForm(request.POST or None, periode=periode, pegawai_qs=dikelola)
    status = 200
    if request.method == "POST":

        def action(data):
            services.pembukaan_kembali_create(
                actor=request.user,
                periode=periode,
                pegawai=data["nip"],
                periode_ke=data["periode_ke"],
                berlaku_sampai=data["berlaku_sampai"],
                alasan=data["alasan"],
            )

        ok, status = _run(form, action)
        if ok:
            messages.success(
                request, _("Isian %(nama)s telah dibuka kembali.") % {"nama": form.cleaned_data["nip"].nama}
            )
            return redirect("indikator:pembukaan-kembali")
    daftar = (
        PembukaanKembali.objects.filter(periode=periode, pegawai__in=dikelola)
        .select_related("pegawai", "dibuat_oleh")
        .order_by("-dibuat")[:50]
    )
    context = {"form": form, "periode": periode, "daftar": daftar}
    return render(request, "indikator/pembukaan_kembali.html", context, status=status)
