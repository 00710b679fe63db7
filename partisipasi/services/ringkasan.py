"""The daily e-mail of overdue complaints to each handling unit (Celery beat, ``ringkasan_terlambat_run``).

- **Overdue** is the service-level rule of ``partisipasi.sla`` as the queue shows it: an open complaint past its
  completion deadline, or still without a first response past that deadline (``selectors.pengaduan_terlambat``).
- **Who gets it**: for each handling unit with overdue complaints, the accounts holding the *petugas* role granted
  on that very unit (they act on them) and its head (the pegawai of the unit whose atasan works outside it, the one
  rule of ``access.kepala_q``; he sees the overdue list). Moderators (they hide spam) and the officers of the units
  above (they see them in their queue and to-do list) are not mailed. The address is the account's or else its
  pegawai's (``kepegawaian.ringkasan.ringkasan_email``). The mail names the complaints (number, category,
  kelurahan/RW, deadlines, a link to the officer page), never the complainant.
- **Once a day per unit**: the unit is claimed with kepegawaian's conditional UPDATE (``klaim_harian`` on
  ``RingkasanTerlambat.terakhir``) before the mail goes out, so two runs cannot both send; a mail that fails gives
  the claim back. Nothing overdue: no mail, no claim.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kepegawaian.models import Pegawai, UnitKerja, User
from kepegawaian.ringkasan import klaim_harian, klaim_lepas, ringkasan_email
from partisipasi import access
from partisipasi.models import Pengaduan, PetugasPengaduan, RingkasanTerlambat
from partisipasi.selectors import STATUS_TERBUKA, terlambat_q

logger = logging.getLogger(__name__)


def penerima_unit(unit: UnitKerja) -> list[str]:
    """The addresses of the unit's petugas and head(s), each once, in a stable order."""
    petugas = User.objects.filter(
        is_active=True,
        peran_pengaduan__unit=unit,
        peran_pengaduan__peran=PetugasPengaduan.Peran.PETUGAS,
    ).select_related("pegawai")
    kepala = User.objects.filter(
        is_active=True,
        pk__in=Pegawai.objects.filter(access.kepala_q(), unit=unit, aktif=True, user__isnull=False).values("user_id"),
    ).select_related("pegawai")
    alamat: dict[str, None] = {}
    for user in [*petugas.order_by("pk"), *kepala.order_by("pk")]:
        if surel := ringkasan_email(user):
            alamat.setdefault(surel, None)
    return list(alamat)


def _pesan(unit: UnitKerja, daftar: list[Pengaduan], alamat: list[str], sekarang: dt.datetime) -> list[EmailMessage]:
    dasar = getattr(settings, "KINERJA_URL_DASAR", "").rstrip("/")
    konteks = {
        "unit": unit,
        "sekarang": sekarang,
        "baris": [
            {
                "p": p,
                "url": dasar + reverse("partisipasi:pengaduan-detail", args=[p.pk]),
                "belum_direspons": p.respons_pertama_pada is None and p.batas_respons < sekarang,
            }
            for p in daftar
        ],
        "url_antrian": dasar + reverse("partisipasi:antrian") + "?terlambat=1",
    }
    subjek = _("Kinerja: %(n)d pengaduan warga terlambat di %(unit)s") % {"n": len(daftar), "unit": unit.nama}
    isi = render_to_string("partisipasi/email/ringkasan_terlambat.txt", konteks)
    return [EmailMessage(subject=subjek, body=isi, to=[a]) for a in alamat]


def ringkasan_terlambat_run(*, sekarang: dt.datetime | None = None) -> int:
    """Send today's overdue digests (the system, no actor); returns how many units were mailed. Safe to run twice."""
    sekarang = sekarang or timezone.now()
    hari = timezone.localtime(sekarang).date()
    per_unit: dict[int, list[Pengaduan]] = {}
    terlambat = (
        Pengaduan.objects.filter(terlambat_q(sekarang), status__in=STATUS_TERBUKA, digabung_ke__isnull=True)
        .select_related("kategori", "kelurahan", "unit_penanganan")
        .order_by("unit_penanganan_id", "batas_selesai", "pk")
    )
    for p in terlambat:
        per_unit.setdefault(p.unit_penanganan_id, []).append(p)
    terkirim = 0
    for unit_id, daftar in per_unit.items():
        unit = daftar[0].unit_penanganan
        alamat = penerima_unit(unit)
        if not alamat:
            logger.info("Ringkasan pengaduan terlambat: unit %s tidak punya penerima dengan email", unit_id)
            continue
        baris, _baru = RingkasanTerlambat.objects.get_or_create(unit_id=unit_id)
        qs = RingkasanTerlambat.objects.filter(pk=unit_id)
        if not klaim_harian(qs, "terakhir", hari):
            continue
        with translation.override(settings.LANGUAGE_CODE):
            pesan = _pesan(unit, daftar, alamat, sekarang)
        try:
            get_connection(fail_silently=False).send_messages(pesan)
        except OSError:
            logger.warning("Ringkasan pengaduan terlambat untuk unit %s gagal dikirim", unit_id, exc_info=True)
            klaim_lepas(qs, "terakhir", hari, baris.terakhir)
            continue
        terkirim += 1
    return terkirim
