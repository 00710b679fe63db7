"""Pages of SKP planning and realisation. Thin: every object is fetched through ``indikator.access`` (what the
user may not see is a 404), every read of a page through ``indikator.selectors``, every write through
``indikator.services`` (which checks who may act: a visible object the user may not change is a 403).

A refused write re-renders the page with the user's input kept and the service's Indonesian message next to the
field it concerns (status 400). A version conflict (the SKP changed in another tab since the form was loaded)
re-renders with status 409, the user's input kept, and the form carrying the new version, so that saving again
is a deliberate choice and nothing is lost silently.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorList
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indikator import access, exports, selectors, services
from indikator.bukti import bukti_file_response
from indikator.capaian import capaian_iki, format_angka
from indikator.forms import (
    AjukanForm,
    BalasanForm,
    BuktiForm,
    DialogForm,
    EkspektasiForm,
    IkiForm,
    ImporIndikatorUnitForm,
    IndikatorUnitForm,
    KaskadeForm,
    KembalikanForm,
    LampiranForm,
    PembukaanKembaliForm,
    PeriodeForm,
    PilihUnitForm,
    RealisasiForm,
    RhkForm,
    UmpanBalikForm,
    VersiForm,
)
from indikator.models import (
    EkspektasiPerilaku,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Rhk,
    Skp,
)
from kepegawaian.access import akses_for, pegawai_manage_q, pegawai_of_account, unit_manageable
from kepegawaian.models import Pegawai
from kinerja.berkas import MIME_PDF, MIME_XLSX
from kinerja.db import versi_terkini
from kinerja.forms import run_form

# --- helpers ------------------------------------------------------------------------------------------------------


def _require_admin(request):
    akses = akses_for(request.user)
    if not akses.is_admin:
        raise Http404(_("Halaman tidak ditemukan."))
    return akses


def _run(form, action, *, skp: Skp | None = None):
    """Run a service with the form's data (``kinerja.forms.run_form``); a conflict carries the SKP's new version."""
    return run_form(form, action, versi_terkini=(lambda: versi_terkini(skp)) if skp is not None else None)


# --- SKP saya -----------------------------------------------------------------------------------------------------


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
    skp = access.skp_get_for_user(request.user, pk)
    isi = exports.skp_pdf(skp=skp)
    response = HttpResponse(isi, content_type=MIME_PDF)
    response["Content-Disposition"] = f'attachment; filename="{exports.nama_berkas_skp(skp)}"'
    return response


# --- RHK and IKI ----------------------------------------------------------------------------------------------------


def _rhk_pilihan(skp: Skp) -> dict:
    return {
        "rhk_atasan": selectors.rhk_atasan_pilihan(pegawai=skp.pegawai, periode=skp.periode),
        "indikator_unit": selectors.indikator_unit_list(
            unit=skp.pegawai.unit, periode=skp.periode, jenis=IndikatorUnit.Jenis.PK
        ),
    }


def _skp_untuk_diubah(request, skp: Skp) -> Skp:
    access.require_owner(request.user, skp)
    return skp


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
        "target_atas": format_angka(iki.target_atas) if iki.target_atas is not None else "",
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


# --- Realisation, evidence, feedback ----------------------------------------------------------------------------------


def _render_realisasi(request, iki, *, status: int = 200, forms: dict | None = None):
    forms = forms or {}
    skp = access.skp_get_for_user(request.user, iki.rhk.skp_id)
    periode = skp.periode
    pemilik, penilai = access.is_owner(request.user, skp), access.is_penilai(request.user, skp)
    realisasi = {r.periode_ke: r for r in iki.realisasi.prefetch_related("bukti").order_by("periode_ke")}
    threads: dict[int, list] = {}
    for ub in selectors.umpan_balik_thread(iki=iki):
        threads.setdefault(ub.periode_ke, []).append(ub)
    dimulai = set(selectors.periode_ke_jatuh_tempo(periode=periode))
    dapat_isi = access.can_save_realisasi(request.user, skp)
    dibuka_kembali = periode.dibuka_kembali_untuk(pegawai_id=skp.pegawai_id) if dapat_isi else []
    rows = []
    for ke in periode.daftar_periode_ke:
        r = realisasi.get(ke)
        terbuka = dapat_isi and periode.realisasi_terbuka(
            pegawai_id=skp.pegawai_id, periode_ke=ke, dibuka_kembali=dibuka_kembali
        )
        row: dict[str, Any] = {
            "ke": ke,
            "label": periode.label_periode_ke(ke),
            "batas": periode.batas_realisasi(ke),
            "dimulai": ke in dimulai,
            "realisasi": r,
            "bukti": list(r.bukti.all()) if r else [],
            "capaian": capaian_iki(iki, r.nilai if r else None),
            "terbuka": terbuka,
            "threads": threads.get(ke, []),
        }
        if not terbuka and ("r", ke) in forms:  # a refused write to a month/quarter that is not open
            row["galat"] = [e for key in (("r", ke), ("b", ke)) for e in forms[key].non_field_errors()]
        if terbuka:
            initial = {"versi": r.versi, "nilai": format_angka(r.nilai), "narasi": r.narasi} if r else {}
            row["form"] = forms.get(("r", ke)) or RealisasiForm(prefix=f"r{ke}", initial=initial)
            row["bukti_form"] = forms.get(("b", ke)) or BuktiForm(prefix=f"b{ke}")
        if penilai and skp.pernah_disetujui:
            row["ub_form"] = forms.get(("u", ke)) or UmpanBalikForm(prefix=f"u{ke}")
        if pemilik or penilai:
            for t in row["threads"]:
                t.balas_form = forms.get(("balas", t.pk)) or BalasanForm(prefix=f"balas{t.pk}")
        rows.append(row)
    context = {
        "iki": iki,
        "rhk": iki.rhk,
        "skp": skp,
        "periode": periode,
        "rows": rows,
        "pemilik": pemilik,
        "penilai": penilai,
        "dapat_isi": dapat_isi,
        "error": forms.get("error"),
    }
    return render(request, "indikator/realisasi.html", context, status=status)


@login_required
def iki_realisasi(request, pk: int):
    iki = access.iki_get_for_user(request.user, pk)
    return _render_realisasi(request, iki)


def _ke_valid(skp: Skp, ke: int) -> int:
    if ke not in skp.periode.daftar_periode_ke:
        raise Http404(_("Bulan/triwulan tidak dikenal untuk periode ini."))
    return ke


@login_required
@require_POST
def realisasi_simpan(request, pk: int, ke: int):
    """Save the realisation of a month/quarter and, when given, one piece of evidence with it: both or nothing."""
    iki = access.iki_get_for_user(request.user, pk)
    skp = iki.rhk.skp
    _ke_valid(skp, ke)
    access.require_owner(request.user, skp)
    form = RealisasiForm(request.POST, prefix=f"r{ke}")
    ada_bukti = bool(request.FILES.get(f"b{ke}-berkas") or request.POST.get(f"b{ke}-url", "").strip())
    # evidence is optional: without any, an unbound form, so a redisplay does not ask for a file or a link
    bukti_form = BuktiForm(request.POST, request.FILES, prefix=f"b{ke}") if ada_bukti else BuktiForm(prefix=f"b{ke}")
    forms = {("r", ke): form, ("b", ke): bukti_form}
    if ada_bukti and not bukti_form.is_valid():
        form.is_valid()  # the value's own errors are shown too
        return _render_realisasi(request, iki, status=400, forms=forms)

    def action(data):
        bukti = bukti_form.cleaned_data if ada_bukti else {}
        services.realisasi_save(
            actor=request.user,
            iki=iki,
            periode_ke=ke,
            nilai=data["nilai"],
            narasi=data["narasi"],
            versi=data["versi"],
            berkas=bukti.get("berkas"),
            url=bukti.get("url") or "",
        )

    def versi_baru() -> int:
        return iki.realisasi.filter(periode_ke=ke).values_list("versi", flat=True).first() or 1

    ok, status = run_form(form, action, versi_terkini=versi_baru)
    if not ok:
        return _render_realisasi(request, iki, status=status, forms=forms)
    messages.success(request, _("Realisasi %(label)s telah disimpan.") % {"label": skp.periode.label_periode_ke(ke)})
    return redirect(reverse("indikator:iki-realisasi", args=[iki.pk]) + f"#periode-{ke}")


@login_required
@require_POST
def bukti_hapus(request, pk: int):
    bukti = access.bukti_get_for_user(request.user, pk)
    iki_id = bukti.realisasi.iki_id
    try:
        services.bukti_delete(actor=request.user, bukti=bukti)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Bukti dukung telah dihapus."))
    return redirect("indikator:iki-realisasi", pk=iki_id)


@login_required
def bukti_unduh(request, pk: int):
    """Evidence files are served only through the access check, as attachments, never sniffed."""
    return bukti_file_response(access.bukti_get_for_user(request.user, pk))


@login_required
@require_POST
def umpan_balik_tambah(request, pk: int, ke: int):
    iki = access.iki_get_for_user(request.user, pk)
    _ke_valid(iki.rhk.skp, ke)
    form = UmpanBalikForm(request.POST, prefix=f"u{ke}")
    ok, status = _run(
        form, lambda data: services.umpan_balik_create(actor=request.user, iki=iki, periode_ke=ke, teks=data["teks"])
    )
    if ok:
        messages.success(request, _("Umpan balik telah dikirim."))
        return redirect(reverse("indikator:iki-realisasi", args=[iki.pk]) + f"#periode-{ke}")
    return _render_realisasi(request, iki, status=status, forms={("u", ke): form})


@login_required
@require_POST
def umpan_balik_balas(request, pk: int):
    induk = access.umpan_balik_get_for_user(request.user, pk)
    iki = access.iki_get_for_user(request.user, induk.iki_id)
    form = BalasanForm(request.POST, prefix=f"balas{induk.pk}")
    ok, status = _run(
        form, lambda data: services.umpan_balik_reply(actor=request.user, umpan_balik=induk, teks=data["teks"])
    )
    if ok:
        messages.success(request, _("Balasan telah dikirim."))
        return redirect(reverse("indikator:iki-realisasi", args=[iki.pk]) + f"#periode-{induk.periode_ke}")
    return _render_realisasi(request, iki, status=status, forms={("balas", induk.pk): form})


# --- Dashboard and team -------------------------------------------------------------------------------------------


def _grafik(dasbor) -> dict:
    """Chart data for static/indikator/indikator.js (Chart.js): per IKI the target line and realisation by period."""
    seri = [
        {
            "id": baris.iki.pk,
            "judul": baris.iki.uraian,
            "satuan": baris.iki.satuan,
            "label": [t.label for t in baris.titik],
            "target": float(baris.target_grafik),
            "realisasi": [None if t.realisasi is None else float(t.realisasi) for t in baris.titik],
        }
        for baris in dasbor.iki
    ]
    return {"teks": {"target": _("Target"), "realisasi": _("Realisasi")}, "seri": seri}


@login_required
def dasbor(request):
    """The pegawai's dashboard: his indicators with progress charts, missing entries, coming deadlines."""
    pegawai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        return render(request, "indikator/dasbor.html", {"periode": None})
    data = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)
    context = {"periode": periode, "d": data, "grafik": _grafik(data)}
    return render(request, "indikator/dasbor.html", context)


