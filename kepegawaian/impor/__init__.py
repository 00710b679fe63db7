"""Import of units and employees (CSV or XLSX): read, validate every row, then import all of it or nothing.

- ``baca``: uploaded files into rows (``DataImpor``), file-level errors; no database.
- ``periksa``: every row validated against the file and the database together, in memory; any bad row rejects the
  whole import with a per-row list of errors (``ImporDitolak``).
- ``terapkan``: ``data_import`` validates, then applies a valid import in one transaction (units through the
  services, employees in bulk with their audit entries).
- ``job``: ``ImporJob`` — small uploads run in the request, large ones in a Celery job (``impor_job_run``, safe to
  run twice). Other kinds of file import (``ImporJob.jenis``, e.g. pelatihan's training history) register their
  reader and applier with ``jenis_impor_daftar`` and share the job, its progress and its page.

``actor=None`` means the system (management commands such as ``seed_demo``): no scope limit. Callers use
``from kepegawaian import impor`` and the names below.
"""

from kepegawaian.impor.baca import (
    EKSTENSI,
    KOLOM_PEGAWAI,
    KOLOM_PEGAWAI_WAJIB,
    KOLOM_UNIT,
    KOLOM_UNIT_WAJIB,
    Baris,
    DataImpor,
    FormatBerkas,
    JenisTabel,
    Kesalahan,
    baca_berkas,
    hitung_baris,
)
from kepegawaian.impor.job import (
    JenisImpor,
    batas_sinkron,
    impor_job_create,
    impor_job_progres,
    impor_job_run,
    impor_job_submit,
    jenis_impor,
    jenis_impor_daftar,
    maks_ukuran_berkas,
)
from kepegawaian.impor.periksa import ImporDitolak, nip_dibulatkan_excel, pesan_nip_dibulatkan
from kepegawaian.impor.terapkan import BATCH, HasilImpor, data_import

__all__ = [
    "BATCH",
    "EKSTENSI",
    "KOLOM_PEGAWAI",
    "KOLOM_PEGAWAI_WAJIB",
    "KOLOM_UNIT",
    "KOLOM_UNIT_WAJIB",
    "Baris",
    "DataImpor",
    "FormatBerkas",
    "HasilImpor",
    "ImporDitolak",
    "JenisImpor",
    "JenisTabel",
    "Kesalahan",
    "baca_berkas",
    "batas_sinkron",
    "data_import",
    "hitung_baris",
    "impor_job_create",
    "impor_job_progres",
    "impor_job_run",
    "impor_job_submit",
    "jenis_impor",
    "jenis_impor_daftar",
    "maks_ukuran_berkas",
    "nip_dibulatkan_excel",
    "pesan_nip_dibulatkan",
]
