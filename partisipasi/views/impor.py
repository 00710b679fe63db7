"""The upload page of complaints from other channels (CSV/JSON). The job itself runs on kepegawaian's import
machinery: after the upload the admin lands on its job page (progress bar, per-row errors, "Antrekan lagi").
Admins only (unit or BKD); anyone else gets a 404, and the service checks again (403)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kepegawaian.access import akses_for, impor_job_visible
from kepegawaian.models import ImporJob
from partisipasi import services
from partisipasi.models import Pengaduan

RIWAYAT = 10


class ImporPengaduanForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV atau JSON"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor(request):
    if not akses_for(request.user).is_admin:
        raise Http404(_("Halaman tidak ditemukan."))
    form = ImporPengaduanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.pengaduan_impor_job_create(actor=request.user, berkas=form.cleaned_data["berkas"])
        except ValidationError as exc:
            for pesan in exc.message_dict.get("berkas", exc.messages):
                form.add_error("berkas", pesan)
        except PermissionDenied as exc:
            raise Http404(_("Halaman tidak ditemukan.")) from exc
        else:
            return redirect(job)
    riwayat = impor_job_visible(request.user).filter(dibuat_oleh=request.user, jenis=ImporJob.Jenis.PENGADUAN)
    return render(
        request,
        "partisipasi/impor.html",
        {
            "form": form,
            "riwayat": riwayat[:RIWAYAT],
            "kolom": services.KOLOM_IMPOR,
            "kolom_wajib": services.KOLOM_IMPOR_WAJIB,
            "kanal": [(k, v) for k, v in Pengaduan.Kanal.choices if k in services.KANAL_IMPOR],
            "status": services.STATUS_IMPOR,
        },
    )
