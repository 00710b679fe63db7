"""Pages of one SKP: my SKP, the sheet, lampiran, the workflow buttons, ekspektasi, dialog kinerja, PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indikator import access, exports, selectors, services
from indikator.capaian import capaian_iki
from indikator.forms import (
    AjukanForm,
    DialogForm,
    EkspektasiForm,
    KembalikanForm,
    LampiranForm,
)
from indikator.models import (
    EkspektasiPerilaku,
    Rhk,
    Skp,
)
from indikator.views._dasar import (
    _run,
)
from kepegawaian.access import pegawai_of_account
from kinerja.berkas import MIME_PDF


@login_required
@require_http_methods(["GET", "POST"])
def skp_saya(request):
    """The pegawai's SKP of the current period: opens it, or offers to start one (empty or copied from last year)."""
    pegawai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    skp = selectors.skp_terkini(pegawai=pegawai, periode=periode) if periode else None
    if skp is not None and request.method == "GET":
        return redirect("indikator:skp-detail", pk=skp.pk)
    error, status = None, 200
    if request.method == "POST":
        if periode is None:
            raise Http404(_("Belum ada periode penilaian yang dibuka."))
        try:
            if request.POST.get("aksi") == "salin":
                skp = services.skp_copy_from_last_year(actor=request.user, pegawai=pegawai, periode=periode)
                messages.success(
                    request, _("SKP tahun lalu telah disalin menjadi draf SKP %(tahun)s.") % {"tahun": periode.tahun}
                )
            else:
                skp = services.skp_create(actor=request.user, pegawai=pegawai, periode=periode)
                messages.success(request, _("Draf SKP %(tahun)s telah dibuat.") % {"tahun": periode.tahun})
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            return redirect("indikator:skp-detail", pk=skp.pk)
    context = {
        "periode": periode,
        "error": error,
        "ada_tahun_lalu": periode is not None
        and Skp.objects.filter(pegawai=pegawai, periode__tahun=periode.tahun - 1, terkini=True).exists(),
        "penyusunan_terbuka": periode is not None and periode.penyusunan_skp_terbuka(pegawai_id=pegawai.pk),
        "riwayat": Skp.objects.filter(pegawai=pegawai).select_related("periode").order_by("-periode__tahun", "-revisi"),
    }
    return render(request, "indikator/skp_saya.html", context, status=status)


def _render_skp(request, skp: Skp, *, status: int = 200, **forms):
    lembar = selectors.skp_lembar(skp=skp)
    aksi = access.actions_for(request.user, lembar)
    for rhk in lembar.rhk_list:
        for iki in rhk.iki_list:
            terakhir = iki.realisasi_list[-1].nilai if iki.realisasi_list else None
            iki.capaian = capaian_iki(iki, terakhir)
    ekspektasi = {e.nilai: e for e in lembar.ekspektasi_list}
    perilaku = [
        {
            "label": label,
            "pedoman": [str(p) for p in EkspektasiPerilaku(nilai=nilai).pedoman],
            "ekspektasi": ekspektasi[nilai].ekspektasi_khusus if nilai in ekspektasi else "",
            "nama_field": nilai,
        }
        for nilai, label in EkspektasiPerilaku.Nilai.choices
    ]
    versi = {"versi": lembar.versi}
    if aksi["ubah"]:
        forms.setdefault(
            "lampiran_form",
            LampiranForm(
                initial={
                    **versi,
                    "dukungan_sumber_daya": lembar.dukungan_sumber_daya,
                    "skema_pertanggungjawaban": lembar.skema_pertanggungjawaban,
                    "konsekuensi": lembar.konsekuensi,
                }
            ),
        )
    if aksi["kembalikan"]:
        forms.setdefault("kembalikan_form", KembalikanForm(initial=versi))
    if aksi["ekspektasi"]:
        forms.setdefault(
            "ekspektasi_form",
            EkspektasiForm(initial={**versi, **{n: e.ekspektasi_khusus for n, e in ekspektasi.items()}}),
        )
    if aksi["dialog"]:
        forms.setdefault("dialog_form", DialogForm())
    if "ekspektasi_form" in forms:
        for row in perilaku:
            row["field"] = forms["ekspektasi_form"][row["nama_field"]]
    kepala = exports.kepala_skp(lembar)
    context = {
        "skp": lembar,
        "aksi": aksi,
        "kepala": kepala,
        "kepala_pasangan": [
            (_("Pegawai yang dinilai"), kepala["pegawai"]),
            (_("Pejabat penilai kinerja"), kepala["penilai"]),
        ],
        "pemilik": access.is_owner(request.user, lembar),
        "penyusunan_terbuka": lembar.periode.penyusunan_skp_terbuka(pegawai_id=lembar.pegawai_id, revisi=lembar.revisi),
        "revisi_list": selectors.skp_revisi_list(skp=lembar),
        "perilaku": perilaku,
        "rhk_utama": [r for r in lembar.rhk_list if r.jenis == Rhk.Jenis.UTAMA],
        "rhk_tambahan": [r for r in lembar.rhk_list if r.jenis == Rhk.Jenis.TAMBAHAN],
        "tautan_putus": [r for r in lembar.rhk_list if r.status_tautan == Rhk.StatusTautan.PUTUS],
        "status_form": forms.get("status_form"),
        **forms,
    }
    return render(request, "indikator/skp_detail.html", context, status=status)


