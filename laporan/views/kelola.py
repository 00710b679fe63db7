"""The admins' report pages: start a run, the runs with their progress (polled with htmx while they run), retry
of a failed unit, the reports with their review (narrative), publication and withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian.access import unit_manageable
from kinerja.forms import run_form
from laporan import access, selectors, services
from laporan.forms import FormRun, FormTarik, FormTinjau
from laporan.models import ItemRun
from laporan.views.publik import _konteks


@login_required
@require_http_methods(["GET", "POST"])
def run_daftar(request):
    """The runs the admin may see, and the form that starts one."""
    access.require_admin_laporan(request.user)
    units = unit_manageable(request.user).order_by("path")
    form = FormRun(request.POST or None, units=units, initial={"tahun": timezone.localdate().year - 1})
    status = 200
    if request.method == "POST":
        hasil: dict = {}
        ok, status = run_form(
            form,
            lambda d: hasil.update(run=services.run_create(actor=request.user, unit=d["unit"], tahun=d["tahun"])),
        )
        if ok:
            messages.success(request, _("Pembuatan laporan dimulai."))
            return redirect(hasil["run"].get_absolute_url())
    runs = selectors.run_list(access.run_visible(request.user))[:50]
    return render(request, "laporan/run_daftar.html", {"form": form, "runs": runs}, status=status)


@login_required
def run_detail(request, pk: int):
    """The run's progress bar (units done / total) and its failed units; an htmx poll gets only the status block."""
    access.require_admin_laporan(request.user)
    run = access.run_get_for_user(request.user, pk)
    konteks = {"run": run, "gagal": list(selectors.run_item_gagal(run))}
    if request.htmx:
        return render(request, "laporan/_run_status.html", konteks)
    return render(request, "laporan/run_detail.html", konteks)


@login_required
@require_POST
def item_ulang(request, pk: int, item_pk: int):
    access.require_admin_laporan(request.user)
    run = access.run_get_for_user(request.user, pk)
    item = get_object_or_404(ItemRun.objects.select_related("run__unit", "unit"), pk=item_pk, run=run)
    try:
        services.item_retry(actor=request.user, item=item)
        messages.success(request, _("Unit %(unit)s diproses ulang.") % {"unit": item.unit.nama})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(run.get_absolute_url())


@login_required
def kelola_daftar(request):
    access.require_admin_laporan(request.user)
    tahun = request.GET.get("tahun")
    laporan = selectors.laporan_kelola_list(
        access.laporan_kelola_visible(request.user), tahun=int(tahun) if tahun and tahun.isdigit() else None
    )[:200]
    return render(request, "laporan/kelola_daftar.html", {"daftar": laporan})


@login_required
@require_http_methods(["GET", "POST"])
def tinjau(request, pk: int):
    """The version being worked on: its figures as the public will see them, the narrative form, and the
    publish / withdraw buttons for the admin BKD."""
    access.require_admin_laporan(request.user)
    laporan = access.laporan_kelola_get_for_user(request.user, pk)
    kerja = selectors.versi_kerja(laporan)
    form = FormTinjau(
        request.POST or None, initial={"tantangan": kerja.tantangan, "langkah": kerja.langkah} if kerja else None
    )
    status = 200
    if request.method == "POST":
        if kerja is None:
            messages.error(request, _("Tidak ada versi yang sedang ditinjau; buat ulang laporan terlebih dahulu."))
            return redirect("laporan:tinjau", pk=laporan.pk)
        ok, status = run_form(
            form,
            lambda d: services.versi_review(
                actor=request.user, versi=kerja, tantangan=d["tantangan"], langkah=d["langkah"]
            ),
        )
        if ok:
            messages.success(request, _("Narasi disimpan; laporan siap diterbitkan oleh Admin BKD."))
            return redirect("laporan:tinjau", pk=laporan.pk)
    konteks = {
        "laporan": laporan,
        "kerja": kerja,
        "form": form,
        "form_tarik": FormTarik(),
        "aksi": access.actions_for(request.user, laporan, kerja),
    }
    if kerja is not None:
        konteks["isi"] = _konteks(laporan, kerja)
    return render(request, "laporan/tinjau.html", konteks, status=status)


@login_required
@require_POST
def terbit(request, pk: int):
    access.require_admin_laporan(request.user)
    laporan = access.laporan_kelola_get_for_user(request.user, pk)
    kerja = selectors.versi_kerja(laporan)
    if kerja is None:
        messages.error(request, _("Tidak ada versi yang dapat diterbitkan."))
        return redirect("laporan:tinjau", pk=laporan.pk)
    try:
        services.versi_publish(actor=request.user, versi=kerja)
        messages.success(request, _("Laporan diterbitkan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("laporan:tinjau", pk=laporan.pk)


@login_required
@require_POST
def tarik(request, pk: int):
    access.require_admin_laporan(request.user)
    laporan = access.laporan_kelola_get_for_user(request.user, pk)
    form = FormTarik(request.POST)
    ok, _status = run_form(
        form, lambda d: services.laporan_withdraw(actor=request.user, laporan=laporan, alasan=d["alasan"])
    )
    if ok:
        messages.success(request, _("Laporan ditarik; alasannya ditampilkan kepada publik."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("laporan:tinjau", pk=laporan.pk)
