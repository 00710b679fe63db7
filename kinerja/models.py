"""Models of the project base: only the outbox of tasks that could not be queued (``kinerja.antrian``).

The base holds no domain data. The outbox lives here because it is what ``kinerja.antrian`` (the one place every
app queues its tasks) writes when the broker does not answer; no domain app owns it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TugasTertunda(models.Model):
    """A task whose write committed but whose message could not reach the broker (the outbox).

    ``kinerja.antrian.antrian_kuras`` sends it again: every minute (celery beat), when a worker starts and from
    ``manage.py antrian_kuras``. Tasks are safe to run twice, so a message sent but not yet deleted is harmless.
    """

    nama_tugas = models.CharField(_("nama tugas"), max_length=200)
    argumen = models.JSONField(_("argumen"), default=list, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    percobaan = models.PositiveIntegerField(_("jumlah percobaan"), default=0)
    coba_lagi_pada = models.DateTimeField(_("coba lagi pada"), default=timezone.now)
    kesalahan_terakhir = models.CharField(_("kesalahan terakhir"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tugas tertunda")
        verbose_name_plural = _("tugas tertunda")
        ordering = ["coba_lagi_pada", "pk"]
        indexes = [
            # antrian_kuras: WHERE coba_lagi_pada <= now ORDER BY coba_lagi_pada.
            models.Index(fields=["coba_lagi_pada"], name="tugastertunda_jatuh_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nama_tugas}{tuple(self.argumen)}"
