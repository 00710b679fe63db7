"""The monitoring page of admin unit and admin BKD (``/indikator/pemantauan/``): SKP and realisation of their scope
per unit, each number a link to the pegawai behind it. Thin: reads through ``indikator.pemantauan``."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from indikator import pemantauan, selectors
from indikator.models import Skp
from kepegawaian.access import akses_for, unit_manageable
from kepegawaian.models import UnitKerja


@login_required
def pemantauan_skp(request):
    if not akses_for(request.user).is_admin:
        raise Http404(_("Halaman tidak ditemukan."))
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    pilihan = unit_manageable(request.user)
    unit_id = request.GET.get("unit", "")
    unit = pilihan.filter(pk=unit_id).first() if unit_id.isdigit() else pemantauan.unit_pantau_awal(request.user)
    if unit is None:
        raise Http404(_("Unit tidak ditemukan atau bukan lingkup Anda."))
    status = request.GET.get("status") or None
    if status not in (None, *pemantauan.STATUS):
        status = None
    ke = selectors.periode_ke_terakhir_ditutup(periode=periode)
    baris = pemantauan.pemantauan_unit(request.user, unit=unit, periode=periode, periode_ke=ke)
    langsung = request.GET.get("langsung") == "1"
    page = Paginator(
        pemantauan.pegawai_pantau(request.user, unit=unit, periode=periode, status=status, langsung=langsung), 50
    ).get_page(request.GET.get("halaman"))
    query = f"unit={unit.pk}" + (f"&status={status}" if status else "") + ("&langsung=1" if langsung else "")
    label_status = {"belum": _("Belum disusun"), **dict(Skp.Status.choices)}
    return render(
        request,
        "indikator/pemantauan.html",
        {
            "periode": periode,
            "unit": unit,
            "induk": pilihan.filter(path=unit.path[: -UnitKerja.steplen]).first() if unit.depth > 1 else None,
            "baris": baris,
            "status_list": [(s, label_status[s]) for s in pemantauan.STATUS],
            "status": status,
            "langsung": langsung,
            "status_label": label_status.get(status or "", ""),
            "label_ke": periode.label_periode_ke(ke) if ke else None,
            "page": page,
            "query": query,
            "label_status": label_status,
        },
    )
