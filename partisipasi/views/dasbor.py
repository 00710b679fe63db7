"""The kelurahan head's dashboard: the open complaints of his units by age and handling unit (one grouped query) and
the overdue list (by the deadlines ``partisipasi.sla`` stored at filing), most overdue first. For the unit's head,
its officers and moderators, and an admin unit for his subtree (the queue's audience: ``access.is_petugas``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from partisipasi import access, selectors

MAKS_TERLAMBAT = 50


@login_required
def dasbor(request):
    if not access.is_petugas(request.user):
        raise Http404(_("Halaman tidak ditemukan."))
    sekarang = timezone.now()
    umur = selectors.pengaduan_umur(request.user, sekarang=sekarang)
    context = {
        "umur": umur,
        "kelompok": [(_label(a, b), n) for (a, b), n in zip(umur.kelompok, umur.total.kelompok, strict=True)],
        "terlambat": selectors.pengaduan_terlambat_daftar(request.user, sekarang=sekarang)[:MAKS_TERLAMBAT],
        "maks_terlambat": MAKS_TERLAMBAT,
        "sekarang": sekarang,
    }
    return render(request, "partisipasi/dasbor.html", context)


def _label(dari: int, sampai: int | None) -> str:
    if sampai is None:
        return _("> %(n)d hari") % {"n": dari - 1}
    return _("%(a)d–%(b)d hari") % {"a": dari, "b": sampai}
