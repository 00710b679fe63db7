"""The rules of appraisal (domain.md "Ratings and predikat", "Objection"), as pure functions: no database access.

Every service, page, document and report of ``penilaian`` asks these functions, so that a rule is written once:

- ``predikat_pegawai``: the 3×3 matrix of PermenPANRB 6/2022 (rating hasil kerja × rating perilaku kerja);
- ``periksa_distribusi``: the distribution rules of SE MenPANRB 3/2023 for a unit's predikat; the broken ones, each
  with the rule and by how many people (the curve is a consideration for the leader, not a quota: callers warn);
- ``saran_rating_hasil_kerja``: a suggested rating hasil kerja from the IKI capaian and the Utama results (a help for
  the penilai, never the rating: the regulation forbids a formula), thresholds configurable;
- ``angka_kredit``: credit points of a functional position per predikat (PermenPANRB 1/2023, PerBKN 3/2023);
- ``rating_dari_predikat_organisasi``: a unit head's rating hasil kerja from his unit's predikat (mapping is a setting);
- ``batas_keberatan`` / ``keberatan_masih_terbuka``: the 14 calendar days of PP 30/2019 art. 59.

Settings are read by ``penilaian.pengaturan`` and passed in, so these functions stay pure.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Rating(models.TextChoices):
    """Rating hasil kerja and rating perilaku kerja: the penilai's judgment."""

    DI_ATAS = "di_atas", gettext_lazy("Di Atas Ekspektasi")
    SESUAI = "sesuai", gettext_lazy("Sesuai Ekspektasi")
    DI_BAWAH = "di_bawah", gettext_lazy("Di Bawah Ekspektasi")


