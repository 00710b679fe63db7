"""Realisation computed from other data (e.g. ``partisipasi``'s complaint resolution time): written here, marked
``sumber = terhitung``, with a link to the data it comes from. The pegawai cannot overwrite it
(``realisasi_save`` refuses); he and his penilai may still comment (umpan balik).

A computed value is measured, not self-reported, so it is written for every month/quarter that has started while
the period is open, also after the manual entry window of that month closed (late data, a reopened complaint).
"""

import functools
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import BuktiDukung, Iki, Realisasi, SumberRealisasi, hari_ini
from indikator.services.realisasi import _berkas_buang
from kepegawaian.access import pegawai_can_manage
from kinerja.audit import audit_actor


def can_set_terhitung(actor, iki: Iki) -> bool:
    """The system job (``actor=None``), the IKI's owner (recompute on demand) or an admin of the pegawai."""
    if actor is None:
        return True
    skp = iki.rhk.skp
    return access.is_owner(actor, skp) or pegawai_can_manage(actor, skp.pegawai)


def realisasi_terhitung_set(
    *, actor, iki: Iki, periode_ke: int, nilai: Decimal, narasi: str, tautan: str
) -> Realisasi | None:
    """Write the computed value of ``iki`` for ``periode_ke`` (replacing a manual one), with ``tautan`` (an absolute
    URL of the underlying list) as its one link evidence. Returns ``None`` when nothing changed (safe to run
    twice: the nightly job rewrites only what moved)."""
    iki = Iki.objects.select_related("rhk__skp__periode", "rhk__skp__pegawai").get(pk=iki.pk)
    if not can_set_terhitung(actor, iki):
        raise PermissionDenied(_("Anda tidak berhak menghitung ulang realisasi indikator ini."))
    skp, periode = iki.rhk.skp, iki.rhk.skp.periode
    if periode_ke not in periode.daftar_periode_ke:
        raise ValidationError({"periode_ke": _("Bulan/triwulan tidak dikenal.")})
    if not (skp.terkini and skp.pernah_disetujui):
        raise ValidationError(_("Realisasi terhitung hanya ditulis pada SKP terkini yang sudah disetujui."))
    if not periode.dibuka:
        raise ValidationError(_("Periode %(tahun)s sudah ditutup.") % {"tahun": periode.tahun})
    if hari_ini() < periode.mulai_periode_ke(periode_ke):
        raise ValidationError({"periode_ke": _("Bulan/triwulan ini belum dimulai.")})
    nilai = Decimal(nilai).quantize(Decimal("0.0001"))
    with transaction.atomic(), audit_actor(actor):
        realisasi = Realisasi.objects.select_for_update().filter(iki=iki, periode_ke=periode_ke).first()
        bukti = list(realisasi.bukti.all()) if realisasi else []
        if (
            realisasi is not None
            and realisasi.terhitung
            and realisasi.nilai == nilai
            and realisasi.narasi == narasi
            and [(b.jenis, b.url) for b in bukti] == [(BuktiDukung.Jenis.TAUTAN, tautan)]
        ):
            return None
        if realisasi is None:
            realisasi = Realisasi(iki=iki, periode_ke=periode_ke)
        else:
            realisasi.versi += 1
        realisasi.nilai, realisasi.narasi, realisasi.sumber = nilai, narasi, SumberRealisasi.TERHITUNG
        realisasi.diubah_oleh = actor
        realisasi.full_clean(exclude=["diubah_oleh"])  # None: written by the system job
        realisasi.save()
        # The link replaces whatever evidence there was: the computed value's evidence is its data. Files of a
        # former manual value stay in storage only if another row still uses them (named by content).
        for b in bukti:
            name = b.berkas.name
            b.delete()
            if name:
                transaction.on_commit(functools.partial(_berkas_buang, name))
        link = BuktiDukung(realisasi=realisasi, jenis=BuktiDukung.Jenis.TAUTAN, url=tautan, diunggah_oleh=actor)
        link.full_clean(exclude=["diunggah_oleh"])
        link.save()
    return realisasi
