"""The matching rule between development needs and training (pure, no query): a need in competence area *A* is
answered by a programme whose bidang kompetensi is one of ``PELATIHAN_PADANAN_KEBUTUHAN[A]`` — by default the same
area. Used by the recommendations (``pelatihan.rekomendasi``), by completion (which closes the needs it met) and by
the team page that shows the rule."""

from django.conf import settings

from pelatihan.models import BidangKompetensi
from penilaian.models import KebutuhanPengembangan

PADANAN_BAWAAN: dict[str, list[str]] = {
    "manajerial": [BidangKompetensi.MANAJERIAL],
    "teknis": [BidangKompetensi.TEKNIS],
    "sosial_kultural": [BidangKompetensi.SOSIAL_KULTURAL],
}


def padanan(area: str) -> list[str]:
    """The programme bidang that answer a need in competence area ``area`` (the setting, or the same area)."""
    aturan = getattr(settings, "PELATIHAN_PADANAN_KEBUTUHAN", None) or PADANAN_BAWAAN
    return [str(b) for b in aturan.get(area, [area])]


def area_dijawab(bidang: str) -> list[str]:
    """The competence areas of the needs that a programme of ``bidang`` answers (the rule read backwards)."""
    aturan = getattr(settings, "PELATIHAN_PADANAN_KEBUTUHAN", None) or PADANAN_BAWAAN
    return [area for area, daftar in aturan.items() if bidang in [str(b) for b in daftar]]


def aturan_padanan_teks() -> list[tuple[str, list[str]]]:
    """The rule as the team page shows it: (need area label, [programme bidang labels])."""
    label_area = dict(KebutuhanPengembangan.Area.choices)
    label_bidang = dict(BidangKompetensi.choices)
    aturan = getattr(settings, "PELATIHAN_PADANAN_KEBUTUHAN", None) or PADANAN_BAWAAN
    return [
        (str(label_area.get(area, area)), [str(label_bidang.get(b, b)) for b in daftar])
        for area, daftar in aturan.items()
    ]
