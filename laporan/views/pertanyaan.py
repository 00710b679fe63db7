"""The moderators' pages of citizens' questions on reports: the queue (pending first), approve, hide, answer.
Thin: the services check who may act (403 for one who is no admin, 404 for another unit's question)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laporan import access, selectors, services
from laporan.forms import FormJawab, FormSembunyi
from laporan.models import StatusPertanyaan

PER_HALAMAN = 30


@login_required
def pertanyaan_daftar(request):
    access.require_admin_laporan(request.user)
    status = request.GET.get("status", "")
    status = status if status in StatusPertanyaan.values else ""
    halaman = Paginator(
        selectors.pertanyaan_antrian(access.pertanyaan_kelola_visible(request.user), status=status or None),
        PER_HALAMAN,
    ).get_page(request.GET.get("hal"))
    baris = [(p, access.pertanyaan_actions_for(request.user, p)) for p in halaman.object_list]
    return render(
        request,
        "laporan/pertanyaan_daftar.html",
        {
            "halaman": halaman,
            "baris": baris,
            "status": status,
            "status_pilihan": StatusPertanyaan.choices,
            "form_jawab": FormJawab(),
            "form_sembunyi": FormSembunyi(),
        },
    )


def _jalankan(request, pk: int, aksi, pesan: str):
    pertanyaan = access.pertanyaan_get_for_user(request.user, pk)
    try:
        aksi(pertanyaan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pesan)
    return redirect("laporan:pertanyaan-daftar")


@login_required
@require_POST
def pertanyaan_setujui(request, pk: int):
    return _jalankan(
        request,
        pk,
        lambda p: services.pertanyaan_approve(actor=request.user, pertanyaan=p),
        _("Pertanyaan ditampilkan di halaman laporan."),
    )


@login_required
@require_POST
def pertanyaan_sembunyikan(request, pk: int):
    form = FormSembunyi(request.POST)
    alasan = form.cleaned_data["alasan"] if form.is_valid() else request.POST.get("alasan", "")
    return _jalankan(
        request,
        pk,
        lambda p: services.pertanyaan_hide(actor=request.user, pertanyaan=p, alasan=alasan),
        _("Pertanyaan disembunyikan."),
    )


@login_required
@require_POST
def pertanyaan_jawab(request, pk: int):
    return _jalankan(
        request,
        pk,
        lambda p: services.pertanyaan_reply(actor=request.user, pertanyaan=p, jawaban=request.POST.get("jawaban", "")),
        _("Jawaban disimpan."),
    )
