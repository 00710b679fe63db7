"""The home page (beranda): one page whose sections follow the roles the user holds.

- pegawai: his profile summary, his atasan and the next steps;
- pejabat penilai: also his team (direct subordinates);
- atasan pejabat penilai: also the counts of his two-level team;
- admin unit: a summary of each unit subtree granted to him, with links to the organisation browser and import;
- admin BKD: province-wide counts.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kepegawaian import selectors
from kepegawaian.access import akses_for
from kepegawaian.models import UnitKerja


def _url_or_none(name: str) -> str | None:
    """Links to pages other apps add later (import, SKP) appear once those pages exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _langkah_pegawai(profil, bawahan) -> list[dict]:
    """Next steps for a pegawai, from what is missing or pending in his data."""
    langkah = []
    if profil.atasan_id is None:
        langkah.append(
            {
                "teks": _(
                    "Atasan langsung Anda belum tercatat. Hubungi admin unit kerja Anda agar pejabat penilai "
                    "Anda dapat menyetujui SKP dan menilai kinerja Anda."
                ),
                "penting": True,
            }
        )
    else:
        langkah.append(
            {
                "teks": _("Periksa profil Anda: unit kerja, jabatan dan atasan langsung harus sesuai kenyataan."),
                "url": reverse("kepegawaian:profil"),
            }
        )
    skp_url = _url_or_none("indikator:skp-saya")
    langkah.append({"teks": _("Susun Sasaran Kinerja Pegawai (SKP) untuk periode berjalan."), "url": skp_url})
    if bawahan:
        langkah.append(
            {
                "teks": _("Tinjau dan setujui SKP bawahan Anda, lalu berikan umpan balik berkelanjutan."),
                "url": _url_or_none("indikator:tim"),
            }
        )
    return langkah


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
            langkah=_langkah_pegawai(profil, bawahan),
        )

    if akses.admin_unit_ids:
        units = UnitKerja.objects.filter(pk__in=akses.admin_unit_ids).order_by("path")
        context["unit_admin"] = [selectors.unit_summary(unit) for unit in units]

    if akses.is_bkd:
        context["provinsi"] = selectors.province_summary()

    if akses.is_admin:
        context["impor_url"] = _url_or_none("kepegawaian:impor")

    return render(request, "beranda.html", context)
