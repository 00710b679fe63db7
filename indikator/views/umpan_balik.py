"""Feedback on the realisation page: the penilai writes, both sides reply."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator import access, services
from indikator.forms import (
    BalasanForm,
    UmpanBalikForm,
)
from indikator.views._dasar import (
    _ke_valid,
    _render_realisasi,
    _run,
    simpan_hasil,
    url_bulan,
)


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
        simpan_hasil(request, iki=iki, ke=ke, pesan=_("Umpan balik telah dikirim."))
        return redirect(url_bulan(iki.pk, ke))
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
        simpan_hasil(request, iki=iki, ke=induk.periode_ke, pesan=_("Balasan telah dikirim."))
        return redirect(url_bulan(iki.pk, induk.periode_ke))
    return _render_realisasi(request, iki, status=status, forms={("balas", induk.pk): form})