@login_required
def skp_detail(request, pk: int):
    skp = access.skp_get_for_user(request.user, pk)
    return _render_skp(request, skp)


def _skp_aksi(request, pk: int, form_class, form_name: str, action, pesan: str, *, tujuan=None):
    skp = access.skp_get_for_user(request.user, pk)
    form = form_class(request.POST)
    ok, status = _run(form, lambda data: action(skp, data), skp=skp)
    if ok:
        messages.success(request, pesan)
        return redirect(tujuan() if tujuan else reverse("indikator:skp-detail", args=[skp.pk]))
    return _render_skp(request, skp, status=status, **{form_name: form})


@login_required
@require_POST
def skp_lampiran(request, pk: int):
    def action(skp, data):
        services.skp_update(
            actor=request.user,
            skp=skp,
            versi=data["versi"],
            **{k: data[k] for k in ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")},
        )

    return _skp_aksi(request, pk, LampiranForm, "lampiran_form", action, _("Lampiran SKP telah disimpan."))


@login_required
@require_POST
def skp_ajukan(request, pk: int):
    def action(skp, data):
        services.skp_submit(actor=request.user, skp=skp, versi=data["versi"])

    return _skp_aksi(
        request, pk, AjukanForm, "status_form", action, _("SKP telah diajukan kepada pejabat penilai Anda.")
    )


@login_required
@require_POST
def skp_kembalikan(request, pk: int):
    def action(skp, data):
        services.skp_return(actor=request.user, skp=skp, versi=data["versi"], alasan=data["alasan"])

    return _skp_aksi(
        request, pk, KembalikanForm, "kembalikan_form", action, _("SKP telah dikembalikan kepada pegawai.")
    )


@login_required
@require_POST
def skp_setujui(request, pk: int):
    def action(skp, data):
        services.skp_approve(actor=request.user, skp=skp, versi=data["versi"])

    return _skp_aksi(request, pk, AjukanForm, "status_form", action, _("SKP telah disetujui."))


@login_required
@require_POST
def skp_revisi(request, pk: int):
    hasil = {}

    def action(skp, data):
        hasil["skp"] = services.skp_revise(actor=request.user, skp=skp, versi=data["versi"])

    return _skp_aksi(
        request,
        pk,
        AjukanForm,
        "status_form",
        action,
        _("Revisi SKP telah dibuat sebagai draf. Revisi lama tetap dapat dibaca."),
        tujuan=lambda: reverse("indikator:skp-detail", args=[hasil["skp"].pk]),
    )


@login_required
@require_POST
def skp_ekspektasi(request, pk: int):
    def action(skp, data):
        ekspektasi = {nilai: data.get(nilai) or "" for nilai in EkspektasiPerilaku.Nilai.values}
        services.ekspektasi_set_all(actor=request.user, skp=skp, versi=data["versi"], ekspektasi=ekspektasi)

    return _skp_aksi(
        request, pk, EkspektasiForm, "ekspektasi_form", action, _("Ekspektasi khusus pimpinan telah disimpan.")
    )


@login_required
@require_POST
def skp_dialog(request, pk: int):
    def action(skp, data):
        services.dialog_kinerja_create(
            actor=request.user, skp=skp, tanggal=data["tanggal"], catatan=data["catatan"], hasil=data["hasil"]
        )

    return _skp_aksi(request, pk, DialogForm, "dialog_form", action, _("Catatan dialog kinerja telah disimpan."))


@login_required
def skp_pdf(request, pk: int):
    """The SKP's PDF: the file when the document of the SKP as it is now is ready, else the page that says it is
    being made (rendered by a Celery job); an htmx poll gets only the status block, which stops once finished."""
    skp = access.skp_get_for_user(request.user, pk)
    dok = services.skp_pdf_minta(actor=request.user, skp=skp)
    if dok.siap and not request.htmx:
        return FileResponse(
            dok.berkas.open("rb"), as_attachment=True, filename=exports.nama_berkas_skp(skp), content_type=MIME_PDF
        )
    if request.htmx:
        return render(request, "indikator/skp_pdf_status.html", {"skp": skp, "dok": dok})
    return render(request, "indikator/skp_pdf_tunggu.html", {"skp": skp, "dok": dok})
