"""The training history import page: the upload form and the admin's recent imports of this kind. The job itself
(its progress, its errors, "Antrekan lagi") is shown on the people import's job page (``kepegawaian:impor-job``).
Thin: the work is in ``pelatihan.services.impor`` on ``kepegawaian.impor``'s machinery."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kepegawaian import impor
from pelatihan import access, selectors, services
from pelatihan.forms import ImporRiwayatForm
from pelatihan.services.impor import KOLOM, KOLOM_PROGRAM_BARU, KOLOM_WAJIB

CONTOH_DIR = Path(settings.BASE_DIR) / "docs" / "contoh-impor"
CONTOH = ("riwayat-pelatihan.csv", "riwayat-pelatihan.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def impor_riwayat(request):
    access.require_admin(request.user)
    form = ImporRiwayatForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.riwayat_import_job_create(actor=request.user, berkas=[form.cleaned_data["berkas"]])
            except ValidationError as exc:
                pesan_list = (
                    exc.message_dict.get("berkas", exc.messages) if hasattr(exc, "error_dict") else exc.messages
                )
                for pesan in pesan_list:
                    form.add_error("berkas", pesan)
            else:
                return redirect(job)
        status = 400
    context = {
        "form": form,
        "riwayat": selectors.impor_riwayat_terakhir(request.user),
        "contoh": CONTOH,
        "kolom": KOLOM,
        "kolom_wajib": KOLOM_WAJIB,
        "kolom_program_baru": KOLOM_PROGRAM_BARU,
        "batas_sinkron": impor.batas_sinkron(),
    }
    return render(request, "pelatihan/impor_form.html", context, status=status)


@login_required
def impor_contoh(request, nama: str):
    access.require_admin(request.user)
    if nama not in CONTOH:
        raise Http404(_("Berkas contoh tidak ditemukan."))
    return FileResponse((CONTOH_DIR / nama).open("rb"), as_attachment=True, filename=nama)
