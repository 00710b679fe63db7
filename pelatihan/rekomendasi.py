"""Training that answers performance: a development need from an appraisal (``penilaian``: a weak predikat, a
Di Bawah rating on a BerAKHLAK value, the penilai's note) becomes recommended events for the pegawai, and a
completed training closes the needs it met.

**The matching rule** (shown on the team page): a need in competence area *A* is answered by a programme whose
bidang kompetensi is one of ``PELATIHAN_PADANAN_KEBUTUHAN[A]`` — by default the same area (manajerial →
manajerial, teknis → teknis, sosial kultural → sosial kultural). Recommended are the events of such programmes
whose registration is open now, that the pegawai may join (the programme's target jabatan/unit) and that he is not
registered for yet. Completing any event of such a programme closes his open needs in that area.
"""

import datetime as dt
from dataclasses import dataclass, field

from kepegawaian.models import Pegawai
from pelatihan.models import Kegiatan, Peserta
from pelatihan.padanan import padanan
from pelatihan.selectors import kegiatan_katalog
from pelatihan.services._dasar import is_sasaran_prefetched
from penilaian.models import KebutuhanPengembangan
from penilaian.selectors import kebutuhan_terbuka


@dataclass
class Rekomendasi:
    """One open need of a pegawai and the events open now that answer it."""

    kebutuhan: KebutuhanPengembangan
    kegiatan: list[Kegiatan] = field(default_factory=list)


def rekomendasi_untuk(pegawai: list[Pegawai], *, hari: dt.date | None = None) -> dict[int, list[Rekomendasi]]:
    """Per pegawai id: his open needs with the recommended events. Four queries whatever the number of people:
    the needs, the events open for registration (with their targets), and the registrations of these people."""
    ids = [p.pk for p in pegawai]
    kebutuhan = list(kebutuhan_terbuka(pegawai_ids=ids))
    if not kebutuhan:
        return {}
    terbuka = [
        k
        for k in kegiatan_katalog(hari=hari).prefetch_related("program__target_jabatan", "program__target_unit")
        if k.pendaftaran_terbuka(hari)
    ]
    terdaftar = set(
        Peserta.objects.filter(pegawai_id__in=ids, kegiatan__in=terbuka)
        .exclude(status=Peserta.Status.BATAL)
        .values_list("pegawai_id", "kegiatan_id")
    )
    per_id = {p.pk: p for p in pegawai}
    hasil: dict[int, list[Rekomendasi]] = {}
    for need in kebutuhan:
        orang = per_id[need.pegawai_id]
        bidang = padanan(need.area_kompetensi)
        cocok = [
            k
            for k in terbuka
            if k.program.bidang in bidang
            and (orang.pk, k.pk) not in terdaftar
            and is_sasaran_prefetched(k.program, orang)
        ]
        hasil.setdefault(need.pegawai_id, []).append(Rekomendasi(kebutuhan=need, kegiatan=cocok))
    return hasil
