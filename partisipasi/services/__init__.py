"""Every write of ``partisipasi``: one module per sub-domain (``from partisipasi import services`` re-exports them),
one function per action, the actor's right checked here (whichever door called).

- ``pengaduan``: public actions (an anonymous actor, a citizen without an account): ``pengaduan_create``,
  ``dukungan_create``, ``ulasan_create`` and ``pengaduan_open`` (the last two with the tracking code as the
  citizen's key); officer actions: ``pengaduan_move`` (a status transition), ``pengaduan_reply`` (an official
  response), ``duplikat_link`` (merge a duplicate), ``pengaduan_set_tersembunyi`` (moderation);
- ``impor``: complaints from other channels, a CSV/JSON file (``pengaduan_impor_job_create``, run as a
  kepegawaian ``ImporJob`` of kind ``pengaduan``) or the integration API (``pengaduan_import_api``);
- ``privasi``: the nightly anonymisation of complainants' data after the retention period (``anonimisasi_run``);
- ``ringkasan``: the daily e-mail of overdue complaints to each handling unit (``ringkasan_terlambat_run``);
- ``petugas``: ``petugas_grant`` / ``petugas_revoke`` (the unit's admin);
- ``forum``: ``forum_create``, ``kehadiran_register`` (public), ``notulen_set``, ``aspirasi_create``,
  ``aspirasi_update`` (status, progress and a dated public update);
- ``terhitung``: an IKI bound to complaint figures (``iki_terhitung_link`` / ``_delete``) and the job that writes
  them as computed realisation through ``indikator.services.realisasi_terhitung_set`` (``realisasi_terhitung_run``).

Every write runs inside ``audit_actor`` on models registered with auditlog (``partisipasi.apps``); a status
change also leaves a ``RiwayatStatus`` row, which is the trail the citizen sees.
"""

from partisipasi.services._dasar import MAKS_DESKRIPSI, MAKS_TEKS, TerlaluSering, klien_kunci
from partisipasi.services.forum import (
    aspirasi_create,
    aspirasi_update,
    forum_create,
    kehadiran_register,
    notulen_set,
)
from partisipasi.services.impor import EKSTENSI as EKSTENSI_IMPOR
from partisipasi.services.impor import (
    KANAL_IMPOR,
    STATUS_IMPOR,
    HasilImporPengaduan,
    pengaduan_impor_job_create,
    pengaduan_import,
    pengaduan_import_api,
)
from partisipasi.services.impor import KOLOM as KOLOM_IMPOR
from partisipasi.services.impor import KOLOM_WAJIB as KOLOM_IMPOR_WAJIB
from partisipasi.services.pengaduan import (
    dukungan_create,
    duplikat_link,
    pengaduan_create,
    pengaduan_move,
    pengaduan_open,
    pengaduan_reply,
    pengaduan_set_tersembunyi,
    ulasan_create,
)
from partisipasi.services.petugas import petugas_grant, petugas_revoke
from partisipasi.services.privasi import HasilAnonimisasi, anonimisasi_run, pengaduan_kedaluwarsa, retensi_hari
from partisipasi.services.ringkasan import penerima_unit, ringkasan_terlambat_run
from partisipasi.services.terhitung import (
    HasilHitung,
    can_link_terhitung,
    iki_terhitung_delete,
    iki_terhitung_link,
    realisasi_terhitung_run,
    tautan_daftar,
)

__all__ = [
    "HasilAnonimisasi",
    "anonimisasi_run",
    "pengaduan_kedaluwarsa",
    "penerima_unit",
    "retensi_hari",
    "ringkasan_terlambat_run",
    "EKSTENSI_IMPOR",
    "HasilImporPengaduan",
    "KANAL_IMPOR",
    "KOLOM_IMPOR",
    "KOLOM_IMPOR_WAJIB",
    "STATUS_IMPOR",
    "pengaduan_impor_job_create",
    "pengaduan_import",
    "pengaduan_import_api",
    "HasilHitung",
    "aspirasi_create",
    "aspirasi_update",
    "forum_create",
    "kehadiran_register",
    "notulen_set",
    "MAKS_DESKRIPSI",
    "MAKS_TEKS",
    "TerlaluSering",
    "can_link_terhitung",
    "dukungan_create",
    "duplikat_link",
    "iki_terhitung_delete",
    "iki_terhitung_link",
    "klien_kunci",
    "pengaduan_create",
    "pengaduan_move",
    "pengaduan_open",
    "pengaduan_reply",
    "pengaduan_set_tersembunyi",
    "petugas_grant",
    "petugas_revoke",
    "realisasi_terhitung_run",
    "tautan_daftar",
    "ulasan_create",
]
