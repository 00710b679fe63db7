"""Every write of ``pelatihan``: one function per action, keyword-only arguments, the acting user first.

Each checks who may act (``pelatihan.access``: 404 / 403), validates (Indonesian ``ValidationError``), saves inside
``transaction.atomic`` with the actor recorded by the audit log, and queues side effects after commit. A refused
call saves nothing.
"""

from pelatihan.services._dasar import is_sasaran, jp_periksa, program_sasaran_q
from pelatihan.services.eksternal import eksternal_approve, eksternal_return, eksternal_submit
from pelatihan.services.hasil import kehadiran_set, kelulusan_grant, kode_normal
from pelatihan.services.impor import riwayat_import, riwayat_import_job_create
from pelatihan.services.kegiatan import (
    kegiatan_create,
    kegiatan_update,
    peserta_create,
    peserta_create_nominasi,
    peserta_revoke,
)
from pelatihan.services.pengingat import pengingat_check
from pelatihan.services.program import program_create, program_update
from pelatihan.services.ulasan import ulasan_rate

__all__ = [
    "eksternal_approve",
    "eksternal_return",
    "eksternal_submit",
    "is_sasaran",
    "jp_periksa",
    "kegiatan_create",
    "kegiatan_update",
    "kehadiran_set",
    "kelulusan_grant",
    "kode_normal",
    "peserta_create",
    "peserta_create_nominasi",
    "peserta_revoke",
    "pengingat_check",
    "program_create",
    "program_sasaran_q",
    "program_update",
    "riwayat_import",
    "riwayat_import_job_create",
    "ulasan_rate",
]
