"""Reads of ``penilaian`` that the pages, the API and the services share, split by sub-domain as the services are;
``from penilaian import selectors`` keeps working."""

from penilaian.selectors.evaluasi import (
    BarisIki,
    BarisPerilaku,
    BarisTimEvaluasi,
    LembarEvaluasi,
    evaluasi_lembar,
    evaluasi_milik,
    evaluasi_tim,
    keberatan_untuk_diputuskan,
    saran_evaluasi,
)
from penilaian.selectors.organisasi import (
    BarisRiwayat,
    BarisSebaran,
    DistribusiUnit,
    Kalibrasi,
    distribusi_unit,
    jumlah_predikat,
    kalibrasi_unit,
    kebutuhan_terbuka,
    predikat_unit_get,
    predikat_unit_list,
    riwayat_kinerja,
    sebaran_units,
    unit_ditetapkan,
)

__all__ = [
    "BarisIki",
    "BarisPerilaku",
    "BarisRiwayat",
    "BarisSebaran",
    "BarisTimEvaluasi",
    "DistribusiUnit",
    "Kalibrasi",
    "LembarEvaluasi",
    "distribusi_unit",
    "evaluasi_lembar",
    "evaluasi_milik",
    "evaluasi_tim",
    "jumlah_predikat",
    "kalibrasi_unit",
    "keberatan_untuk_diputuskan",
    "kebutuhan_terbuka",
    "predikat_unit_get",
    "predikat_unit_list",
    "riwayat_kinerja",
    "saran_evaluasi",
    "sebaran_units",
    "unit_ditetapkan",
]
