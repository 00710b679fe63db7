"""What laporan asks of the admins (``kinerja.tugas``): citizens' questions on their units' reports that wait for
moderation. One counting query whatever the number of questions or units."""

from django.urls import reverse
from django.utils.translation import ngettext

from kepegawaian.access import akses_for
from kinerja.tugas import Tugas, penyedia
from laporan import access
from laporan.models import StatusPertanyaan


@penyedia
def tugas_moderasi_pertanyaan(user) -> list[Tugas]:
    if not akses_for(user).is_admin:
        return []
    n = access.pertanyaan_kelola_visible(user).filter(status=StatusPertanyaan.MENUNGGU).order_by().count()
    if not n:
        return []
    return [
        Tugas(
            kode="laporan.pertanyaan_moderasi",
            teks=ngettext(
                "%(n)d pertanyaan warga tentang laporan menunggu moderasi.",
                "%(n)d pertanyaan warga tentang laporan menunggu moderasi.",
                n,
            )
            % {"n": n},
            url=f"{reverse('laporan:pertanyaan-daftar')}?status={StatusPertanyaan.MENUNGGU}",
            jumlah=n,
            peran="admin",
        )
    ]
