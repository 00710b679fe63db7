"""Development needs (kebutuhan pengembangan): they follow the evaluation's result; the training app closes them.

Which needs an evaluation calls for is one rule, ``aturan.alasan_kebutuhan`` (one need per reason):
- a predikat of Butuh Perbaikan or worse → sumber ``predikat``, area teknis (the results of work);
- each BerAKHLAK value rated Di Bawah Ekspektasi → sumber ``perilaku``, the value's area;
- the penilai's note of a development need → sumber ``catatan``, the area he chose (teknis by default).
``_kebutuhan_sync`` applies it whenever a final result is made or changed (finalising, a calibration change, an
objection decision): a missing need is created, a need whose reason came back after it was dropped is reopened, an
open need whose reason is gone is closed as ``gugur`` with the recorded reason and what changed it (``referensi``).
A need the training app already marked fulfilled stays fulfilled. Every change is audited (django-auditlog, with the
actor of the calling service).
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
Status = KebutuhanPengembangan.Status


def _isian(evaluasi: Evaluasi, sumber: str, aspek: str) -> dict:
    """The area and the description of the need for one reason of ``aturan.alasan_kebutuhan``."""
    if sumber == Sumber.PREDIKAT:
        return {
            "area_kompetensi": aturan.AreaKompetensi.TEKNIS,
            "uraian": _("Predikat %(predikat)s pada %(periode)s: perlu peningkatan hasil kerja.")
            % {"predikat": evaluasi.get_predikat_display(), "periode": evaluasi.label_periode},
        }
    if sumber == Sumber.PERILAKU:
        return {
            "area_kompetensi": aturan.AREA_NILAI_BERAKHLAK[aspek],
            "uraian": _("Perilaku %(nilai)s di bawah ekspektasi pada %(periode)s.")
            % {"nilai": EkspektasiPerilaku.Nilai(aspek).label, "periode": evaluasi.label_periode},
        }
    return {
        "area_kompetensi": evaluasi.area_pengembangan or aturan.AreaKompetensi.TEKNIS,
        "uraian": evaluasi.catatan_pengembangan.strip(),
    }


def _isi(kebutuhan: KebutuhanPengembangan, isian: dict) -> None:
    for nama, nilai in isian.items():
        setattr(kebutuhan, nama, nilai)


def _kebutuhan_sync(
    evaluasi: Evaluasi, *, actor=None, sebab: str = "", referensi: str = ""
) -> list[KebutuhanPengembangan]:
    """Make the evaluation's development needs follow its result (``aturan.alasan_kebutuhan``); returns the rows
    created, reopened or closed. ``sebab`` says what changed the result (it becomes the closing note), ``referensi``
    points at it (``"kalibrasi:<id>"``, ``"keberatan:<id>"``). Private: called inside the services that make an
    evaluation final or change its ratings (they checked the actor and hold the row lock)."""
    if not evaluasi.final:
        return []
    alasan = aturan.alasan_kebutuhan(
        predikat=evaluasi.predikat,
        rating_nilai=evaluasi.rating_nilai,
        catatan_pengembangan=evaluasi.catatan_pengembangan,
    )
    ada = {(k.sumber, k.aspek): k for k in KebutuhanPengembangan.objects.select_for_update().filter(evaluasi=evaluasi)}
    kini = timezone.now()
    diubah: list[KebutuhanPengembangan] = []
    for sumber, aspek in alasan:
        isian = _isian(evaluasi, sumber, aspek)
        kebutuhan = ada.get((sumber, aspek))
        if kebutuhan is None:
            kebutuhan = KebutuhanPengembangan(
                pegawai_id=evaluasi.pegawai_id, evaluasi=evaluasi, sumber=sumber, aspek=aspek, **isian
            )
        elif kebutuhan.status == Status.GUGUR:  # the reason is back: the same need again
            kebutuhan.status = Status.TERBUKA
            kebutuhan.ditutup_pada = None
            kebutuhan.ditutup_oleh = None
            kebutuhan.catatan_penutupan = ""
            kebutuhan.referensi_penutupan = ""
            _isi(kebutuhan, isian)
        elif kebutuhan.terbuka and kebutuhan.uraian != isian["uraian"]:  # e.g. Butuh Perbaikan became Kurang
            _isi(kebutuhan, isian)
        else:
            continue
        kebutuhan.full_clean(exclude=["pegawai", "evaluasi"])
        kebutuhan.save()
        diubah.append(kebutuhan)
    masih = set(alasan)
    for kunci, kebutuhan in ada.items():
        if kunci in masih or not kebutuhan.terbuka:
            continue
        kebutuhan.status = Status.GUGUR
        kebutuhan.ditutup_pada = kini
        kebutuhan.ditutup_oleh = actor if getattr(actor, "is_authenticated", False) else None
        kebutuhan.catatan_penutupan = (
            _("Alasan kebutuhan ini tidak ada lagi: %(sebab)s Predikat kini %(predikat)s.")
            % {"sebab": sebab or _("hasil evaluasi berubah."), "predikat": evaluasi.get_predikat_display()}
        )[:2000]
        kebutuhan.referensi_penutupan = referensi[:100]
        kebutuhan.full_clean(exclude=["pegawai", "evaluasi"])
        kebutuhan.save()
        diubah.append(kebutuhan)
    return diubah


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
    *, actor, pegawai_ids, area_kompetensi, referensi: str, catatan: str = "", dibuat_sebelum=None
) -> list[KebutuhanPengembangan]:
    """The training app closes the open needs a completed training met: those of ``pegawai_ids`` in one of the
    competence areas ``area_kompetensi`` (its matching rule, ``pelatihan.rekomendasi``). Private to that caller:
    it checked the actor's right to record the completion (the organiser, or the admin importing the training
    history, who need not administer the pegawai), and the need follows from the completion, not from a judgment
    of his. Audited with that actor. ``dibuat_sebelum`` (a datetime): only the needs raised by then — a training
    imported from history answers the needs raised before it ended, not those of a later appraisal."""
    with transaction.atomic(), audit_actor(actor):
        qs = KebutuhanPengembangan.objects.select_for_update().filter(
            pegawai_id__in=list(pegawai_ids),
            area_kompetensi__in=list(area_kompetensi),
            status=KebutuhanPengembangan.Status.TERBUKA,
        )
        if dibuat_sebelum is not None:
            qs = qs.filter(dibuat__lte=dibuat_sebelum)
        rows = list(qs)
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
