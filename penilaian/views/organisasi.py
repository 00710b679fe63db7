"""Pages of the organisation's side: a unit's distribution against its curve (with its predikat and the finalisation
of its annual results), calibration, the admin's subtree / province overview. Thin: the services check who may act;
the pages ask the same predicates to show or hide a form (403 when the user may not see the unit's distribution)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator.selectors import periode_aktif
from kepegawaian.access import akses_for, unit_get_for_user, unit_manageable
from kepegawaian.models import UnitKerja
from kinerja.forms import run_form
from penilaian import access, aturan, dokumen, selectors, services
from penilaian.forms import KalibrasiBukaForm, KalibrasiUbahForm, KosongForm, PenetapanForm, PredikatUnitForm
from penilaian.models import Evaluasi


def _periode():
    periode = periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    return periode


def _pilihan_ke(periode):
    return [(k, periode.label_periode_ke(k)) for k in periode.daftar_periode_ke]


def _unit_distribusi(request, pk):
    unit = unit_get_for_user(request.user, pk)
    access.require_calibrate(request.user, unit)
    return unit


def _render_distribusi(request, unit, periode, *, status=200, **forms):
    boleh = access.can_set_unit(request.user, unit)
    if boleh:
        forms.setdefault("predikat_form", PredikatUnitForm(pilihan_ke=_pilihan_ke(periode)))
        forms.setdefault("penetapan_form", PenetapanForm())
    d = selectors.distribusi_unit(unit=unit, periode=periode)
    context = {
        "unit": unit,
        "periode": periode,
        "d": d,
        "predikat_list": selectors.predikat_unit_list(unit=unit, periode=periode),
        "boleh_tetapkan": boleh,
        **forms,
    }
    return render(request, "penilaian/distribusi.html", context, status=status)


@login_required
def distribusi(request, pk: int):
    unit = _unit_distribusi(request, pk)
    return _render_distribusi(request, unit, _periode())


@login_required
@require_POST
def predikat_unit_simpan(request, pk: int):
    unit = _unit_distribusi(request, pk)
    periode = _periode()
    form = PredikatUnitForm(request.POST, pilihan_ke=_pilihan_ke(periode))
    ok, status = run_form(
        form,
        lambda d: services.predikat_unit_set(
            actor=request.user,
            unit=unit,
            periode=periode,
            periode_ke=d["ke"],
            predikat=d["predikat"],
            catatan=d["catatan"],
        ),
    )
    if ok:
        messages.success(request, _("Predikat kinerja organisasi tersimpan."))
        return redirect("penilaian:distribusi", pk=unit.pk)
    return _render_distribusi(request, unit, periode, status=status, predikat_form=form)


@login_required
@require_POST
def distribusi_tetapkan(request, pk: int):
    unit = _unit_distribusi(request, pk)
    periode = _periode()
    form = PenetapanForm(request.POST)
    ok, status = run_form(
        form,
        lambda d: services.distribusi_finalize(
            actor=request.user, unit=unit, periode=periode, justifikasi=d["justifikasi"]
        ),
    )
    if ok:
        messages.success(request, _("Hasil tahunan unit telah ditetapkan."))
        return redirect("penilaian:distribusi", pk=unit.pk)
    return _render_distribusi(request, unit, periode, status=status, penetapan_form=form)


@login_required
def penetapan(request, pk: int):
    """The unit's Penetapan Predikat Kinerja as a page (a draft until its annual results are finalised)."""
    unit = _unit_distribusi(request, pk)
    return render(request, "penilaian/penetapan.html", dokumen.konteks_penetapan(unit=unit, periode=_periode()))


@login_required
def penetapan_pdf(request, pk: int):
    unit = _unit_distribusi(request, pk)
    periode = _periode()
    response = HttpResponse(dokumen.penetapan_pdf(unit=unit, periode=periode), content_type="application/pdf")
    nama = dokumen.nama_berkas_penetapan(unit=unit, periode=periode)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


# --- calibration ------------------------------------------------------------------------------------------------


def _render_kalibrasi(request, unit, periode, *, status=200, **forms):
    k = selectors.kalibrasi_unit(unit=unit, periode=periode)
    if k.sesi is None or not k.sesi.terbuka:
        forms.setdefault("buka_form", KalibrasiBukaForm())
    elif "ubah_form" not in forms:
        forms["ubah_form"] = KalibrasiUbahForm()
    context = {
        "unit": unit,
        "periode": periode,
        "k": k,
        "baris": k.penilai,
        "predikat_label": aturan.Predikat.labels,
        "rating_pilihan": aturan.Rating.choices,
        **forms,
    }
    return render(request, "penilaian/kalibrasi.html", context, status=status)


@login_required
def kalibrasi(request, pk: int):
    unit = _unit_distribusi(request, pk)
    return _render_kalibrasi(request, unit, _periode())


