"""The models of ``penilaian``, split by sub-domain; ``from penilaian.models import Evaluasi`` keeps working.

- ``evaluasi``: periodic and annual evaluations, their feedback, objections (keberatan), the period's settings;
- ``organisasi``: a unit's predikat kinerja organisasi, the finalisation of its annual results against the
  distribution curve (penetapan), calibration sessions and their changes;
- ``arsip``: a unit's documents as one ZIP built by a Celery job;
- ``pengembangan``: development needs (kebutuhan pengembangan) that weak results create.
"""

from penilaian.aturan import Predikat, Rating  # the values the models store (re-exported for readers)
from penilaian.models.arsip import ArsipDokumenUnit, StatusArsip
from penilaian.models.evaluasi import (
    Evaluasi,
    JenisEvaluasi,
    Keberatan,
    Keputusan,
    PengaturanPeriode,
    StatusEvaluasi,
    StatusKeberatan,
    UmpanBalikEvaluasi,
    masa_evaluasi_dimulai,
)
from penilaian.models.organisasi import (
    PenetapanDistribusi,
    PerubahanKalibrasi,
    PredikatUnit,
    SesiKalibrasi,
    StatusSesiKalibrasi,
)
from penilaian.models.pengembangan import KebutuhanPengembangan, StatusKebutuhan, SumberKebutuhan

__all__ = [
    "ArsipDokumenUnit",
    "Predikat",
    "Rating",
    "StatusArsip",
    "Evaluasi",
    "JenisEvaluasi",
    "KebutuhanPengembangan",
    "Keberatan",
    "Keputusan",
    "PenetapanDistribusi",
    "PengaturanPeriode",
    "PerubahanKalibrasi",
    "PredikatUnit",
    "SesiKalibrasi",
    "StatusEvaluasi",
    "StatusKebutuhan",
    "StatusKeberatan",
    "StatusSesiKalibrasi",
    "SumberKebutuhan",
    "UmpanBalikEvaluasi",
    "masa_evaluasi_dimulai",
]
