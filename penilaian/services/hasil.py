"""One evaluation's result changed after it was final: by an objection decision (``keberatan``) or a calibration
(``organisasi``). Both go through ``_hasil_ubah`` so that the result, its development needs and its documents
always move together."""

from penilaian import aturan
from penilaian.models import Evaluasi
from penilaian.services.arsip import _arsip_perbarui
from penilaian.services.pengembangan import _kebutuhan_sync


def _hasil_ubah(
    evaluasi: Evaluasi, *, hasil: str, perilaku: str, actor, sebab: str, referensi: str, sebab_arsip: str
) -> Evaluasi:
    """Set the two ratings and the predikat the matrix gives them, bump the version (an open form on the old result
    is refused with 409), make the development needs follow (``sebab`` closes or reopens them, ``referensi`` points at
    the objection or the calibration change) and regenerate the unit documents that hold it (``sebab_arsip``).
    Private: called inside the service that checked the actor and holds the row lock (``evaluasi_terkunci``)."""
    evaluasi.rating_hasil_kerja = hasil
    evaluasi.rating_perilaku = perilaku
    evaluasi.predikat = aturan.predikat_pegawai(hasil, perilaku)
    evaluasi.versi += 1
    evaluasi.full_clean()
    evaluasi.save()
    _kebutuhan_sync(evaluasi, actor=actor, sebab=sebab, referensi=referensi)
    _arsip_perbarui(evaluasi=evaluasi, sebab=sebab_arsip)
    return evaluasi