@login_required
@require_POST
def kalibrasi_buka(request, pk: int):
    unit = _unit_distribusi(request, pk)
    periode = _periode()
    form = KalibrasiBukaForm(request.POST)
    ok, status = run_form(
        form, lambda d: services.kalibrasi_open(actor=request.user, unit=unit, periode=periode, catatan=d["catatan"])
    )
    if ok:
        messages.success(request, _("Sesi kalibrasi dibuka."))
        return redirect("penilaian:kalibrasi", pk=unit.pk)
    return _render_kalibrasi(request, unit, periode, status=status, buka_form=form)


@login_required
@require_POST
def kalibrasi_ubah(request, pk: int):
    sesi = access.sesi_kalibrasi_get_for_user(request.user, pk)
    access.require_calibrate(request.user, sesi.unit)
    form = KalibrasiUbahForm(request.POST)

    def action(d):
        evaluasi = Evaluasi.objects.filter(pk=d["evaluasi"]).first()
        if evaluasi is None:
            raise Http404(_("Evaluasi tidak ditemukan."))
        services.kalibrasi_rate(
            actor=request.user,
            sesi=sesi,
            evaluasi=evaluasi,
            rating_hasil_kerja=d["rating_hasil_kerja"],
            rating_perilaku=d["rating_perilaku"],
            alasan=d["alasan"],
        )

    ok, status = run_form(form, action)
    if ok:
        messages.success(request, _("Rating dikalibrasi; perubahan tercatat."))
        return redirect("penilaian:kalibrasi", pk=sesi.unit_id)
    return _render_kalibrasi(request, sesi.unit, sesi.periode, status=status, ubah_form=form)


@login_required
@require_POST
def kalibrasi_kunci(request, pk: int):
    sesi = access.sesi_kalibrasi_get_for_user(request.user, pk)
    form = KosongForm(request.POST)
    ok, _status = run_form(form, lambda d: services.kalibrasi_close(actor=request.user, sesi=sesi))
    if ok:
        messages.success(request, _("Sesi kalibrasi dikunci."))
    else:
        for pesan in form.non_field_errors():
            messages.error(request, str(pesan))
    return redirect("penilaian:kalibrasi", pk=sesi.unit_id)


# --- the subtree and the province -------------------------------------------------------------------------------


@login_required
def sebaran(request):
    """Admin unit: every unit of his subtree; admin BKD: the province's perangkat daerah (or, with ``?unit=``, the
    units of one subtree); each with its spread of annual predikat and the distribution check."""
    akses = akses_for(request.user)
    if not akses.is_admin:
        raise PermissionDenied(_("Halaman ini untuk admin unit dan Admin BKD."))
    periode = _periode()
    akar = None
    if request.GET.get("unit", "").isdigit():
        akar = unit_get_for_user(request.user, int(request.GET["unit"]))
        if not access.can_set_unit(request.user, akar):
            raise PermissionDenied(_("Anda tidak mengelola unit ini."))
        units = UnitKerja.objects.filter(path__startswith=akar.path, depth__lte=akar.depth + 1)
    elif akses.is_bkd:
        units = UnitKerja.objects.filter(depth__lte=2)
    else:
        units = unit_manageable(request.user)
    rows = selectors.sebaran_units(units=units, periode=periode)
    context = {
        "periode": periode,
        "rows": rows,
        "akar": akar,
        "url_sebaran": reverse("penilaian:sebaran"),
        "predikat_label": aturan.Predikat.labels,
    }
    return render(request, "penilaian/sebaran.html", context)


# --- the unit's documents as one ZIP (a Celery job with its progress) -------------------------------------------


@login_required
@require_POST
def arsip_buat(request, pk: int):
    unit = _unit_distribusi(request, pk)
    form = KosongForm(request.POST)
    hasil: dict = {}
    ok, _status = run_form(
        form, lambda d: hasil.setdefault("job", services.arsip_run(actor=request.user, unit=unit, periode=_periode()))
    )
    if ok:
        return redirect(hasil["job"])
    return redirect("penilaian:distribusi", pk=unit.pk)


@login_required
def arsip(request, pk: int):
    """The job page; an htmx poll gets only the status block, which stops polling once the job is finished."""
    job = access.arsip_get_for_user(request.user, pk)
    if request.htmx:
        return render(request, "penilaian/arsip_status.html", {"job": job})
    return render(request, "penilaian/arsip.html", {"job": job, "terbaru": selectors.arsip_terbaru(job=job)})


@login_required
def arsip_unduh(request, pk: int):
    job = access.arsip_get_for_user(request.user, pk)
    if job.status != job.Status.SELESAI or not job.berkas:
        raise Http404(_("Arsip belum siap."))
    return FileResponse(job.berkas.open("rb"), as_attachment=True, filename=job.berkas.name.rsplit("/", 1)[-1])
