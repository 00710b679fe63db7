"""Pages to add, change and delete the RHK and IKI of a draft SKP."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indikator import access, selectors, services
from indikator.capaian import format_angka
from indikator.forms import (
    IkiForm,
    RhkForm,
    VersiForm,
)
from indikator.models import (
    IndikatorUnit,
    Skp,
)
from indikator.views._dasar import (
    _run,
    _skp_untuk_diubah,
)


def _rhk_pilihan(skp: Skp) -> dict:
    return {
        "rhk_atasan": selectors.rhk_atasan_pilihan(pegawai=skp.pegawai, periode=skp.periode),
        "indikator_unit": selectors.indikator_unit_list(
            unit=skp.pegawai.unit, periode=skp.periode, jenis=IndikatorUnit.Jenis.PK
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def rhk_tambah(request, pk: int):
    skp = _skp_untuk_diubah(request, access.skp_get_for_user(request.user, pk))
    form = RhkForm(request.POST or None, initial={"versi": skp.versi}, **_rhk_pilihan(skp))
    status = 200
    if request.method == "POST":

        def action(data):
            services.rhk_create(
                actor=request.user,
                skp=skp,
                versi=data["versi"],
                uraian=data["uraian"],
                jenis=data["jenis"],
                rhk_atasan=data["rhk_atasan"],
                indikator_unit=data.get("indikator_unit"),
                perspektif=data.get("perspektif") or None,
            )

        ok, status = _run(form, action, skp=skp)
        if ok:
            messages.success(request, _("RHK telah ditambahkan."))
            return redirect("indikator:skp-detail", pk=skp.pk)
    context = {"form": form, "skp": skp, "judul": _("Tambah rencana hasil kerja")}
    return render(request, "indikator/rhk_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rhk_ubah(request, pk: int):
    rhk = access.rhk_get_for_user(request.user, pk)
    skp = _skp_untuk_diubah(request, access.skp_get_for_user(request.user, rhk.skp_id))
    initial = {
        "versi": skp.versi,
        "jenis": rhk.jenis,
        "uraian": rhk.uraian,
        "rhk_atasan": rhk.rhk_atasan_id,
        "indikator_unit": rhk.indikator_unit_id,
        "perspektif": rhk.perspektif,
    }
    form = RhkForm(request.POST or None, initial=initial, **_rhk_pilihan(skp))
    status = 200
    if request.method == "POST":

        def action(data):
            changes = {"uraian": data["uraian"], "jenis": data["jenis"], "rhk_atasan": data["rhk_atasan"]}
            if "indikator_unit" in form.fields:
                changes["indikator_unit"] = data["indikator_unit"]
                if data.get("perspektif"):
                    changes["perspektif"] = data["perspektif"]
            services.rhk_update(actor=request.user, rhk=rhk, versi=data["versi"], **changes)

        ok, status = _run(form, action, skp=skp)
        if ok:
            messages.success(request, _("RHK telah disimpan."))
            return redirect("indikator:skp-detail", pk=skp.pk)
    context = {"form": form, "skp": skp, "rhk": rhk, "judul": _("Ubah rencana hasil kerja")}
    return render(request, "indikator/rhk_form.html", context, status=status)


def _hapus(request, skp: Skp, action, pesan: str):
    form = VersiForm(request.POST)
    ok, status = _run(form, action, skp=skp)
    if ok:
        messages.success(request, pesan)
    else:
        for error in form.non_field_errors() or [_("Permintaan tidak valid; muat ulang halaman.")]:
            # ErrorList yields the messages (its __getitem__ unwraps ValidationError); the stubs say ValidationError.
            messages.error(request, error)  # type: ignore[arg-type]
    return redirect("indikator:skp-detail", pk=skp.pk)


@login_required
@require_POST
def rhk_hapus(request, pk: int):
    rhk = access.rhk_get_for_user(request.user, pk)
    skp = _skp_untuk_diubah(request, rhk.skp)
    return _hapus(
        request,
        skp,
        lambda data: services.rhk_delete(actor=request.user, rhk=rhk, versi=data["versi"]),
        _("RHK beserta indikatornya telah dihapus."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def iki_tambah(request, pk: int):
    rhk = access.rhk_get_for_user(request.user, pk)
    skp = _skp_untuk_diubah(request, rhk.skp)
    form = IkiForm(request.POST or None, initial={"versi": skp.versi})
    status = 200
    if request.method == "POST":

        def action(data):
            services.iki_create(actor=request.user, rhk=rhk, versi=data["versi"], **form.iki_data())

        ok, status = _run(form, action, skp=skp)
        if ok:
            messages.success(request, _("Indikator telah ditambahkan."))
            return redirect("indikator:skp-detail", pk=skp.pk)
    context = {"form": form, "skp": skp, "rhk": rhk, "judul": _("Tambah indikator kinerja individu")}
    return render(request, "indikator/iki_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def iki_ubah(request, pk: int):
    iki = access.iki_get_for_user(request.user, pk)
    skp = _skp_untuk_diubah(request, iki.rhk.skp)
    initial = {
        "versi": skp.versi,
        **{f: getattr(iki, f) for f in ("uraian", "aspek", "satuan", "arah", "target_bentuk")},
        "target": format_angka(iki.target),
        **{
            f: format_angka(getattr(iki, f)) if getattr(iki, f) is not None else ""
            for f in ("target_atas", "batas_bawah_realisasi", "batas_atas_realisasi")
        },
    }
    form = IkiForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":

        def action(data):
            services.iki_update(actor=request.user, iki=iki, versi=data["versi"], **form.iki_data())

        ok, status = _run(form, action, skp=skp)
        if ok:
            messages.success(request, _("Indikator telah disimpan."))
            return redirect("indikator:skp-detail", pk=skp.pk)
    context = {"form": form, "skp": skp, "rhk": iki.rhk, "iki": iki, "judul": _("Ubah indikator kinerja individu")}
    return render(request, "indikator/iki_form.html", context, status=status)


@login_required
@require_POST
def iki_hapus(request, pk: int):
    iki = access.iki_get_for_user(request.user, pk)
    skp = _skp_untuk_diubah(request, iki.rhk.skp)
    return _hapus(
        request,
        skp,
        lambda data: services.iki_delete(actor=request.user, iki=iki, versi=data["versi"]),
        _("Indikator telah dihapus."),
    )
