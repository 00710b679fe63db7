"""An IKI bound to a computed source: the resolution figures of the complaints a unit completed, month by month
(``partisipasi.services.terhitung`` writes them as the IKI's computed realisation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indikator.models import Iki
from kepegawaian.models import UnitKerja
from kinerja.db import choices_q


class UkuranTerhitung(models.TextChoices):
    MEDIAN = "median", _("Median waktu penyelesaian pengaduan (hari)")
    RATA = "rata", _("Rata-rata waktu penyelesaian pengaduan (hari)")
    P90 = "p90", _("Persentil ke-90 waktu penyelesaian pengaduan (hari)")
    TEPAT_WAKTU = "tepat_waktu", _("Persentase pengaduan selesai dalam batas layanan (%)")
    JUMLAH = "jumlah", _("Jumlah pengaduan yang diselesaikan")


class IkiTerhitung(models.Model):
    """IKI → unit U + measure. The figures are those of ``selectors.penyelesaian_angka(unit=U)``: complaints that U
    (and the units below it) completed in the month/quarter, not merged; time in days (hours / 24)."""

    Ukuran = UkuranTerhitung

    iki = models.OneToOneField(Iki, verbose_name=_("IKI"), on_delete=models.CASCADE, related_name="sumber_terhitung")
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit penanganan"), on_delete=models.PROTECT, related_name="+")
    ukuran = models.CharField(_("ukuran"), max_length=12, choices=UkuranTerhitung.choices)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dihitung_pada = models.DateTimeField(_("terakhir dihitung"), null=True, blank=True)

    class Meta:
        verbose_name = _("IKI terhitung dari pengaduan")
        verbose_name_plural = _("IKI terhitung dari pengaduan")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=choices_q("ukuran", UkuranTerhitung), name="ikiterhitung_ukuran"),
        ]

    def __str__(self) -> str:
        return f"{self.iki} ← {self.get_ukuran_display()} · {self.unit}"
