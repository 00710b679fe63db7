"""SKP planning and realisation (a package by sub-domain; ``from indikator.models import X`` as before):
periods, unit indicators (IKU / Perjanjian Kinerja), SKP, RHK, IKI, realisasi,
bukti dukung, umpan balik and dialog kinerja.

Invariants live here as database constraints; workflow rules (who may do what, deadlines, optimistic locking)
live in ``indikator.services``. Read ``indikator.capaian`` for how achievement is computed.

Decisions worth knowing:

- **Zero target.** A negative target is never meaningful and is refused. A zero target is refused when higher
  is better (anything would "meet" it), and allowed when lower is better ("zero findings", "zero late
  reports"): the capaian of such an indicator is undefined and shown as "—" for the penilai to judge
  (domain.md, "Achievement of an indicator").
- **Revisions.** Only one SKP per pegawai per period is *terkini* (current); revising an approved SKP copies it
  into a new draft revision and the old one stays readable with ``terkini=False``.
- **Deadlines.** A closed period is read-only for everybody. Inside an open period the SKP drafting deadline
  and the per-month/quarter realisation deadline make entries read-only, unless an admin recorded a
  ``PembukaanKembali`` for that pegawai.
"""

from indikator.models._dasar import (
    DESIMAL_MAKS,
    DIGIT_MAKS,
    NAMA_BULAN,
    NAMA_TRIWULAN,
    Arah,
    Aspek,
    BentukTarget,
    Perspektif,
    galat_besaran,
    galat_target_rentang,
    hari_ini,
    satuan_persen,
)
from indikator.models.dokumen import DokumenSkp, StatusDokumen
from indikator.models.indikator_unit import IndikatorUnit
from indikator.models.periode import PembukaanKembali, PeriodePenilaian
from indikator.models.realisasi import (
    BuktiDukung,
    DialogKinerja,
    Realisasi,
    SumberRealisasi,
    UmpanBalik,
    _bukti_upload_to,
    nama_berkas_bukti,
)
from indikator.models.skp import PEDOMAN_BERAKHLAK, EkspektasiPerilaku, Iki, Rhk, Skp

__all__ = [
    "DokumenSkp",
    "StatusDokumen",
    "NAMA_BULAN",
    "NAMA_TRIWULAN",
    "PEDOMAN_BERAKHLAK",
    "DESIMAL_MAKS",
    "DIGIT_MAKS",
    "Arah",
    "Aspek",
    "BentukTarget",
    "BuktiDukung",
    "DialogKinerja",
    "EkspektasiPerilaku",
    "Iki",
    "IndikatorUnit",
    "PembukaanKembali",
    "PeriodePenilaian",
    "Perspektif",
    "Realisasi",
    "Rhk",
    "Skp",
    "SumberRealisasi",
    "UmpanBalik",
    "_bukti_upload_to",
    "galat_besaran",
    "galat_target_rentang",
    "satuan_persen",
    "hari_ini",
    "nama_berkas_bukti",
]
