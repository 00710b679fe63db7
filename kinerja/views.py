"""The home page (beranda): one page whose sections follow the roles the user holds.

- everyone: the to-do list ("Tugas saya", ``kinerja.tugas``) of every role he holds;
- pegawai: his profile summary and his atasan;
- pejabat penilai: also his team (direct subordinates);
- atasan pejabat penilai: also the counts of his two-level team;
- admin unit: a summary of each unit subtree granted to him, with links to the organisation browser and import;
- admin BKD: province-wide counts.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from kepegawaian import selectors
from kepegawaian.access import akses_for
from kepegawaian.models import UnitKerja
from kinerja.tugas import jumlah_tugas, tugas_untuk
from partisipasi import access as partisipasi_access


def _url_or_none(name: str) -> str | None:
    """Links to pages other apps add later (import, SKP) appear once those pages exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
def beranda(request):
    akses = akses_for(request.user)
    context: dict = {"akses": akses}

    if akses.pegawai_id:
        profil = selectors.pegawai_profile(akses.pegawai_id)
        bawahan = list(selectors.bawahan_with_counts(akses.pegawai_id))
        context.update(
            profil=profil,
            bawahan=bawahan,
            jumlah_bawahan_tingkat_dua=sum(b.jumlah_bawahan for b in bawahan),
        )

    if akses.admin_unit_ids:
        units = UnitKerja.objects.filter(pk__in=akses.admin_unit_ids).order_by("path")
        context["unit_admin"] = [selectors.unit_summary(unit) for unit in units]

    if akses.is_bkd:
        context["provinsi"] = selectors.province_summary()

    if akses.is_admin:
        context["impor_url"] = _url_or_none("kepegawaian:impor")

    context["tugas"] = tugas_untuk(request.user)
    # Complaint officers, unit heads and admins: their complaints dashboard (roles cached by the to-do list above).
    context["petugas_pengaduan"] = partisipasi_access.is_petugas(request.user)
    return render(request, "beranda.html", context)


@login_required
def tugas_jumlah(request):
    """The count badge of the to-do list beside "Beranda", loaded by htmx after the page (so that no page pays for
    it in its own queries); empty when nothing is waiting."""
    return render(request, "includes/tugas_jumlah.html", {"jumlah": jumlah_tugas(request.user)})
