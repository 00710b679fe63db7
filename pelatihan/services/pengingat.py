"""The monthly JP reminder: e-mail to people behind schedule and one summary to each of their penilai, never twice
for the same month (the ``PengingatJp`` rows are the claim)."""

import datetime as dt

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.models import Pegawai
from pelatihan import selectors
from pelatihan.models import PengingatJp


def _klaim(pegawai_id: int, bulan: dt.date, jenis: str) -> bool:
    """True exactly once per recipient, month and kind, even when two runs race."""
    row, _created = PengingatJp.objects.get_or_create(pegawai_id=pegawai_id, bulan=bulan, jenis=jenis)
    return bool(PengingatJp.objects.filter(pk=row.pk, dikirim__isnull=True).update(dikirim=timezone.now()))


def pengingat_check(*, bulan: dt.date) -> int:
    """Send this month's reminders (``bulan``: any day of the month). Returns the number of e-mails sent. Safe to
    run twice: the second run finds every claim taken and sends nothing. A mail that fails releases its claim."""
    bulan = bulan.replace(day=1)
    terkirim = 0
    per_penilai: dict[int, list] = {}
    penilai_of: dict[int, Pegawai] = {}
    for p in selectors.pegawai_tertinggal_jadwal(bulan=bulan).iterator(chunk_size=2000):
        if p.atasan is not None and p.atasan.email:
            per_penilai.setdefault(p.atasan.pk, []).append(p)
            penilai_of[p.atasan.pk] = p.atasan
        if _klaim(p.pk, bulan, PengingatJp.Jenis.PEGAWAI):
            terkirim += _kirim(
                p.pk,
                bulan,
                PengingatJp.Jenis.PEGAWAI,
                subject=_("Pengingat JP pengembangan kompetensi"),
                message=_("JP Anda tahun %(tahun)s baru %(jp)s dari target %(target)s JP. Lihat katalog pelatihan.")
                % {"tahun": bulan.year, "jp": p.jp_diakui, "target": p.target},  # type: ignore[attr-defined]
                to=p.email,
            )
    for penilai_id, orang in per_penilai.items():
        if _klaim(penilai_id, bulan, PengingatJp.Jenis.RINGKASAN):
            daftar = "\n".join(f"- {o.nama}: {o.jp_diakui}/{o.target} JP" for o in orang)
            terkirim += _kirim(
                penilai_id,
                bulan,
                PengingatJp.Jenis.RINGKASAN,
                subject=_("Ringkasan JP bawahan Anda"),
                message=_("Bawahan Anda yang JP-nya tertinggal dari jadwal:\n%(daftar)s") % {"daftar": daftar},
                to=penilai_of[penilai_id].email,
            )
    return terkirim


def _kirim(pegawai_id: int, bulan: dt.date, jenis: str, *, subject: str, message: str, to: str) -> int:
    try:
        send_mail(subject=subject, message=message, from_email=None, recipient_list=[to])
    except OSError:
        PengingatJp.objects.filter(pegawai_id=pegawai_id, bulan=bulan, jenis=jenis).update(dikirim=None)
        raise
    return 1
