"""Development needs (kebutuhan pengembangan): what a weak result asks the pegawai to develop (domain.md: a predikat of
Butuh Perbaikan or worse, a Di Bawah Ekspektasi rating on a BerAKHLAK value, or a penilai's note; the one rule is
``aturan.alasan_kebutuhan``). Created when an evaluation becomes final, they follow its result afterwards: a
calibration change or an objection decision that removes the reason closes the need as ``gugur`` (with the reason),
one that brings it back reopens it (``services.pengembangan``). The training app (``pelatihan``) reads the open ones
(``selectors.kebutuhan_terbuka``) and closes them as fulfilled (``services.kebutuhan_close``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indikator.models import EkspektasiPerilaku
from kepegawaian.models import Pegawai
from kinerja.db import choices_q
from kinerja.teks import TEKS_SEDANG, batas_teks
from penilaian.aturan import AreaKompetensi, SumberKebutuhan
from penilaian.models.evaluasi import Evaluasi


class StatusKebutuhan(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    TERPENUHI = "terpenuhi", _("Terpenuhi")
    # closed because a calibration or an objection decision removed its reason (reopened if the reason comes back)
    GUGUR = "gugur", _("Tidak diperlukan lagi")


class KebutuhanPengembangan(models.Model):
    Sumber = SumberKebutuhan
    Status = StatusKebutuhan
    Area = AreaKompetensi

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="kebutuhan_pengembangan"
    )
    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.PROTECT, related_name="kebutuhan_pengembangan"
    )
    sumber = models.CharField(_("sumber"), max_length=8, choices=Sumber.choices)
    # the BerAKHLAK value, for a need from perilaku ("" otherwise)
    aspek = models.CharField(_("nilai BerAKHLAK"), max_length=24, choices=EkspektasiPerilaku.Nilai.choices, blank=True)
    area_kompetensi = models.CharField(_("area kompetensi"), max_length=15, choices=AreaKompetensi.choices)
    uraian = models.TextField(_("uraian kebutuhan"), **batas_teks(TEKS_SEDANG))
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.TERBUKA)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    catatan_penutupan = models.TextField(_("catatan penutupan"), blank=True, **batas_teks(TEKS_SEDANG))
    # what fulfilled it, e.g. "pelatihan:42" (set by the app that closes it)
    referensi_penutupan = models.CharField(_("referensi penutupan"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("kebutuhan pengembangan")
        verbose_name_plural = _("kebutuhan pengembangan")
        ordering = ["-dibuat", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "sumber", "aspek"], name="kebutuhan_satu_per_sumber"),
            models.CheckConstraint(condition=choices_q("sumber", SumberKebutuhan), name="kebutuhan_sumber_valid"),
            models.CheckConstraint(condition=choices_q("status", StatusKebutuhan), name="kebutuhan_status_valid"),
            models.CheckConstraint(condition=choices_q("area_kompetensi", AreaKompetensi), name="kebutuhan_area_valid"),
            models.CheckConstraint(
                condition=(Q(sumber="perilaku") & choices_q("aspek", EkspektasiPerilaku.Nilai))
                | (~Q(sumber="perilaku") & Q(aspek="")),
                name="kebutuhan_aspek_sesuai_sumber",
            ),
            models.CheckConstraint(
                condition=Q(status="terbuka", ditutup_pada__isnull=True)
                | Q(status="terpenuhi", ditutup_pada__isnull=False)
                | (Q(status="gugur", ditutup_pada__isnull=False) & ~Q(catatan_penutupan="")),
                name="kebutuhan_penutupan_lengkap",
            ),
            models.CheckConstraint(condition=~Q(uraian=""), name="kebutuhan_uraian_wajib"),
        ]
        indexes = [
            # pelatihan lists the open needs of a set of pegawai
            models.Index(fields=["pegawai"], condition=Q(status="terbuka"), name="kebutuhan_terbuka_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.get_area_kompetensi_display()}"

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.TERBUKA