@login_required
def tim(request):
    """The penilai's team: each direct subordinate's SKP status, realisation per month/quarter, capaian so far."""
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        return render(request, "indikator/tim.html", {"periode": None})
    rows = selectors.tim_penilai(penilai=penilai, periode=periode)
    context = {
        "periode": periode,
        "rows": rows,
        "menunggu": [b for b in rows if b.skp and b.skp.status == Skp.Status.DIAJUKAN],
        "labels": [periode.label_periode_ke(ke) for ke in periode.daftar_periode_ke],
        "tautan_putus": list(selectors.tautan_putus_bawahan(pegawai=penilai, periode=periode)),
    }
    return render(request, "indikator/tim.html", context)


@login_required
def tim_xlsx(request):
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    isi = exports.tim_xlsx(penilai=penilai, periode=periode)
    response = HttpResponse(isi, content_type=MIME_XLSX)
    response["Content-Disposition"] = f'attachment; filename="realisasi-tim-{periode.tahun}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def kaskade(request):
    """Bulk cascade: one of the penilai's RHK, with an IKI and its target, to many subordinates in one request."""
    penilai = pegawai_of_account(request.user)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    rhk_qs = Rhk.objects.filter(skp__pegawai=penilai, skp__periode=periode, skp__terkini=True).select_related("skp")
    bawahan_qs = Pegawai.objects.filter(atasan=penilai, aktif=True).select_related("jabatan").order_by("nama")
    form = KaskadeForm(request.POST or None, rhk=rhk_qs, bawahan=bawahan_qs)
    status = 200
    if request.method == "POST":
        hasil = []

        def action(data):
            hasil.extend(
                services.rhk_cascade(
                    actor=request.user,
                    rhk=data["rhk"],
                    bawahan=list(data["bawahan"]),
                    iki=[form.iki_data()],
                    uraian=data["uraian_rhk"] or None,
                    jenis=data["jenis"],
                )
            )

        ok, status = _run(form, action)
        if ok:
            messages.success(request, _("RHK telah diturunkan kepada %(n)s bawahan.") % {"n": len(hasil)})
            return redirect("indikator:tim")
    context = {"form": form, "periode": periode, "ada_rhk": rhk_qs.exists(), "ada_bawahan": bawahan_qs.exists()}
    return render(request, "indikator/kaskade.html", context, status=status)