class Predikat(models.TextChoices):
    """Predikat kinerja pegawai, best first."""

    SANGAT_BAIK = "sangat_baik", gettext_lazy("Sangat Baik")
    BAIK = "baik", gettext_lazy("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", gettext_lazy("Butuh Perbaikan")
    KURANG = "kurang", gettext_lazy("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", gettext_lazy("Sangat Kurang")


class PredikatOrganisasi(models.TextChoices):
    """Predikat kinerja organisasi of a unit, best first."""

    ISTIMEWA = "istimewa", gettext_lazy("Istimewa")
    BAIK = "baik", gettext_lazy("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", gettext_lazy("Butuh Perbaikan")
    KURANG = "kurang", gettext_lazy("Kurang")
    SANGAT_KURANG = "sangat_kurang", gettext_lazy("Sangat Kurang")


class KelompokTerbesar(models.TextChoices):
    """What "sebagian besar" (the largest group) of the distribution rules means."""

    MAYORITAS = "mayoritas", gettext_lazy("Mayoritas (lebih dari separuh)")
    PLURALITAS = "pluralitas", gettext_lazy("Pluralitas (kelompok terbanyak, tanpa seri)")


class Aturan(models.TextChoices):
    """The distribution rules, one code each, as the table of SE MenPANRB 3/2023 lists them."""

    TERBESAR = "terbesar", gettext_lazy("kelompok terbesar")
    PALING_BANYAK = "paling_banyak", gettext_lazy("paling banyak")
    PALING_SEDIKIT = "paling_sedikit", gettext_lazy("paling sedikit")
    TIDAK_ADA = "tidak_ada", gettext_lazy("tidak boleh ada")


# --- the matrix -------------------------------------------------------------------------------------------------

R, P = Rating, Predikat

#: rows: rating hasil kerja; columns: rating perilaku kerja (domain.md, PermenPANRB 6/2022 lampiran)
MATRIKS: dict[tuple[str, str], Predikat] = {
    (R.DI_ATAS, R.DI_BAWAH): P.KURANG,
    (R.DI_ATAS, R.SESUAI): P.BAIK,
    (R.DI_ATAS, R.DI_ATAS): P.SANGAT_BAIK,
    (R.SESUAI, R.DI_BAWAH): P.KURANG,
    (R.SESUAI, R.SESUAI): P.BAIK,
    (R.SESUAI, R.DI_ATAS): P.BAIK,
    (R.DI_BAWAH, R.DI_BAWAH): P.SANGAT_KURANG,
    (R.DI_BAWAH, R.SESUAI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.DI_ATAS): P.BUTUH_PERBAIKAN,
}

#: the order of the kuadran kinerja grid as e-Kinerja prints it: hasil kerja top (Di Atas) to bottom,
#: perilaku left (Di Bawah) to right
BARIS_KUADRAN = (R.DI_ATAS, R.SESUAI, R.DI_BAWAH)
KOLOM_KUADRAN = (R.DI_BAWAH, R.SESUAI, R.DI_ATAS)


def predikat_pegawai(rating_hasil_kerja: str, rating_perilaku: str) -> Predikat:
    """The predikat for the two ratings. A value outside ``Rating`` raises ``ValueError``."""
    try:
        return MATRIKS[(Rating(rating_hasil_kerja), Rating(rating_perilaku))]
    except ValueError:
        raise ValueError(f"rating tidak dikenal: {rating_hasil_kerja!r}, {rating_perilaku!r}") from None


@dataclass(frozen=True)
class SelKuadran:
    hasil_kerja: Rating
    perilaku: Rating
    predikat: Predikat
    terpilih: bool


def kuadran(rating_hasil_kerja: str | None = None, rating_perilaku: str | None = None) -> list[list[SelKuadran]]:
    """The 3×3 grid (rows of cells) with the cell of these ratings marked."""
    return [
        [
            SelKuadran(baris, kolom, MATRIKS[(baris, kolom)], baris == rating_hasil_kerja and kolom == rating_perilaku)
            for kolom in KOLOM_KUADRAN
        ]
        for baris in BARIS_KUADRAN
    ]


# --- the distribution curve -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pelanggaran:
    """One broken distribution rule.

    ``selisih`` is by how many people the spread misses the rule with the unit's size unchanged: how many would have
    to move into the group (``terbesar``, ``paling_sedikit``) or out of it (``paling_banyak``, ``tidak_ada``)."""

    aturan: Aturan
    predikat: tuple[Predikat, ...]
    persen: int | None
    jumlah: int
    batas: int
    selisih: int

    @property
    def pesan(self) -> str:
        nama = _(" atau ").join(str(p.label) for p in self.predikat)
        data = {"predikat": nama, "persen": self.persen, "jumlah": self.jumlah, "batas": self.batas, "n": self.selisih}
        if self.aturan == Aturan.TERBESAR:
            return (
                _(
                    "%(predikat)s harus menjadi kelompok terbesar: ada %(jumlah)s orang, perlu %(batas)s orang "
                    "(kurang %(n)s orang)."
                )
                % data
            )
        if self.aturan == Aturan.PALING_BANYAK:
            return (
                _(
                    "%(predikat)s paling banyak %(persen)s%%: ada %(jumlah)s orang, paling banyak %(batas)s orang "
                    "(lebih %(n)s orang)."
                )
                % data
            )
        if self.aturan == Aturan.PALING_SEDIKIT:
            if self.persen is None:
                return (
                    _(
                        "Harus ada paling sedikit %(batas)s orang %(predikat)s: ada %(jumlah)s orang "
                        "(kurang %(n)s orang)."
                    )
                    % data
                )
            return (
                _(
                    "%(predikat)s paling sedikit %(persen)s%%: ada %(jumlah)s orang, perlu %(batas)s orang "
                    "(kurang %(n)s orang)."
                )
                % data
            )
        return _("Tidak boleh ada %(predikat)s: ada %(jumlah)s orang (lebih %(n)s orang).") % data


def _paling_sedikit_orang(persen: int, total: int) -> int:
    """The fewest people that make at least ``persen`` % of ``total`` (integer arithmetic: 60 % of 5 is 3)."""
    return -(-persen * total // 100)


def _paling_banyak_orang(persen: int, total: int) -> int:
    """The most people that stay within ``persen`` % of ``total`` (70 % of 3 is 2)."""
    return persen * total // 100


def _selisih_terbesar(kelompok: Predikat, jumlah: Mapping[Predikat, int], cara: str) -> tuple[int, int]:
    """(people needed in ``kelompok``, how many short) for it to be the largest group."""
    total = sum(jumlah.values())
    if cara == KelompokTerbesar.MAYORITAS:
        perlu = total // 2 + 1
        return perlu, max(0, perlu - jumlah[kelompok])
    # plurality: strictly more than any other group (a tie is not "the largest group"); moving one person from the
    # currently largest other group into it is the quickest way there, so count those moves
    sisa = {p: n for p, n in jumlah.items() if p != kelompok}
    punya, pindah = jumlah[kelompok], 0
    while sisa and punya <= max(sisa.values()):
        terbanyak = max(sisa, key=lambda p: sisa[p])
        sisa[terbanyak] -= 1
        punya += 1
        pindah += 1
    return jumlah[kelompok] + pindah, pindah


def periksa_distribusi(
    predikat_organisasi: str,
    jumlah_per_predikat: Mapping[str, int],
    *,
    kelompok_terbesar: str = KelompokTerbesar.MAYORITAS,
) -> list[Pelanggaran]:
    """The distribution rules that the spread ``jumlah_per_predikat`` (predikat → people) breaks for a unit whose
    predikat is ``predikat_organisasi``; empty when it follows the curve. A unit with nobody has nothing to check.

    | organisation    | rule                                                                                       |
    | Istimewa        | Sangat Baik the largest group, at most 70 %                                                |
    | Baik            | Baik the largest group, at most 70 %; at least one Butuh Perbaikan or Kurang/Misconduct   |
    | Butuh Perbaikan | at least 60 % Butuh Perbaikan; Sangat Baik at most 10 %                                    |
    | Kurang          | at least 60 % Kurang/Misconduct; at least 10 % Butuh Perbaikan; Sangat Baik at most 10 %   |
    | Sangat Kurang   | at least 60 % Sangat Kurang; at least 10 % Kurang/Misconduct or Butuh Perbaikan; no SB     |
    """
    org = PredikatOrganisasi(predikat_organisasi)
    cara = KelompokTerbesar(kelompok_terbesar)
    jumlah = dict.fromkeys(Predikat, 0)
    for kunci, n in jumlah_per_predikat.items():
        if n < 0:
            raise ValueError(f"jumlah negatif untuk {kunci!r}")
        jumlah[Predikat(kunci)] += n
    total = sum(jumlah.values())
    if total == 0:
        return []

    hasil: list[Pelanggaran] = []

    def terbesar(kelompok: Predikat) -> None:
        perlu, kurang = _selisih_terbesar(kelompok, jumlah, cara)
        if kurang:
            hasil.append(Pelanggaran(Aturan.TERBESAR, (kelompok,), None, jumlah[kelompok], perlu, kurang))

    def paling_banyak(persen: int, *kelompok: Predikat) -> None:
        ada, batas = sum(jumlah[k] for k in kelompok), _paling_banyak_orang(persen, total)
        if ada > batas:
            aturan = Aturan.TIDAK_ADA if persen == 0 else Aturan.PALING_BANYAK
            hasil.append(Pelanggaran(aturan, kelompok, persen, ada, batas, ada - batas))

    def paling_sedikit(persen: int | None, *kelompok: Predikat) -> None:
        ada = sum(jumlah[k] for k in kelompok)
        batas = 1 if persen is None else _paling_sedikit_orang(persen, total)
        if ada < batas:
            hasil.append(Pelanggaran(Aturan.PALING_SEDIKIT, kelompok, persen, ada, batas, batas - ada))

    if org == PredikatOrganisasi.ISTIMEWA:
        terbesar(P.SANGAT_BAIK)
        paling_banyak(70, P.SANGAT_BAIK)
    elif org == PredikatOrganisasi.BAIK:
        terbesar(P.BAIK)
        paling_banyak(70, P.BAIK)
        paling_sedikit(None, P.BUTUH_PERBAIKAN, P.KURANG)
    elif org == PredikatOrganisasi.BUTUH_PERBAIKAN:
        paling_sedikit(60, P.BUTUH_PERBAIKAN)
        paling_banyak(10, P.SANGAT_BAIK)
    elif org == PredikatOrganisasi.KURANG:
        paling_sedikit(60, P.KURANG)
        paling_sedikit(10, P.BUTUH_PERBAIKAN)
        paling_banyak(10, P.SANGAT_BAIK)
    else:
        paling_sedikit(60, P.SANGAT_KURANG)
        paling_sedikit(10, P.KURANG, P.BUTUH_PERBAIKAN)
        paling_banyak(0, P.SANGAT_BAIK)
    return hasil


# --- the suggested rating hasil kerja ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AmbangSaran:
    """Thresholds of the suggestion (settings ``PENILAIAN_SARAN``): a capaian at or above ``di_atas`` % counts as
    above expectation, one below ``di_bawah`` % as below it; "a small part" of the Utama results is at most
    ``bagian_kecil`` % of them."""

    di_atas: Decimal = Decimal(110)
    di_bawah: Decimal = Decimal(100)
    bagian_kecil: Decimal = Decimal(25)


@dataclass(frozen=True)
class HasilIki:
    """One IKI's result for the suggestion: whether its RHK is Utama, and its capaian in % (None: undefined)."""

    utama: bool
    capaian: Decimal | None


@dataclass(frozen=True)
class Saran:
    rating: Rating | None
    di_atas: int
    sesuai: int
    di_bawah: int
    utama_di_bawah: int
    utama: int
    tidak_terhitung: int

    @property
    def dinilai(self) -> int:
        return self.di_atas + self.sesuai + self.di_bawah


def golongkan_capaian(capaian: Decimal | None, ambang: AmbangSaran) -> Rating | None:
    if capaian is None:
        return None
    if capaian >= ambang.di_atas:
        return Rating.DI_ATAS
    if capaian < ambang.di_bawah:
        return Rating.DI_BAWAH
    return Rating.SESUAI


def saran_rating_hasil_kerja(hasil: Iterable[HasilIki], ambang: AmbangSaran | None = None) -> Saran:
    """The suggestion, after the BKN guidance on 6/2022:

    - **Di Atas** when more than half of the results are above expectation and no Utama result is below it;
    - **Sesuai** when more than half are as expected or above, and at most a small part of the Utama results
      (``bagian_kecil`` %) is below;
    - **Di Bawah** otherwise.
    IKI whose capaian cannot be computed (no realisation, zero target) are left to the penilai; with none left there
    is no suggestion (``rating`` None)."""
    ambang = ambang or AmbangSaran()
    hitung = {Rating.DI_ATAS: 0, Rating.SESUAI: 0, Rating.DI_BAWAH: 0}
    utama = utama_bawah = kosong = 0
    for h in hasil:
        golongan = golongkan_capaian(h.capaian, ambang)
        if golongan is None:
            kosong += 1
            continue
        hitung[golongan] += 1
        if h.utama:
            utama += 1
            utama_bawah += golongan == Rating.DI_BAWAH
    n = sum(hitung.values())
    rating: Rating | None
    if n == 0:
        rating = None
    elif hitung[Rating.DI_ATAS] * 2 > n and utama_bawah == 0:
        rating = Rating.DI_ATAS
    elif (hitung[Rating.DI_ATAS] + hitung[Rating.SESUAI]) * 2 > n and utama_bawah * 100 <= ambang.bagian_kecil * utama:
        rating = Rating.SESUAI
    else:
        rating = Rating.DI_BAWAH
    return Saran(
        rating, hitung[Rating.DI_ATAS], hitung[Rating.SESUAI], hitung[Rating.DI_BAWAH], utama_bawah, utama, kosong
    )


def aturan_saran_teks(ambang: AmbangSaran) -> str:
    """The rule of the suggestion in one sentence, for the page beside the choice."""
    return _(
        "Saran dihitung dari capaian IKI: capaian ≥ %(atas)s%% dihitung di atas ekspektasi, < %(bawah)s%% di bawah "
        "ekspektasi. Di Atas bila lebih dari separuh hasil di atas ekspektasi dan tidak ada hasil Utama di bawah "
        "ekspektasi; Sesuai bila lebih dari separuh hasil sesuai atau di atas ekspektasi dan hasil Utama di bawah "
        "ekspektasi paling banyak %(kecil)s%%; selain itu Di Bawah. Saran hanya bantuan: rating adalah penilaian "
        "Anda (PermenPANRB 6/2022)."
    ) % {"atas": ambang.di_atas, "bawah": ambang.di_bawah, "kecil": ambang.bagian_kecil}


# --- credit points, organisation → head ------------------------------------------------------------------------

#: percent of the position's coefficient per predikat (PermenPANRB 1/2023, PerBKN 3/2023)
PERSEN_ANGKA_KREDIT: dict[Predikat, int] = {
    P.SANGAT_BAIK: 150,
    P.BAIK: 100,
    P.BUTUH_PERBAIKAN: 75,
    P.KURANG: 50,
    P.SANGAT_KURANG: 25,
}
TIGA_DESIMAL = Decimal("0.001")


def angka_kredit(predikat: str, koefisien: Decimal, *, bulan: int = 12) -> Decimal:
    """Credit points for a predikat: coefficient × percent; for a period of ``bulan`` months × bulan/12.
    Three decimals, half up."""
    if not 1 <= bulan <= 12:
        raise ValueError(f"bulan {bulan} di luar 1..12")
    nilai = Decimal(koefisien) * PERSEN_ANGKA_KREDIT[Predikat(predikat)] / 100 * bulan / 12
    return nilai.quantize(TIGA_DESIMAL, rounding=ROUND_HALF_UP)


#: the default mapping of a unit's predikat to its head's rating hasil kerja (no source fixes it: a setting)
PEMETAAN_ORGANISASI_BAWAAN: dict[str, str] = {
    PredikatOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    PredikatOrganisasi.BAIK: Rating.SESUAI,
    PredikatOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    PredikatOrganisasi.KURANG: Rating.DI_BAWAH,
    PredikatOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}


def rating_dari_predikat_organisasi(predikat_organisasi: str, pemetaan: Mapping[str, str] | None = None) -> Rating:
    pemetaan = pemetaan or PEMETAAN_ORGANISASI_BAWAAN
    return Rating(pemetaan[PredikatOrganisasi(predikat_organisasi)])


# --- the objection deadline -------------------------------------------------------------------------------------

HARI_KEBERATAN = 14


def batas_keberatan(tanggal_final: dt.date, hari: int = HARI_KEBERATAN) -> dt.date:
    """The last day (inclusive) to object to a result made final on ``tanggal_final`` (a date in Asia/Jakarta):
    calendar days, the day after it is day 1, so the 14th day is ``tanggal_final + 14``."""
    return tanggal_final + dt.timedelta(days=hari)


def keberatan_masih_terbuka(tanggal_final: dt.date, hari_ini: dt.date, hari: int = HARI_KEBERATAN) -> bool:
    return tanggal_final <= hari_ini <= batas_keberatan(tanggal_final, hari)


# --- development needs (kebutuhan pengembangan) -----------------------------------------------------------------


class AreaKompetensi(models.TextChoices):
    """The competency areas of ASN (PermenPANRB 38/2017): where a development need lies."""

    MANAJERIAL = "manajerial", gettext_lazy("Manajerial")
    TEKNIS = "teknis", gettext_lazy("Teknis")
    SOSIAL_KULTURAL = "sosial_kultural", gettext_lazy("Sosial kultural")


#: predikat that call for development (domain.md: "Butuh Perbaikan or worse")
PREDIKAT_BUTUH_PENGEMBANGAN = frozenset({P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG})

#: the competency area a weak BerAKHLAK value points at (no source fixes it: a reading of the core values' guides)
AREA_NILAI_BERAKHLAK: dict[str, AreaKompetensi] = {
    "berorientasi_pelayanan": AreaKompetensi.SOSIAL_KULTURAL,
    "akuntabel": AreaKompetensi.MANAJERIAL,
    "kompeten": AreaKompetensi.TEKNIS,
    "harmonis": AreaKompetensi.SOSIAL_KULTURAL,
    "loyal": AreaKompetensi.SOSIAL_KULTURAL,
    "adaptif": AreaKompetensi.MANAJERIAL,
    "kolaboratif": AreaKompetensi.MANAJERIAL,
}


def predikat_butuh_pengembangan(predikat: str) -> bool:
    return bool(predikat) and Predikat(predikat) in PREDIKAT_BUTUH_PENGEMBANGAN


def nilai_di_bawah(rating_nilai: Mapping[str, str]) -> list[str]:
    """The BerAKHLAK values rated Di Bawah Ekspektasi, in the order of the values."""
    return [nilai for nilai in AREA_NILAI_BERAKHLAK if rating_nilai.get(nilai) == Rating.DI_BAWAH]


class SumberKebutuhan(models.TextChoices):
    """Why an evaluation calls for a development need."""

    PREDIKAT = "predikat", gettext_lazy("Predikat kinerja")
    PERILAKU = "perilaku", gettext_lazy("Perilaku kerja (BerAKHLAK)")
    CATATAN = "catatan", gettext_lazy("Catatan pejabat penilai")


def alasan_kebutuhan(
    *, predikat: str, rating_nilai: Mapping[str, str] | None = None, catatan_pengembangan: str = ""
) -> list[tuple[SumberKebutuhan, str]]:
    """THE rule "this evaluation calls for a development need" (domain.md), as the reasons it has, each
    ``(sumber, aspek)``: a predikat of Butuh Perbaikan or worse (``predikat``, ""), each BerAKHLAK value rated Di Bawah
    Ekspektasi (``perilaku``, the value), the penilai's note (``catatan``, ""). Empty: no need. Creating a need when an
    evaluation becomes final, closing it when a change removes its reason and reopening it when the reason comes back
    all read this one function."""
    alasan: list[tuple[SumberKebutuhan, str]] = []
    if predikat_butuh_pengembangan(predikat):
        alasan.append((SumberKebutuhan.PREDIKAT, ""))
    alasan += [(SumberKebutuhan.PERILAKU, nilai) for nilai in nilai_di_bawah(rating_nilai or {})]
    if (catatan_pengembangan or "").strip():
        alasan.append((SumberKebutuhan.CATATAN, ""))
    return alasan


def perlu_pengembangan(
    *, predikat: str, rating_nilai: Mapping[str, str] | None = None, catatan_pengembangan: str = ""
) -> bool:
    """Whether the evaluation calls for at least one development need (``alasan_kebutuhan`` is not empty)."""
    return bool(
        alasan_kebutuhan(predikat=predikat, rating_nilai=rating_nilai, catatan_pengembangan=catatan_pengembangan)
    )


# --- functional positions ---------------------------------------------------------------------------------------

#: words of a functional position's name that name its level (jenjang), most specific first
_JENJANG_DARI_NAMA = (
    ("ahli utama", "ahli_utama"),
    ("ahli madya", "ahli_madya"),
    ("ahli muda", "ahli_muda"),
    ("ahli pertama", "ahli_pertama"),
    ("penyelia", "penyelia"),
    ("mahir", "mahir"),
    ("terampil", "terampil"),
    ("pemula", "pemula"),
)


def jenjang_fungsional(nama_jabatan: str) -> str | None:
    """The level of a functional position read from its name ("Analis Kebijakan Ahli Muda" → ``ahli_muda``), or
    None when the name names none."""
    nama = " ".join((nama_jabatan or "").lower().split())
    for kata, jenjang in _JENJANG_DARI_NAMA:
        if kata in nama:
            return jenjang
    return None


def bulan_periode(jumlah_periode_ke: int) -> int:
    """Months covered by one month/quarter/semester of a period split into ``jumlah_periode_ke`` parts."""
    if jumlah_periode_ke not in (1, 2, 4, 12):
        raise ValueError(f"pembagian periode {jumlah_periode_ke} tidak dikenal")
    return 12 // jumlah_periode_ke


# --- calibration: a penilai's spread against the unit's ---------------------------------------------------------


@dataclass(frozen=True)
class Penyimpangan:
    """One predikat whose share among a penilai's people differs markedly from its share in the unit."""

    predikat: Predikat
    persen_penilai: int
    persen_unit: int

    @property
    def pesan(self) -> str:
        return _("%(predikat)s: %(penilai)s%% pada penilai ini, %(unit)s%% di unit.") % {
            "predikat": self.predikat.label,
            "penilai": self.persen_penilai,
            "unit": self.persen_unit,
        }


def persen_bulat(n: int, total: int) -> int:
    """``n`` of ``total`` in whole percent, half up (0 for an empty total)."""
    return (n * 100 + total // 2) // total if total else 0


def sebaran_menyimpang(
    jumlah_penilai: Mapping[str, int], jumlah_unit: Mapping[str, int], *, ambang: int = 30, minimal: int = 2
) -> list[Penyimpangan]:
    """The predikat whose share (in whole percent) among one penilai's people differs from the unit's by at least
    ``ambang`` percentage points (e.g. everyone Sangat Baik where the unit has a third); a penilai with fewer than
    ``minimal`` people is not compared (one person is always "100 %")."""
    total_penilai, total_unit = sum(jumlah_penilai.values()), sum(jumlah_unit.values())
    if total_penilai < minimal or total_unit == 0:
        return []
    hasil = []
    for p in Predikat:
        a = persen_bulat(jumlah_penilai.get(p, 0), total_penilai)
        b = persen_bulat(jumlah_unit.get(p, 0), total_unit)
        if abs(a - b) >= ambang:
            hasil.append(Penyimpangan(p, a, b))
    return hasil


def kurva_per_predikat(predikat_organisasi: str) -> dict[Predikat, str]:
    """What the curve of a unit's predikat asks of each predikat group, as one short phrase per group (the table of
    the distribution page); a group the curve says nothing about is absent."""
    org = PredikatOrganisasi(predikat_organisasi)
    if org == PredikatOrganisasi.ISTIMEWA:
        return {P.SANGAT_BAIK: _("kelompok terbesar, paling banyak 70%")}
    if org == PredikatOrganisasi.BAIK:
        sedikit = _("bersama Kurang/Misconduct paling sedikit 1 orang")
        return {P.BAIK: _("kelompok terbesar, paling banyak 70%"), P.BUTUH_PERBAIKAN: sedikit, P.KURANG: sedikit}
    if org == PredikatOrganisasi.BUTUH_PERBAIKAN:
        return {P.BUTUH_PERBAIKAN: _("paling sedikit 60%"), P.SANGAT_BAIK: _("paling banyak 10%")}
    if org == PredikatOrganisasi.KURANG:
        return {
            P.KURANG: _("paling sedikit 60%"),
            P.BUTUH_PERBAIKAN: _("paling sedikit 10%"),
            P.SANGAT_BAIK: _("paling banyak 10%"),
        }
    bersama = _("Kurang/Misconduct atau Butuh Perbaikan paling sedikit 10%")
    return {
        P.SANGAT_KURANG: _("paling sedikit 60%"),
        P.KURANG: bersama,
        P.BUTUH_PERBAIKAN: bersama,
        P.SANGAT_BAIK: _("tidak boleh ada"),
    }
