"""Feedback threads on an IKI and the records of dialog kinerja (the penilai; replies by the pegawai too)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    DialogKinerja,
    Iki,
    Skp,
    UmpanBalik,
    hari_ini,
)
from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor


def umpan_balik_create(*, actor, iki: Iki, periode_ke: int, teks: str) -> UmpanBalik:
    """The penilai gives feedback on one IKI for one month/quarter; the pegawai sees it and may reply."""
    iki = Iki.objects.select_related("rhk__skp__periode", "rhk__skp__pegawai").get(pk=iki.pk)
    skp = iki.rhk.skp
    access.require_penilai(actor, skp)
    if periode_ke not in skp.periode.daftar_periode_ke:
        raise ValidationError({"periode_ke": _("Bulan/triwulan tidak dikenal untuk periode ini.")})
    return _umpan_balik_simpan(actor=actor, iki=iki, periode_ke=periode_ke, teks=teks, balasan_untuk=None)


def umpan_balik_reply(*, actor, umpan_balik: UmpanBalik, teks: str) -> UmpanBalik:
    """The pegawai (or the penilai) replies to a feedback thread."""
    induk = UmpanBalik.objects.select_related("iki__rhk__skp").get(pk=umpan_balik.pk)
    while induk.balasan_untuk_id is not None:  # replies hang on the thread's first message
        induk = UmpanBalik.objects.select_related("iki__rhk__skp").get(pk=induk.balasan_untuk_id)
    access.require_owner_or_penilai(actor, induk.iki.rhk.skp)
    return _umpan_balik_simpan(actor=actor, iki=induk.iki, periode_ke=induk.periode_ke, teks=teks, balasan_untuk=induk)


def _umpan_balik_simpan(*, actor, iki, periode_ke, teks, balasan_untuk) -> UmpanBalik:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Umpan balik tidak boleh kosong.")})
    penulis = Pegawai.objects.filter(user=actor).values_list("nama", flat=True).first()
    with transaction.atomic(), audit_actor(actor):
        obj = UmpanBalik(
            iki=iki,
            periode_ke=periode_ke,
            penulis=actor,
            penulis_nama=penulis or actor.get_username(),
            teks=teks,
            balasan_untuk=balasan_untuk,
        )
        obj.full_clean()
        obj.save()
        enqueue_on_commit("indikator.tasks.umpan_balik_kabari", obj.pk)
        return obj


def dialog_kinerja_create(*, actor, skp: Skp, tanggal: dt.date, catatan: str, hasil: str = "") -> DialogKinerja:
    """The penilai records a dialog kinerja with the pegawai (date, notes, outcome)."""
    access.require_penilai(actor, skp)
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": _("Catatan dialog kinerja wajib diisi.")})
    if tanggal > hari_ini():
        raise ValidationError({"tanggal": _("Tanggal dialog kinerja tidak boleh di masa depan.")})
    with transaction.atomic(), audit_actor(actor):
        obj = DialogKinerja(
            skp=skp,
            penilai_id=akses_for(actor).pegawai_id,
            tanggal=tanggal,
            catatan=catatan,
            hasil=(hasil or "").strip(),
            dicatat_oleh=actor,
        )
        obj.full_clean()
        obj.save()
        return obj