# --- Admin: periods, reopening, unit indicators ---------------------------------------------------------------------


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


@login_required
@require_http_methods(["GET", "POST"])
def indikator_unit_admin(request):
    """A unit's IKU and Perjanjian Kinerja for the period: list, entry form, XLSX import with per-row errors."""
    _require_admin(request)
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    units = unit_manageable(request.user)
    pilih = PilihUnitForm(request.GET or None, units=units)
    unit = pilih.cleaned_data["unit"] if pilih.is_valid() else None
    baris_galat: ErrorList | list[str]
    form, impor_form, status, baris_galat = IndikatorUnitForm(), ImporIndikatorUnitForm(), 200, []
    if request.method == "POST":
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        if request.POST.get("aksi") == "impor":
            impor_form = ImporIndikatorUnitForm(request.POST, request.FILES)
            hasil = []

            def impor(data):
                hasil.extend(
                    services.indikator_unit_import(
                        actor=request.user, unit=unit, periode=periode, berkas=data["berkas"]
                    )
                )

            ok, status = _run(impor_form, impor)
            baris_galat = impor_form.errors.get("__all__", []) if not ok else []
            if ok:
                messages.success(request, _("%(n)s indikator telah diimpor.") % {"n": len(hasil)})
        else:
            form = IndikatorUnitForm(request.POST)
            ok, status = _run(
                form,
                lambda data: services.indikator_unit_create(actor=request.user, unit=unit, periode=periode, **data),
            )
            if ok:
                messages.success(request, _("Indikator unit telah disimpan."))
        if ok:
            return redirect(reverse("indikator:indikator-unit") + f"?unit={unit.pk}")
    context = {
        "pilih": pilih,
        "unit": unit,
        "periode": periode,
        "form": form,
        "impor_form": impor_form,
        "baris_galat": baris_galat,
        "daftar": selectors.indikator_unit_list(unit=unit, periode=periode) if unit else [],
        "kolom": services.KOLOM_IMPOR_INDIKATOR_UNIT,
    }
    return render(request, "indikator/indikator_unit.html", context, status=status)
