"""Pages of the evaluation: the penilai's team list, the evaluation sheet and its forms, the pegawai's list.
Thin: bind a form, ``run_form`` with one service, render. The services check who may act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator.selectors import periode_aktif
from kepegawaian.access import pegawai_get_for_user, pegawai_of_account
from kinerja.forms import run_form
from penilaian import access, aturan, selectors, services
from penilaian.dokumen import DOKUMEN, konteks_dokumen, nama_berkas
from penilaian.dokumen import dokumen_pdf as buat_pdf
from penilaian.forms import MandiriForm, VersiForm
from penilaian.models import Evaluasi
from penilaian.views._dasar import evaluasi_form, jalankan, konteks_evaluasi


def _ke_dari(request, periode) -> int | None:
    """``?ke=2`` a month/quarter, ``?ke=tahunan`` (or nothing after the year's last period) the annual one."""
    ke = request.GET.get("ke") or request.POST.get("ke") or "1"
    if ke == "tahunan":
        return None
    try:
        nilai = int(ke)
    except ValueError:
        raise Http404(_("Bulan/triwulan tidak dikenal.")) from None
    if nilai not in periode.daftar_periode_ke:
        raise Http404(_("Bulan/triwulan tidak dikenal."))
    return nilai


def _periode(request):
    periode = periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    return periode


@login_required
def tim(request):
    """The penilai's direct subordinates with their evaluation of one month/quarter or of the year."""
    penilai = pegawai_of_account(request.user)
    periode = _periode(request)
    ke = _ke_dari(request, periode)
    rows = selectors.evaluasi_tim(penilai=penilai, periode=periode, periode_ke=ke)
    sebaran: dict[str, int] = {}
    for b in rows:
        if b.evaluasi and b.evaluasi.predikat:
            sebaran[b.evaluasi.predikat] = sebaran.get(b.evaluasi.predikat, 0) + 1
    context = {
        "periode": periode,
        "ke": ke,
        "pilihan_ke": [(k, periode.label_periode_ke(k)) for k in periode.daftar_periode_ke],
        "rows": rows,
        "sebaran": [(p.label, sebaran.get(p.value, 0)) for p in aturan.Predikat],
        "batang": selectors.batang_sebaran(sebaran),
    }
    return render(request, "penilaian/tim.html", context)


@login_required
@require_POST
def evaluasi_buka(request, pegawai_pk: int):
    pegawai = pegawai_get_for_user(request.user, pegawai_pk)
    periode = _periode(request)
    ke = _ke_dari(request, periode)
    form = VersiForm({"versi": 1})
    hasil: dict[str, Evaluasi] = {}
    ok, status = run_form(
        form,
        lambda data: hasil.setdefault(
            "e", services.evaluasi_open(actor=request.user, pegawai=pegawai, periode=periode, periode_ke=ke)
        ),
    )
    if ok:
        return redirect(hasil["e"])
    for pesan in form.non_field_errors():
        messages.error(request, str(pesan))
    return redirect(f"{reverse('penilaian:tim')}?ke={ke or 'tahunan'}")


@login_required
def evaluasi_detail(request, pk: int):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    return render(request, "penilaian/evaluasi.html", konteks_evaluasi(request, evaluasi))


@login_required
@require_POST
def evaluasi_simpan(request, pk: int):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    access.require_rate(request.user, evaluasi)
    lembar = selectors.evaluasi_lembar(evaluasi=evaluasi)
    form = evaluasi_form(evaluasi, lembar, request.POST)
    final = "finalkan" in request.POST

    def action(data):
        per_iki, per_nilai = form.umpan_balik()
        with transaction.atomic():  # saving and finalising in one click: both or neither
            _simpan_dan_finalkan(data, per_iki, per_nilai)

    def _simpan_dan_finalkan(data, per_iki, per_nilai):
        baru = services.evaluasi_save(
            actor=request.user,
            evaluasi=evaluasi,
            versi=data["versi"],
            rating_hasil_kerja=data["rating_hasil_kerja"],
            rating_perilaku=data["rating_perilaku"],
            alasan_beda_saran=data["alasan_beda_saran"],
            catatan=data["catatan"],
            umpan_balik_iki=per_iki,
            umpan_balik_perilaku=per_nilai,
            rating_nilai=form.rating_nilai(),
            catatan_pengembangan=data["catatan_pengembangan"],
            area_pengembangan=data["area_pengembangan"],
        )
        if final:
            services.evaluasi_finalize(actor=request.user, evaluasi=baru, versi=baru.versi)

    pesan = _("Evaluasi telah difinalkan.") if final else _("Draf evaluasi tersimpan.")
    return jalankan(request, evaluasi, form=form, nama_form="form", action=action, pesan=pesan)


@login_required
@require_POST
def evaluasi_mandiri(request, pk: int):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    form = MandiriForm(request.POST)
    return jalankan(
        request,
        evaluasi,
        form=form,
        nama_form="mandiri_form",
        pesan=_("Penilaian mandiri tersimpan."),
        action=lambda d: services.penilaian_mandiri_save(
            actor=request.user,
            evaluasi=evaluasi,
            versi=d["versi"],
            hasil_kerja=d["hasil_kerja"],
            perilaku=d["perilaku"],
            catatan=d["catatan"],
        ),
    )


@login_required
@require_POST
def evaluasi_baca(request, pk: int):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    form = VersiForm({"versi": evaluasi.versi})
    ok, status = run_form(form, lambda d: services.evaluasi_acknowledge(actor=request.user, evaluasi=evaluasi))
    if ok:
        messages.success(request, _("Terima kasih: Anda telah menyatakan membaca evaluasi ini."))
    else:
        for pesan in form.non_field_errors():
            messages.error(request, str(pesan))
    return redirect(evaluasi)


@login_required
def evaluasi_saya(request):
    pegawai = pegawai_of_account(request.user)
    rows = list(selectors.evaluasi_milik(pegawai=pegawai).filter(status="final"))
    return render(request, "penilaian/evaluasi_saya.html", {"rows": rows})


@login_required
def riwayat(request, pk: int):
    """A pegawai's history of predikat (periods and years) with the documents and, for a functional position, the
    credit points. Whoever may see the pegawai (himself, his superiors, his admins); 404 for the others."""
    pegawai = pegawai_get_for_user(request.user, pk)
    rows = selectors.riwayat_kinerja(pegawai=pegawai)
    return render(
        request,
        "penilaian/riwayat.html",
        {"pegawai": pegawai, "rows": rows, "dokumen": DOKUMEN, "ada_angka_kredit": any(b.angka_kredit for b in rows)},
    )


@login_required
def riwayat_saya(request):
    return redirect("penilaian:riwayat", pk=pegawai_of_account(request.user).pk)


def _jenis_dokumen(jenis: str) -> str:
    if jenis not in DOKUMEN:
        raise Http404(_("Dokumen tidak dikenal."))
    return jenis


@login_required
def dokumen(request, pk: int, jenis: str):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    konteks = konteks_dokumen(
        evaluasi=evaluasi, jenis=_jenis_dokumen(jenis), tampil_rating=access.can_see_rating(request.user, evaluasi)
    )
    return render(request, "penilaian/dokumen.html", konteks)


@login_required
def dokumen_pdf(request, pk: int, jenis: str):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    isi = buat_pdf(
        evaluasi=evaluasi, jenis=_jenis_dokumen(jenis), tampil_rating=access.can_see_rating(request.user, evaluasi)
    )
    response = HttpResponse(isi, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas(evaluasi=evaluasi, jenis=jenis)}"'
    return response
