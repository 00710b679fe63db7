"""Logins in bulk (``kepegawaian.akun_massal``): the form (a unit subtree, or the file of a finished import) and the
one-time download of the codes. The job itself is shown on the import's job page, with its progress bar."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian import access
from kepegawaian import akun_massal as layanan
from kepegawaian.forms import UnitChoiceField
from kepegawaian.models import ImporJob
from kinerja.forms import errors_to_form


class AkunMassalForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Pilih unit kerja…"),
        help_text=gettext_lazy("Semua pegawai aktif tanpa akun di unit ini dan seluruh unit di bawahnya."),
    )
    impor = forms.IntegerField(required=False, widget=forms.HiddenInput)
    metode = forms.ChoiceField(
        label=gettext_lazy("Cara aktivasi"),
        choices=ImporJob.Metode.choices,
        initial=ImporJob.Metode.EMAIL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")  # type: ignore[attr-defined]


def _require_admin(user) -> None:
    if not access.akses_for(user).is_admin:
        raise Http404(_("Halaman tidak ditemukan."))


@login_required
@require_http_methods(["GET", "POST"])
def akun_massal(request):
    _require_admin(request.user)
    form = AkunMassalForm(request.POST or None, units=access.unit_manageable(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            impor_job = None
            if form.cleaned_data["impor"]:
                impor_job = access.impor_job_get_for_user(request.user, form.cleaned_data["impor"])
            try:
                job = layanan.akun_massal_create(
                    actor=request.user,
                    metode=form.cleaned_data["metode"],
                    unit=form.cleaned_data["unit"],
                    impor_job=impor_job,
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                return redirect(job)
        status = 400
    return render(request, "kepegawaian/akun_massal.html", {"form": form}, status=status)


@login_required
@require_POST
def akun_kode(request, pk: int):
    """The job's one-time codes as a CSV file, once: they are erased from the server as they are handed over."""
    _require_admin(request.user)
    job = access.impor_job_get_for_user(request.user, pk)
    try:
        kode = layanan.akun_massal_close(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(job)
    response = HttpResponse(layanan.kode_csv(kode), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kode-akun-{job.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response
