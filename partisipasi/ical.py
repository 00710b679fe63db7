"""The iCalendar feed of forums, written by hand per RFC 5545: CRLF line ends, TEXT escaping (3.3.11), lines
folded at 75 octets (3.1), times in UTC (``...Z``)."""

import datetime as dt
from collections.abc import Iterable

from partisipasi.models import Forum

PRODID = "-//Pemprov DKI Jakarta//Kinerja partisipasi//ID"


def _teks(nilai: str) -> str:
    return (
        nilai.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _waktu(nilai: dt.datetime) -> str:
    return nilai.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _lipat(baris: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never splitting a UTF-8 character."""
    data = baris.encode()
    if len(data) <= 75:
        return baris
    potongan, awal, batas = [], 0, 75
    while awal < len(data):
        akhir = min(awal + batas, len(data))
        while akhir < len(data) and (data[akhir] & 0xC0) == 0x80:  # inside a multi-byte character
            akhir -= 1
        potongan.append(data[awal:akhir].decode())
        awal, batas = akhir, 74  # continuation lines start with one space
    return "\r\n ".join(potongan)


def kalender(forums: Iterable[Forum], *, host: str, sekarang: dt.datetime, url_dasar: str) -> str:
    baris = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for f in forums:
        lokasi = f.tempat + (f", RW {f.rw}" if f.rw else "") + f", {f.kelurahan.nama}"
        baris += [
            "BEGIN:VEVENT",
            f"UID:forum-{f.pk}@{host}",
            f"DTSTAMP:{_waktu(sekarang)}",
            f"DTSTART:{_waktu(f.mulai)}",
            f"DTEND:{_waktu(f.selesai)}",
            f"SUMMARY:{_teks(f'{f.get_jenis_display()}: {f.topik}')}",
            f"LOCATION:{_teks(lokasi)}",
            f"URL:{url_dasar}{f.get_absolute_url()}",
            "END:VEVENT",
        ]
    baris.append("END:VCALENDAR")
    return "".join(_lipat(b) + "\r\n" for b in baris)
