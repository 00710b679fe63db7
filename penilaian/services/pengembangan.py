"""Development needs (kebutuhan pengembangan): created from a final evaluation, closed by the training app.

- a predikat of Butuh Perbaikan or worse → one need (sumber ``predikat``, area teknis: the results of work);
- each BerAKHLAK value rated Di Bawah Ekspektasi → one need (sumber ``perilaku``, the value's area);
- the penilai's note of a development need → one need (sumber ``catatan``, the area he chose, teknis by default).
Creating them again for the same evaluation adds only what is new (one per evaluation × source × value).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import EkspektasiPerilaku
from kinerja.audit import audit_actor
from penilaian import access, aturan
from penilaian.models import Evaluasi, KebutuhanPengembangan

Sumber = KebutuhanPengembangan.Sumber


def _kebutuhan_dari(evaluasi: Evaluasi) -> list[dict]:
    hasil: list[dict] = []
    if aturan.predikat_butuh_pengembangan(evaluasi.predikat):
        hasil.append(
            {
                "sumber": Sumber.PREDIKAT,
                "aspek": "",
                "area_kompetensi": aturan.AreaKompetensi.TEKNIS,
                "uraian": _("Predikat %(predikat)s pada %(periode)s: perlu peningkatan hasil kerja.")
                % {"predikat": evaluasi.get_predikat_display(), "periode": evaluasi.label_periode},
            }
        )
    for nilai in aturan.nilai_di_bawah(evaluasi.rating_nilai or {}):
        hasil.append(
            {
                "sumber": Sumber.PERILAKU,
                "aspek": nilai,
                "area_kompetensi": aturan.AREA_NILAI_BERAKHLAK[nilai],
                "uraian": _("Perilaku %(nilai)s di bawah ekspektasi pada %(periode)s.")
                % {"nilai": EkspektasiPerilaku.Nilai(nilai).label, "periode": evaluasi.label_periode},
            }
        )
    if evaluasi.catatan_pengembangan.strip():
        hasil.append(
            {
                "sumber": Sumber.CATATAN,
                "aspek": "",
                "area_kompetensi": evaluasi.area_pengembangan or aturan.AreaKompetensi.TEKNIS,
                "uraian": evaluasi.catatan_pengembangan.strip(),
            }
        )
    return hasil


def _kebutuhan_create_from_evaluasi(evaluasi: Evaluasi) -> list[KebutuhanPengembangan]:
    """The needs a final evaluation calls for, those not yet recorded. Private: called inside the services that make
    an evaluation final or change its ratings (they checked the actor and hold the row lock)."""
    if not evaluasi.final:
        return []
    ada = set(KebutuhanPengembangan.objects.filter(evaluasi=evaluasi).values_list("sumber", "aspek"))
    baru = []
    for isian in _kebutuhan_dari(evaluasi):
        if (isian["sumber"], isian["aspek"]) in ada:
            continue
        kebutuhan = KebutuhanPengembangan(pegawai_id=evaluasi.pegawai_id, evaluasi=evaluasi, **isian)
        kebutuhan.full_clean(exclude=["pegawai", "evaluasi"])
        kebutuhan.save()
        baru.append(kebutuhan)
    return baru


def kebutuhan_close(
    *, actor, kebutuhan: KebutuhanPengembangan, catatan: str = "", referensi: str = ""
) -> KebutuhanPengembangan:
    """Mark a development need fulfilled (e.g. by the training app when a recommended training is completed,
    ``referensi="pelatihan:<id>"``). The pegawai's penilai or an admin of the pegawai; never the pegawai himself."""
    with transaction.atomic(), audit_actor(actor):
        kebutuhan = (
            KebutuhanPengembangan.objects.select_for_update().select_related("evaluasi", "pegawai").get(pk=kebutuhan.pk)
        )
        access.require_close_kebutuhan(actor, kebutuhan)
        if not kebutuhan.terbuka:
            raise ValidationError(_("Kebutuhan pengembangan ini sudah ditutup."))
        kebutuhan.status = KebutuhanPengembangan.Status.TERPENUHI
        kebutuhan.ditutup_pada = timezone.now()
        kebutuhan.ditutup_oleh = actor
        kebutuhan.catatan_penutupan = (catatan or "").strip()
        kebutuhan.referensi_penutupan = (referensi or "").strip()[:100]
        kebutuhan.full_clean(exclude=["pegawai", "evaluasi"])
        kebutuhan.save()
        return kebutuhan


def kebutuhan_close_by_pelatihan(
    *, actor, pegawai_ids, area_kompetensi, referensi: str, catatan: str = ""
) -> list[KebutuhanPengembangan]:
    """The training app closes the open needs a completed training met: those of ``pegawai_ids`` in one of the
    competence areas ``area_kompetensi`` (its matching rule, ``pelatihan.rekomendasi``). Private to that caller:
    it checked the actor's right to record the completion (the organiser, who need not administer the pegawai),
    and the need follows from the completion, not from a judgment of his. Audited with the organiser as actor."""
    with transaction.atomic(), audit_actor(actor):
        rows = list(
            KebutuhanPengembangan.objects.select_for_update().filter(
                pegawai_id__in=list(pegawai_ids),
                area_kompetensi__in=list(area_kompetensi),
                status=KebutuhanPengembangan.Status.TERBUKA,
            )
        )
        kini = timezone.now()
        for kebutuhan in rows:
            kebutuhan.status = KebutuhanPengembangan.Status.TERPENUHI
            kebutuhan.ditutup_pada = kini
            kebutuhan.ditutup_oleh = actor if getattr(actor, "is_authenticated", False) else None
            kebutuhan.catatan_penutupan = (catatan or "").strip()[:2000]
            kebutuhan.referensi_penutupan = (referensi or "").strip()[:100]
            kebutuhan.save(
                update_fields=["status", "ditutup_pada", "ditutup_oleh", "catatan_penutupan", "referensi_penutupan"]
            )
    return rows
