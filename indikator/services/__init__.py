"""Every write of ``indikator``, one module per sub-domain (the same names as
``api/`` and ``views/``; ``from indikator import services`` re-exports them).
One function per action, keyword-only arguments, the acting user first.

Each function: ``transaction.atomic`` + ``audit_actor`` (django-auditlog records the actor), checks who may act
(``indikator.access.require_*``, raising ``PermissionDenied``), validates (``full_clean`` and the domain rules
below, raising ``ValidationError`` with Indonesian messages), saves, and queues side effects with
``kinerja.antrian.enqueue_on_commit`` (by task name: services never import ``indikator.tasks``). A refused call
saves nothing.

Rules held here:

- only the owner edits his SKP, only in draft (or returned), only while drafting is open (the first revision is
  bound to ``batas_penyusunan_skp``; later revisions to the period being open), unless an admin reopened it;
- optimistic locking: every edit of an SKP (its RHK, IKI, lampiran, status) passes the ``versi`` the caller read;
  a mismatch raises ``KonflikVersi`` and nothing is saved. Realisasi has its own ``versi``;
- an RHK intervensi must be an RHK of the current SKP of the pegawai's own atasan (a draft is fine: he is not
  blocked by his atasan); links are checked again when either SKP is approved and broken ones are flagged
  (``Rhk.status_tautan = putus``), visible to both sides;
- only the pegawai's pejabat penilai returns (with a reason) or approves; approval takes the snapshots;
- realisation of a closed month/quarter is refused unless reopened for that pegawai.
"""

from indikator.services.dokumen import (
    skp_pdf_build,
    skp_pdf_fail,
    skp_pdf_minta,
)
from indikator.services.indikator_unit import (
    IMPOR_MAKS_BYTE,
    INDIKATOR_UNIT_FIELDS,
    KOLOM_IMPOR_INDIKATOR_UNIT,
    indikator_unit_create,
    indikator_unit_import,
)
from indikator.services.kaskade import (
    rhk_cascade,
    tautan_check,
    tautan_check_bawahan,
)
from indikator.services.periode import (
    pembukaan_kembali_create,
    periode_close,
    periode_create,
    periode_open,
)
from indikator.services.realisasi import (
    bukti_create,
    bukti_delete,
    realisasi_save,
)
from indikator.services.realisasi_terhitung import (
    can_set_terhitung,
    realisasi_terhitung_set,
)
from indikator.services.rhk_iki import (
    RHK_FIELDS,
    iki_create,
    iki_delete,
    iki_update,
    rhk_create,
    rhk_delete,
    rhk_update,
)
from indikator.services.skp import (
    SKP_LAMPIRAN_FIELDS,
    ekspektasi_set,
    ekspektasi_set_all,
    skp_approve,
    skp_copy_from_last_year,
    skp_create,
    skp_return,
    skp_revise,
    skp_submit,
    skp_update,
)
from indikator.services.umpan_balik import (
    dialog_kinerja_create,
    umpan_balik_create,
    umpan_balik_reply,
)

__all__ = [
    "skp_pdf_build",
    "skp_pdf_fail",
    "skp_pdf_minta",
    "IMPOR_MAKS_BYTE",
    "INDIKATOR_UNIT_FIELDS",
    "KOLOM_IMPOR_INDIKATOR_UNIT",
    "RHK_FIELDS",
    "SKP_LAMPIRAN_FIELDS",
    "bukti_create",
    "bukti_delete",
    "can_set_terhitung",
    "dialog_kinerja_create",
    "ekspektasi_set",
    "ekspektasi_set_all",
    "iki_create",
    "iki_delete",
    "iki_update",
    "indikator_unit_create",
    "indikator_unit_import",
    "pembukaan_kembali_create",
    "periode_close",
    "periode_create",
    "periode_open",
    "realisasi_save",
    "realisasi_terhitung_set",
    "rhk_cascade",
    "rhk_create",
    "rhk_delete",
    "rhk_update",
    "skp_approve",
    "skp_copy_from_last_year",
    "skp_create",
    "skp_return",
    "skp_revise",
    "skp_submit",
    "skp_update",
    "tautan_check",
    "tautan_check_bawahan",
    "umpan_balik_create",
    "umpan_balik_reply",
]
