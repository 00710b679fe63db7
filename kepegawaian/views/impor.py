"""Pages of the HR import: the upload form, the job page (polled with htmx while it runs), the sample files.

Thin: the work is in ``kepegawaian.impor``, the job's visibility in ``kepegawaian.access``. Only admins (unit or
BKD) see these pages; anyone else gets a 404, and a job is visible to the admin who uploaded it and to admin BKD.
"""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kepegawaian import access, akun_massal, impor
from kepegawaian.models import ImporJob

CONTOH_DIR = Path(settings.BASE_DIR) / "docs" / "contoh-impor"
CONTOH = ("unit.csv", "pegawai.csv", "contoh-impor.xlsx")
RIWAYAT = 10


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        help_text=gettext_lazy("Satu XLSX dengan lembar unit dan pegawai, atau satu CSV (unit atau pegawai)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    berkas_tambahan = forms.FileField(
        label=gettext_lazy("Berkas kedua (opsional)"),
        help_text=gettext_lazy("Misalnya pegawai.csv bila berkas pertama adalah unit.csv."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _require_admin(user) -> None:
    """The pages are not shown to anyone else (404); ``impor_job_create`` checks again (403)."""
    if not access.akses_for(user).is_admin:
        raise Http404(_("Halaman tidak ditemukan."))


@login_required
@require_http_methods(["GET", "POST"])
def impor_form(request):
    _require_admin(request.user)
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = impor.impor_job_create(
                actor=request.user, berkas=[form.cleaned_data["berkas"], form.cleaned_data["berkas_tambahan"]]
            )
        except ValidationError as exc:
            for pesan in exc.message_dict.get("berkas", exc.messages):
                form.add_error("berkas", pesan)
        except PermissionDenied as exc:
            raise Http404(_("Halaman tidak ditemukan.")) from exc
        else:
            return redirect(job)
    riwayat = access.impor_job_visible(request.user).filter(dibuat_oleh=request.user)[:RIWAYAT]
    return render(
        request,
        "kepegawaian/impor_form.html",
        {
            "form": form,
            "riwayat": riwayat,
            "contoh": CONTOH,
            "kolom_unit": impor.KOLOM_UNIT,
            "kolom_pegawai": impor.KOLOM_PEGAWAI,
            "kolom_unit_wajib": impor.KOLOM_UNIT_WAJIB,
            "kolom_pegawai_wajib": impor.KOLOM_PEGAWAI_WAJIB,
            "batas_sinkron": impor.batas_sinkron(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_job(request, pk: int):
    """The job page; an htmx poll gets only the status block, which stops polling once the job is finished.
    POST: queue again a job that could not be queued ("Antrekan lagi")."""
    _require_admin(request.user)
    job = access.impor_job_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            impor.impor_job_submit(actor=request.user, job=job)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Impor diantrekan lagi."))
        return redirect(job)
    jenis = impor.jenis_impor(job.jenis)
    context = {
        "job": job,
        # another kind of import (pelatihan's training history) shows its own result block and upload page
        "template_hasil": jenis.template_hasil if jenis else "",
        "url_unggah": jenis.url_unggah if jenis else "kepegawaian:impor",
        "progres": impor.impor_job_progres(job),
        "kode_boleh": akun_massal.can_take_kode(request.user, job),
        "metode_choices": ImporJob.Metode.choices,
    }
    if request.htmx:
        return render(request, "kepegawaian/impor_status.html", context)
    return render(request, "kepegawaian/impor_job.html", context)


@login_required
def impor_contoh(request, nama: str):
    _require_admin(request.user)
    if nama not in CONTOH:
        raise Http404(_("Berkas contoh tidak ditemukan."))
    return FileResponse((CONTOH_DIR / nama).open("rb"), as_attachment=True, filename=nama)
