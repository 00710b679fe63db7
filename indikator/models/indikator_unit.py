"""A unit's IKU and Perjanjian Kinerja."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass

from indikator.models._dasar import Arah, Perspektif
from indikator.models.periode import PeriodePenilaian
from kepegawaian.models import UnitKerja
from kinerja.db import choices_q
from kinerja.teks import TEKS_PENDEK, batas_teks


class IndikatorUnit(models.Model):
    """A unit's Indikator Kinerja Utama or Perjanjian Kinerja target for a year: the roots of the cascade."""

    class Jenis(models.TextChoices):
        IKU = "iku", _("Indikator Kinerja Utama (IKU)")
        PK = "pk", _("Perjanjian Kinerja (PK)")

    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="indikator_unit"
    )
    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="indikator_unit"
    )
    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    sasaran_strategis = models.TextField(_("sasaran strategis"), **batas_teks(TEKS_PENDEK))
    indikator = models.TextField(_("indikator"), **batas_teks(TEKS_PENDEK))
    satuan = models.CharField(_("satuan"), max_length=50)
    arah = models.CharField(_("arah"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("indikator unit")
        verbose_name_plural = _("indikator unit")
        ordering = ["unit", "jenis", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "periode", "jenis", "indikator"],
                name="indikatorunit_unik_per_unit_tahun",
                violation_error_message=_("Indikator ini sudah ada untuk unit dan tahun tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["iku", "pk"]),
                name="indikatorunit_jenis_valid",
                violation_error_message=_("Jenis indikator harus IKU atau PK."),
            ),
            models.CheckConstraint(
                condition=choices_q("arah", Arah),
                name="indikatorunit_arah_valid",
                violation_error_message=_("Arah indikator tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0) | Q(arah=Arah.TURUN, target=0),
                name="indikatorunit_target_bermakna",
                violation_error_message=_(
                    "Target harus lebih besar dari nol (nol hanya boleh bila semakin rendah semakin baik)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jenis="iku") | ~Q(perspektif=""),
                name="indikatorunit_pk_berperspektif",
                violation_error_message=_("Indikator Perjanjian Kinerja wajib diberi perspektif."),
            ),
            models.CheckConstraint(
                condition=Q(perspektif="") | choices_q("perspektif", Perspektif),
                name="indikatorunit_perspektif_valid",
                violation_error_message=_("Perspektif tidak dikenal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.indikator}"
