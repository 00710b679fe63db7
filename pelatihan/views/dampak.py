"""Did training work? ("Apakah pelatihan berhasil?"): the comparison page for admin unit (his subtree) and admin BKD
(the province). Thin: the figures, their scope and the right to see them come from
``pelatihan.selectors.dampak_pelatihan``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from pelatihan import selectors
from pelatihan.models import hari_ini

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def tahun_dampak(nilai: str | None) -> int | None:
    """The year of the needs from a query parameter: by default last year (its next year is the current one);
    ``None`` when it is not a year."""
    if not nilai:
        return hari_ini().year - 1
    try:
        tahun = int(nilai)
    except ValueError:
        return None
    return tahun if TAHUN_MIN <= tahun <= TAHUN_MAKS else None


@login_required
def dampak(request):
    tahun = tahun_dampak(request.GET.get("tahun"))
    status = 200
    if tahun is None:
        tahun, status = hari_ini().year - 1, 400
    laporan = selectors.dampak_pelatihan(user=request.user, tahun=tahun)
    context = {"laporan": laporan, "tahun": tahun, "tahun_berikut": tahun + 1, "tahun_salah": status == 400}
    return render(request, "pelatihan/dampak.html", context, status=status)
