"""Every write of ``penilaian``, one function per action, split by sub-domain; ``from penilaian import services``
keeps working: ``services.evaluasi_open(...)``.

Each function: ``transaction.atomic`` + ``audit_actor`` (django-auditlog records who, when and before/after of every
registered row), checks who may act itself (``penilaian.access.require_*``: 404 / 403), validates (Indonesian
messages, ``ValidationError``), saves. A refused call saves nothing.
"""

from penilaian.services.arsip import arsip_build, arsip_run
from penilaian.services.evaluasi import (
    evaluasi_acknowledge,
    evaluasi_finalize,
    evaluasi_open,
    evaluasi_save,
    pengaturan_periode_set,
    penilaian_mandiri_save,
)
from penilaian.services.keberatan import keberatan_decide, keberatan_reply, keberatan_submit
from penilaian.services.organisasi import (
    distribusi_finalize,
    kalibrasi_close,
    kalibrasi_open,
    kalibrasi_rate,
    predikat_unit_set,
)
from penilaian.services.pengembangan import kebutuhan_close, kebutuhan_close_by_pelatihan

__all__ = [
    "arsip_build",
    "arsip_run",
    "distribusi_finalize",
    "kalibrasi_close",
    "kalibrasi_open",
    "kalibrasi_rate",
    "kebutuhan_close",
    "kebutuhan_close_by_pelatihan",
    "predikat_unit_set",
    "evaluasi_acknowledge",
    "evaluasi_finalize",
    "evaluasi_open",
    "evaluasi_save",
    "keberatan_decide",
    "keberatan_reply",
    "keberatan_submit",
    "pengaturan_periode_set",
    "penilaian_mandiri_save",
]
