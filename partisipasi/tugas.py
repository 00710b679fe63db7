"""What citizens' complaints ask of the officers who handle them (``kinerja.tugas``): open complaints of their
units, and those past their service level. Two counting queries whatever the number of complaints."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.tugas import Tugas, penyedia
from partisipasi import access, selectors


@penyedia
def tugas_petugas(user) -> list[Tugas]:
    if not access.is_petugas(user):
        return []
    sekarang = timezone.now()
    angka = (
        selectors.pengaduan_antrian(user)
        .order_by()
        .aggregate(
            terbuka=Count("pk"),
            terlambat=Count("pk", filter=selectors.terlambat_q(sekarang)),
        )
    )
    url = reverse("partisipasi:antrian")
    items = []
    if angka["terlambat"]:
        items.append(
            Tugas(
                kode="partisipasi.pengaduan_terlambat",
                teks=_("%(n)d pengaduan warga melewati batas layanan.") % {"n": angka["terlambat"]},
                url=f"{url}?terlambat=1",
                jumlah=angka["terlambat"],
                penting=True,
                peran="penilai",
            )
        )
    if angka["terbuka"]:
        items.append(
            Tugas(
                kode="partisipasi.pengaduan_tangani",
                teks=_("%(n)d pengaduan warga perlu ditangani.") % {"n": angka["terbuka"]},
                url=url,
                jumlah=angka["terbuka"],
                peran="penilai",
            )
        )
    return items


@penyedia
def tugas_aspirasi(user) -> list[Tugas]:
    """Open aspirations of the user's units (responsible unit or forum's kelurahan): one counting query."""
    if not access.is_petugas(user):
        return []
    n = selectors.aspirasi_tindak_lanjut(user).order_by().count()
    if not n:
        return []
    return [
        Tugas(
            kode="partisipasi.aspirasi_tindak_lanjut",
            teks=_("%(n)d aspirasi warga perlu ditindaklanjuti.") % {"n": n},
            url=reverse("partisipasi:forum-kelola"),
            jumlah=n,
            peran="penilai",
        )
    ]
