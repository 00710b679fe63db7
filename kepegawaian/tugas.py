"""What a pegawai's own record asks of him (``kinerja.tugas``): an atasan that is not recorded blocks his SKP."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai
from kinerja.tugas import Tugas, penyedia


@penyedia
def tugas_profil(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    if Pegawai.objects.filter(pk=akses.pegawai_id, atasan__isnull=True).exists():
        return [
            Tugas(
                kode="kepegawaian.atasan_belum_tercatat",
                teks=_(
                    "Atasan langsung Anda belum tercatat. Hubungi admin unit kerja Anda agar pejabat penilai "
                    "Anda dapat menyetujui SKP dan menilai kinerja Anda."
                ),
                url=reverse("kepegawaian:profil"),
                penting=True,
            )
        ]
    return []
