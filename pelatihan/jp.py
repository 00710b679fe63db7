"""The 20 JP rule (domain.md, "Competency development"), in one place.

- **PNS**: at least ``PELATIHAN_TARGET_JP_PNS`` (20) JP per calendar year (PP 17/2020 art. 203).
- **PPPK**: "paling banyak 24 JP dalam 1 tahun masa perjanjian kerja" (PP 49/2018): the year is the *contract year*,
  counted from the TMT month in the NIP, and at most ``PELATIHAN_BATAS_JP_PPPK`` (24) JP count in it. The regulation
  sets no minimum for PPPK; the goal shown to a PPPK is ``PELATIHAN_TARGET_JP_PPPK`` (default 20, a setting because
  it is not fixed by the regulation).
- A contract year is labelled by the calendar year it starts in: TMT in March, so 1 March 2026 – 28 February 2027 is
  "2026". With TMT in January it is the calendar year.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from kepegawaian.models import Pegawai


def target_jp(status: str) -> int:
    if status == Pegawai.Status.PPPK:
        return int(getattr(settings, "PELATIHAN_TARGET_JP_PPPK", 20))
    return int(getattr(settings, "PELATIHAN_TARGET_JP_PNS", 20))


def batas_jp(status: str) -> int | None:
    """The most JP that count in one ledger year (PPPK only); ``None``: no cap."""
    if status == Pegawai.Status.PPPK:
        return int(getattr(settings, "PELATIHAN_BATAS_JP_PPPK", 24))
    return None


def _bulan_tmt(nip: str) -> int:
    bulan = int(nip[12:14]) if len(nip) == 18 and nip.isdigit() else 1
    return bulan if 1 <= bulan <= 12 else 1


def tahun_buku(*, status: str, nip: str, tanggal: dt.date) -> int:
    """The ledger year a training that ended on ``tanggal`` counts in."""
    if status != Pegawai.Status.PPPK:
        return tanggal.year
    return tanggal.year if tanggal.month >= _bulan_tmt(nip) else tanggal.year - 1


def rentang_tahun_buku(*, status: str, nip: str, tahun: int) -> tuple[dt.date, dt.date]:
    """First and last day of ledger year ``tahun`` (for the page: "1 Mar 2026 – 28 Feb 2027")."""
    bulan = 1 if status != Pegawai.Status.PPPK else _bulan_tmt(nip)
    awal = dt.date(tahun, bulan, 1)
    akhir = dt.date(tahun + 1, bulan, 1) - dt.timedelta(days=1)
    return awal, akhir


def porsi_jadwal(*, awal: dt.date, hari: dt.date) -> float:
    """The share of the year's target that should be reached by ``hari`` in a ledger year starting ``awal``:
    the whole months already past, over 12 (in March of a calendar year: 2/12). "Behind schedule" means the JP
    that count are below ``target × porsi_jadwal``; the reminder job and the to-do list both use it."""
    bulan_lewat = (hari.year - awal.year) * 12 + hari.month - awal.month
    return max(0, min(12, bulan_lewat)) / 12


@dataclass(frozen=True)
class Saldo:
    """One pegawai's JP in one ledger year."""

    tahun: int
    status: str
    jp_kegiatan: int
    jp_eksternal: int
    target: int
    batas: int | None

    @property
    def jp_total(self) -> int:
        return self.jp_kegiatan + self.jp_eksternal

    @property
    def jp_diakui(self) -> int:
        """The JP that count: the total, capped for PPPK."""
        return self.jp_total if self.batas is None else min(self.jp_total, self.batas)

    @property
    def kekurangan(self) -> int:
        return max(0, self.target - self.jp_diakui)

    @property
    def tercapai(self) -> bool:
        return self.jp_diakui >= self.target

    @property
    def persen(self) -> int:
        """For the progress bar: 0–100."""
        return 100 if self.target <= 0 else min(100, round(100 * self.jp_diakui / self.target))

    @property
    def melebihi_batas(self) -> bool:
        return self.batas is not None and self.jp_total > self.batas


def saldo_hitung(*, status: str, tahun: int, jp_kegiatan: int, jp_eksternal: int) -> Saldo:
    return Saldo(
        tahun=tahun,
        status=status,
        jp_kegiatan=int(jp_kegiatan or 0),
        jp_eksternal=int(jp_eksternal or 0),
        target=target_jp(status),
        batas=batas_jp(status),
    )
