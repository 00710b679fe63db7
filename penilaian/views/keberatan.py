"""Pages of the objection: file it (the pegawai), respond (the penilai), decide (the atasan pejabat penilai), and
the atasan's list of objections to decide. The services check who may act and the 14-day deadline."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kepegawaian.access import pegawai_of_account
from penilaian import access, selectors, services
from penilaian.forms import KeberatanForm, KeputusanForm, TanggapanForm
from penilaian.views._dasar import jalankan


@login_required
@require_POST
def keberatan_ajukan(request, pk: int):
    evaluasi = access.evaluasi_get_for_user(request.user, pk)
    form = KeberatanForm(request.POST)
    return jalankan(
        request,
        evaluasi,
        form=form,
        nama_form="keberatan_form",
        pesan=_("Keberatan Anda telah diajukan kepada atasan pejabat penilai."),
        action=lambda d: services.keberatan_submit(
            actor=request.user, evaluasi=evaluasi, alasan=d["alasan"], bukti_tautan=d["bukti_tautan"]
        ),
    )


@login_required
@require_POST
def keberatan_tanggapi(request, pk: int):
    keberatan = access.keberatan_get_for_user(request.user, pk)
    form = TanggapanForm(request.POST)
    return jalankan(
        request,
        keberatan.evaluasi,
        form=form,
        nama_form="tanggapan_form",
        pesan=_("Tanggapan tersimpan."),
        action=lambda d: services.keberatan_reply(actor=request.user, keberatan=keberatan, tanggapan=d["tanggapan"]),
    )


@login_required
@require_POST
def keberatan_putuskan(request, pk: int):
    keberatan = access.keberatan_get_for_user(request.user, pk)
    form = KeputusanForm(request.POST)
    return jalankan(
        request,
        keberatan.evaluasi,
        form=form,
        nama_form="keputusan_form",
        pesan=_("Keputusan keberatan tersimpan. Keputusan ini final."),
        action=lambda d: services.keberatan_decide(
            actor=request.user,
            keberatan=keberatan,
            keputusan=d["keputusan"],
            alasan_keputusan=d["alasan_keputusan"],
            rating_hasil_kerja=d["rating_hasil_kerja"],
            rating_perilaku=d["rating_perilaku"],
        ),
    )


@login_required
def keberatan_masuk(request):
    """The atasan pejabat penilai's objections to decide."""
    atasan = pegawai_of_account(request.user)
    rows = list(selectors.keberatan_untuk_diputuskan(atasan=atasan))
    return render(request, "penilaian/keberatan_masuk.html", {"rows": rows})
