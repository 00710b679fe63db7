"""The service-level clock of complaints.

**The rule.** A target of *N days* ends at the end of the N-th day after the day of filing, in Asia/Jakarta:

- *hari kalender*: every day counts (filed Friday 15:00 with 3 days → due Monday 23:59:59);
- *hari kerja*: only Monday–Friday that are not in ``HariLibur`` count (filed Friday 15:00 with 3 working days →
  due Wednesday 23:59:59; filed Saturday → Monday is day 1). The filing day itself never counts, whatever the
  hour, so a complaint filed at 23:50 is not penalised.

The deadline is stored on the complaint at filing (``batas_respons``, ``batas_selesai``), so a later change of
the category or of the holiday table does not move the deadline of a complaint already filed. "Within the service
level" means ``selesai_pada <= batas_selesai``; "first response in time" means ``respons_pertama_pada <=
batas_respons``.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from partisipasi.models import HariLibur, HitunganHari

SABTU = 5  # date.weekday(): Monday 0 … Saturday 5, Sunday 6


def is_hari_kerja(tanggal: dt.date, libur: Iterable[dt.date] = ()) -> bool:
    return tanggal.weekday() < SABTU and tanggal not in set(libur)


def tanggal_batas(mulai: dt.date, hari: int, hitungan: str, libur: set[dt.date]) -> dt.date:
    """The last day of a target of ``hari`` days counted after the date ``mulai`` (see the module's rule)."""
    tanggal = mulai
    if hitungan == HitunganHari.KALENDER:
        return mulai + dt.timedelta(days=hari)
    hitung = 0
    while hitung < hari:
        tanggal += dt.timedelta(days=1)
        if tanggal.weekday() < SABTU and tanggal not in libur:
            hitung += 1
    return tanggal


def batas_waktu(dibuat: dt.datetime, hari: int, hitungan: str) -> dt.datetime:
    """The deadline (aware, the first instant after the last day in Asia/Jakarta) of a target of ``hari`` days
    for something filed at ``dibuat``."""
    lokal = timezone.localtime(dibuat)
    # Enough holidays for any target: a year of them after the filing day.
    libur = set(
        HariLibur.objects.filter(
            tanggal__gt=lokal.date(), tanggal__lte=lokal.date() + dt.timedelta(days=hari * 3 + 370)
        ).values_list("tanggal", flat=True)
    )
    akhir = tanggal_batas(lokal.date(), hari, hitungan, libur)
    berikut = akhir + dt.timedelta(days=1)
    return dt.datetime.combine(berikut, dt.time.min, tzinfo=timezone.get_current_timezone())
