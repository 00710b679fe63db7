"""Writes of assessment periods and of reopening one pegawai's entries (admins)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    PembukaanKembali,
    PeriodePenilaian,
    hari_ini,
)
from kepegawaian.models import Pegawai
from kinerja.audit import audit_actor


def periode_create(
    *,
    actor,
    tahun: int,
    batas_penyusunan_skp: dt.date,
    batas_evaluasi_tahunan: dt.date,
    periodisitas: str = PeriodePenilaian.Periodisitas.TRIWULAN,
    hari_batas_realisasi: int = 5,
) -> PeriodePenilaian:
    """Admin BKD creates (and thereby opens) the period of a year."""
    access.require_bkd(actor)
    with transaction.atomic(), audit_actor(actor):
        periode = PeriodePenilaian(
            tahun=tahun,
            periodisitas=periodisitas,
            batas_penyusunan_skp=batas_penyusunan_skp,
            batas_evaluasi_tahunan=batas_evaluasi_tahunan,
            hari_batas_realisasi=hari_batas_realisasi,
        )
        periode.full_clean()
        periode.save()
        return periode


def periode_open(*, actor, periode: PeriodePenilaian) -> PeriodePenilaian:
    return _periode_set_status(actor=actor, periode=periode, status=PeriodePenilaian.Status.DIBUKA)


def periode_close(*, actor, periode: PeriodePenilaian) -> PeriodePenilaian:
    """Closing makes every entry of the year read-only for everybody (reopenings do not override it)."""
    return _periode_set_status(actor=actor, periode=periode, status=PeriodePenilaian.Status.DITUTUP)


def _periode_set_status(*, actor, periode: PeriodePenilaian, status: str) -> PeriodePenilaian:
    access.require_bkd(actor)
    with transaction.atomic(), audit_actor(actor):
        periode = PeriodePenilaian.objects.select_for_update().get(pk=periode.pk)
        if periode.status != status:
            periode.status = status
            periode.save(update_fields=["status", "diubah"])
        return periode


def pembukaan_kembali_create(
    *,
    actor,
    periode: PeriodePenilaian,
    pegawai: Pegawai,
    berlaku_sampai: dt.date,
    alasan: str,
    periode_ke: int | None = None,
) -> PembukaanKembali:
    """An admin reopens one pegawai's entries past their deadline until ``berlaku_sampai``: the whole period
    (``periode_ke=None``: SKP drafting and every month/quarter) or one month/quarter's realisation."""
    access.require_admin_of_pegawai(actor, pegawai)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan pembukaan kembali wajib diisi.")})
    if periode_ke is not None and periode_ke not in periode.daftar_periode_ke:
        raise ValidationError(
            {
                "periode_ke": _("Periode %(tahun)s tidak memiliki bulan/triwulan ke-%(ke)s.")
                % {"tahun": periode.tahun, "ke": periode_ke}
            }
        )
    if berlaku_sampai < hari_ini():
        raise ValidationError({"berlaku_sampai": _("Tanggal berlaku sampai tidak boleh di masa lalu.")})
    with transaction.atomic(), audit_actor(actor):
        obj = PembukaanKembali(
            periode=periode,
            pegawai=pegawai,
            periode_ke=periode_ke,
            berlaku_sampai=berlaku_sampai,
            alasan=alasan,
            dibuat_oleh=actor,
        )
        obj.full_clean()
        obj.save()
        return obj
