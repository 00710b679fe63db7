"""The documented columns of every published table (the CSV/JSON downloads, the open-data catalogue, the page).

The snapshot stores only the rows (``laporan.bab``); titles and descriptions live here, translated when shown, so a
published report reads in Indonesian and English alike. Code cells (jenis, arah, predikat, pita) are shown with
their label through ``label_sel``.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indikator.models import Arah, IndikatorUnit
from partisipasi.models import StatusAspirasi
from penilaian.models import KebutuhanPengembangan, Predikat


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str | Promise
    keterangan: str | Promise
    tipe: str = "string"  # string | integer | number (a decimal as text, or "< 5")


@dataclass(frozen=True)
class Tabel:
    kunci: str
    judul: str | Promise
    keterangan: str | Promise
    kolom: tuple[Kolom, ...]


PITA_LABEL = {
    "hijau": _("Tercapai (≥ 100%)"),
    "kuning": _("Hampir tercapai (80–<100%)"),
    "merah": _("Belum tercapai (< 80%)"),
    "abu": _("Belum dapat dihitung"),
}
_LABEL = {
    "jenis": dict(IndikatorUnit.Jenis.choices),
    "arah": dict(Arah.choices),
    "predikat": dict(Predikat.choices),
    "pita": PITA_LABEL,
    "area": dict(KebutuhanPengembangan.Area.choices),
    "kelompok": {"latih": _("Berlatih"), "tidak": _("Tidak berlatih")},
    "status_aspirasi": dict(StatusAspirasi.choices),
}

_SENSOR = _("Sel bertanda '< 5' disembunyikan: kelompok kurang dari batas minimum orang (atau sel pelengkapnya).")

TABEL: dict[str, Tabel] = {
    t.kunci: t
    for t in (
        Tabel(
            "iku",
            _("Capaian indikator kinerja unit"),
            _("Per indikator kinerja utama (IKU) dan Perjanjian Kinerja: target, realisasi dan capaian tahun ini, "
              "capaian indikator yang sama pada dua tahun sebelumnya, dan perbandingan dengan target jangka "
              "menengah (RPD/RPJMD) bila tercatat."),
            (
                Kolom("jenis", _("Jenis"), _("iku = Indikator Kinerja Utama, pk = Perjanjian Kinerja")),
                Kolom("sasaran", _("Sasaran strategis"), _("Sasaran strategis yang diukur")),
                Kolom("indikator", _("Indikator"), _("Nama indikator")),
                Kolom("satuan", _("Satuan"), _("Satuan target dan realisasi")),
                Kolom("arah", _("Arah"), _("naik = semakin tinggi semakin baik, turun = semakin rendah semakin baik")),
                Kolom("target", _("Target"), _("Target tahun ini"), "number"),
                Kolom("realisasi", _("Realisasi"), _("Realisasi periode terakhir yang terisi"), "number"),
                Kolom("capaian", _("Capaian (%)"), _("Capaian dua desimal; kosong bila belum dapat dihitung"),
                      "number"),
                Kolom("capaian_1", _("Capaian tahun lalu (%)"), _("Indikator yang sama, satu tahun sebelumnya"),
                      "number"),
                Kolom("capaian_2", _("Capaian dua tahun lalu (%)"), _("Indikator yang sama, dua tahun sebelumnya"),
                      "number"),
                Kolom("target_menengah", _("Target jangka menengah"),
                      _("Target akhir periode RPD 2023–2026 / RPJMD 2025–2029; kosong bila belum tercatat"), "number"),
                Kolom("rencana_menengah", _("Rencana jangka menengah"), _("Dokumen rencana asal target")),
                Kolom("capaian_menengah", _("Capaian thd. target jangka menengah (%)"),
                      _("Realisasi tahun ini dibanding target akhir periode rencana, dua desimal"), "number"),
            ),
        ),
        Tabel(
            "tren",
            _("Tren rata-rata capaian indikator"),
            _("Rata-rata capaian indikator unit per tahun."),
            (
                Kolom("tahun", _("Tahun"), _("Tahun laporan"), "integer"),
                Kolom("rata_capaian", _("Rata-rata capaian (%)"), _("Rata-rata capaian indikator yang dapat dihitung"),
                      "number"),
                Kolom("jumlah_indikator", _("Jumlah indikator"), _("Indikator yang capaiannya dapat dihitung"),
                      "integer"),
            ),
        ),
        Tabel(
            "predikat",
            _("Sebaran predikat kinerja pegawai"),
            format_lazy("{} {}", _("Predikat evaluasi kinerja tahunan yang sudah final, per predikat."), _SENSOR),
            (
                Kolom("predikat", _("Predikat"), _("Predikat kinerja pegawai")),
                Kolom("jumlah", _("Jumlah pegawai"), _("Jumlah pegawai dengan predikat ini"), "integer"),
                Kolom("persen", _("Persentase"), _("Persentase dari pegawai yang dinilai"), "number"),
            ),
        ),
        Tabel(
            "capaian_iki",
            _("Sebaran capaian SKP pegawai"),
            format_lazy(
                "{} {}", _("Indikator kinerja individu (IKI) dari SKP yang disetujui, per kelompok capaian."), _SENSOR
            ),
            (
                Kolom("pita", _("Kelompok capaian"),
                      _("hijau ≥ 100%, kuning 80–<100%, merah < 80%, abu belum dapat dihitung")),
                Kolom("jumlah", _("Jumlah IKI"), _("Jumlah indikator individu dalam kelompok"), "integer"),
                Kolom("persen", _("Persentase"), _("Persentase dari seluruh IKI"), "number"),
            ),
        ),
        Tabel(
            "jp",
            _("Kepatuhan pengembangan kompetensi (20 JP)"),
            format_lazy("{} {}", _("Pegawai aktif yang memenuhi target jam pelajaran tahun ini."), _SENSOR),
            (
                Kolom("jumlah_pegawai", _("Jumlah pegawai"), _("Pegawai aktif"), "integer"),
                Kolom("patuh", _("Memenuhi target"), _("Pegawai yang mencapai target JP"), "integer"),
                Kolom("belum", _("Belum memenuhi"), _("Pegawai yang belum mencapai target JP"), "integer"),
                Kolom("persen_patuh", _("Persentase memenuhi"), _("Persentase pegawai yang memenuhi"), "number"),
                Kolom("jp_rata", _("Rata-rata JP"), _("Rata-rata JP yang diakui per pegawai"), "number"),
            ),
        ),
        Tabel(
            "pengaduan",
            _("Layanan pengaduan masyarakat"),
            _("Pengaduan yang diterima dan diselesaikan unit beserta waktu penyelesaiannya."),
            (
                Kolom("diterima", _("Diterima"), _("Pengaduan yang diterima tahun ini"), "integer"),
                Kolom("selesai", _("Diselesaikan"), _("Pengaduan yang diselesaikan tahun ini"), "integer"),
                Kolom("ditolak", _("Ditolak"), _("Pengaduan tahun ini yang ditolak"), "integer"),
                Kolom("median_hari", _("Median penyelesaian (hari)"), _("Median waktu penyelesaian"), "number"),
                Kolom("p90_hari", _("Persentil 90 (hari)"), _("90% pengaduan selesai dalam waktu ini"), "number"),
                Kolom("target_hari", _("Target (hari)"), _("Target waktu penyelesaian"), "integer"),
                Kolom("persen_tepat_waktu", _("Tepat waktu (%)"), _("Persentase selesai dalam batas layanan"),
                      "number"),
            ),
        ),
        Tabel(
            "kebutuhan",
            _("Kebutuhan pengembangan yang terpenuhi"),
            format_lazy("{} {}", _("Kebutuhan pengembangan kompetensi dari evaluasi kinerja tahun ini, per area, dan "
                                   "yang ditutup oleh pelatihan yang selesai."), _SENSOR),
            (
                Kolom("area", _("Area kompetensi"), _("Area kompetensi kebutuhan")),
                Kolom("kebutuhan", _("Kebutuhan"), _("Kebutuhan pengembangan yang muncul tahun ini"), "integer"),
                Kolom("terpenuhi", _("Terpenuhi oleh pelatihan"),
                      _("Kebutuhan yang ditutup oleh pelatihan yang selesai"), "integer"),
                Kolom("persen_terpenuhi", _("Persentase terpenuhi"), _("Persentase kebutuhan yang terpenuhi"),
                      "number"),
            ),
        ),
        Tabel(
            "dampak",
            _("Apakah pelatihan berhasil?"),
            format_lazy("{} {}", _("Pegawai dengan kebutuhan pengembangan tahun sebelumnya: yang berlatih "
                                   "dibandingkan yang tidak, perubahan predikat dan rata-rata capaian SKP ke tahun "
                                   "ini. Perbandingan, bukan bukti sebab-akibat."), _SENSOR),
            (
                Kolom("area", _("Area kompetensi"), _("Area kompetensi kebutuhan")),
                Kolom("kelompok", _("Kelompok"), _("latih = berlatih, tidak = tidak berlatih")),
                Kolom("orang", _("Jumlah pegawai"), _("Pegawai dalam kelompok"), "integer"),
                Kolom("naik", _("Predikat naik"), _("Pegawai yang predikatnya naik"), "integer"),
                Kolom("tetap", _("Predikat tetap"), _("Pegawai yang predikatnya tetap"), "integer"),
                Kolom("turun", _("Predikat turun"), _("Pegawai yang predikatnya turun"), "integer"),
                Kolom("belum", _("Belum dapat dibandingkan"), _("Pegawai tanpa predikat di kedua tahun"), "integer"),
                Kolom("capaian_awal", _("Capaian awal (%)"), _("Rata-rata capaian SKP tahun kebutuhan"), "number"),
                Kolom("capaian_akhir", _("Capaian akhir (%)"), _("Rata-rata capaian SKP tahun berikutnya"), "number"),
                Kolom("selisih", _("Selisih capaian"), _("Capaian akhir dikurangi capaian awal"), "number"),
            ),
        ),
        Tabel(
            "aspirasi",
            _("Tindak lanjut aspirasi warga"),
            _("Aspirasi dari forum warga di kelurahan unit yang diadakan tahun ini, per status saat ini."),
            (
                Kolom("status", _("Status"), _("Status tindak lanjut aspirasi")),
                Kolom("jumlah", _("Jumlah aspirasi"), _("Aspirasi dengan status ini"), "integer"),
                Kolom("persen", _("Persentase"), _("Persentase dari seluruh aspirasi tahun ini"), "number"),
            ),
        ),
        Tabel(
            "per_unit",
            _("Ringkasan per perangkat daerah"),
            format_lazy("{} {}", _("Angka utama setiap unit langsung di bawah pemerintah provinsi (hanya pada "
                                   "laporan provinsi)."), _SENSOR),
            (
                Kolom("kode", _("Kode unit"), _("Kode unit kerja")),
                Kolom("unit", _("Unit"), _("Nama unit kerja")),
                Kolom("rata_capaian_iku", _("Rata-rata capaian IKU (%)"),
                      _("Rata-rata capaian indikator unit yang dapat dihitung"), "number"),
                Kolom("jumlah_skp", _("SKP disetujui"), _("SKP tahun ini yang disetujui, satu per pegawai"),
                      "integer"),
                Kolom("persen_patuh_jp", _("Memenuhi 20 JP (%)"), _("Persentase pegawai aktif yang memenuhi target JP"),
                      "number"),
                Kolom("pengaduan_selesai", _("Pengaduan diselesaikan"), _("Pengaduan yang diselesaikan tahun ini"),
                      "integer"),
                Kolom("persen_tepat_waktu", _("Tepat waktu (%)"), _("Persentase selesai dalam batas layanan"),
                      "number"),
            ),
        ),
    )
}  # fmt: skip

#: which column of a table holds a code shown with its label
KOLOM_KODE = {("iku", 0): "jenis", ("iku", 4): "arah", ("predikat", 0): "predikat", ("capaian_iki", 0): "pita",
              ("kebutuhan", 0): "area", ("dampak", 0): "area", ("dampak", 1): "kelompok",
              ("aspirasi", 0): "status_aspirasi"}  # fmt: skip


def label_sel(tabel: str, indeks: int, nilai):
    """The text a cell shows on the page and in the PDF (a code becomes its label)."""
    jenis = KOLOM_KODE.get((tabel, indeks))
    if jenis and nilai in _LABEL[jenis]:
        return _LABEL[jenis][nilai]
    return nilai


def baris_tabel(data: dict, kunci: str) -> list[list]:
    """The rows of table ``kunci`` of a snapshot (an empty list when the snapshot has none)."""
    lebar = len(TABEL[kunci].kolom) if kunci in TABEL else 0
    # a snapshot made before a column was added has shorter rows: the new cells are empty, never shifted
    return [list(b) + [None] * (lebar - len(b)) for b in data.get("tabel", {}).get(kunci, {}).get("baris", [])]
