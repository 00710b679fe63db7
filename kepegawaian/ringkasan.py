"""The optional daily e-mail of the to-do list ("ringkasan tugas"): the items of ``kinerja.tugas.tugas_untuk`` —
the same list as the home page, the top-bar badge and ``GET /api/v1/tugas/`` — sent each morning by a Celery beat
job to the people who turned it on on their profile page.

- Only to an active account with an e-mail address (his own, or his pegawai's), and only when there is something
  to do: an empty list sends nothing.
- Never twice the same day: each recipient is claimed with one conditional ``UPDATE ... WHERE
  ringkasan_tugas_terakhir IS NULL OR < today`` before the mail goes out, so two runs (or a retried task) cannot
  both send; a mail that fails releases the claim, so the next run tries again.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kepegawaian.models import User
from kinerja.audit import audit_actor
from kinerja.tugas import Tugas, tugas_untuk

logger = logging.getLogger(__name__)


def ringkasan_tugas_set(*, actor, aktif: bool) -> User:
    """The signed-in person turns his own daily digest on or off (nobody else's: the actor is the account)."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Masuk terlebih dahulu."))
    with transaction.atomic(), audit_actor(actor):
        user = User.objects.select_for_update().get(pk=actor.pk)
        user.ringkasan_tugas = bool(aktif)
        user.save(update_fields=["ringkasan_tugas"])
    actor.ringkasan_tugas = user.ringkasan_tugas
    return user


def ringkasan_email(user: User) -> str:
    """Where the digest goes: the account's e-mail, or else the e-mail of its pegawai."""
    pegawai = getattr(user, "pegawai", None)
    return user.email or (pegawai.email if pegawai is not None and pegawai.aktif else "")


def _teks(user: User, items: list[Tugas]) -> str:
    dasar = getattr(settings, "KINERJA_URL_DASAR", "").rstrip("/")
    baris = [
        _("Yang menunggu Anda di Kinerja hari ini:"),
        "",
        *(f"- {t.teks}" + (f"\n  {dasar}{t.url}" if t.url else "") for t in items),
        "",
        _("Daftar lengkap: %(url)s") % {"url": dasar + reverse("beranda")},
        _("Ringkasan ini dapat dimatikan di halaman Profil saya: %(url)s")
        % {"url": dasar + reverse("kepegawaian:profil")},
    ]
    return "\n".join(baris)


def klaim_harian(qs: QuerySet, field: str, hari: dt.date) -> bool:
    """Claim today's mail of the row(s) in ``qs`` with one conditional ``UPDATE ... SET field = hari WHERE field IS
    NULL OR field < hari``: True for the one run that got it (shared by the other apps' daily digests)."""
    return bool(qs.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": hari})).update(**{field: hari}))


def klaim_lepas(qs: QuerySet, field: str, hari: dt.date, semula: dt.date | None) -> None:
    """Give today's claim back after a mail that could not be sent, so that the next run tries again."""
    qs.filter(**{field: hari}).update(**{field: semula})


def _klaim(user_id: int, hari: dt.date) -> bool:
    return klaim_harian(User.objects.filter(pk=user_id), "ringkasan_tugas_terakhir", hari)


def ringkasan_tugas_run(*, hari: dt.date | None = None) -> int:
    """Send today's digests (system job, no actor). Returns how many e-mails were sent. Safe to run twice."""
    hari = hari or timezone.localdate()
    terkirim = 0
    penerima = (
        User.objects.filter(ringkasan_tugas=True, is_active=True)
        .filter(Q(ringkasan_tugas_terakhir__isnull=True) | Q(ringkasan_tugas_terakhir__lt=hari))
        .select_related("pegawai")
        .order_by("pk")
    )
    for user in penerima.iterator(chunk_size=500):
        alamat = ringkasan_email(user)
        if not alamat:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            items = tugas_untuk(user)
            if not items or not _klaim(user.pk, hari):
                continue
            subjek = _("Kinerja: %(n)d hal menunggu Anda") % {"n": len(items)}
            teks = _teks(user, items)
        try:
            send_mail(subject=subjek, message=teks, from_email=None, recipient_list=[alamat])
        except OSError:
            logger.warning("ringkasan tugas untuk akun %s gagal dikirim", user.pk, exc_info=True)
            klaim_lepas(
                User.objects.filter(pk=user.pk), "ringkasan_tugas_terakhir", hari, user.ringkasan_tugas_terakhir
            )
            continue
        terkirim += 1
    return terkirim
