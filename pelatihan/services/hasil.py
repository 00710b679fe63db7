"""Results of an event: attendance per day and completion (bulk). Completion grants the programme's JP in the
pegawai's ledger year and a certificate with a verification code."""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.audit import audit_actor
from pelatihan import access
from pelatihan.jp import tahun_buku
from pelatihan.models import Kegiatan, Kehadiran, Peserta, hari_ini
from pelatihan.padanan import area_dijawab
from pelatihan.rekap import jp_tahunan_segarkan
from penilaian import services as penilaian_services

# Verification codes: 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX-XXXX.
_ABJAD = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def kode_verifikasi_baru() -> str:
    mentah = "".join(secrets.choice(_ABJAD) for _i in range(12))
    return f"{mentah[:4]}-{mentah[4:8]}-{mentah[8:]}"


def kode_normal(kode: str) -> str:
    """What a person typed (lower case, spaces, no dashes) → the stored form."""
    mentah = "".join(ch for ch in (kode or "").upper() if ch.isalnum())
    if len(mentah) != 12:
        return (kode or "").strip().upper()
    return f"{mentah[:4]}-{mentah[4:8]}-{mentah[8:]}"


def _peserta_kegiatan(kegiatan: Kegiatan, ids: Iterable[int]) -> list[Peserta]:
    ids = {int(i) for i in ids}
    rows = list(
        Peserta.objects.select_for_update()
        .filter(kegiatan=kegiatan, pk__in=ids, status=Peserta.Status.TERDAFTAR)
        .select_related("pegawai")
    )
    if len(rows) != len(ids):
        raise ValidationError({"peserta": _("Sebagian peserta yang dipilih bukan peserta terdaftar kegiatan ini.")})
    return rows


def kehadiran_set(*, actor, kegiatan: Kegiatan, tanggal: dt.date, hadir: Iterable[int]) -> int:
    """Record one day's attendance for every seated participant: those in ``hadir`` (participant ids) present,
    the others absent. Returns the number present."""
    access.require_manage_kegiatan(actor, kegiatan)
    if not kegiatan.tanggal_mulai <= tanggal <= kegiatan.tanggal_selesai:
        raise ValidationError(
            {
                "tanggal": _("Tanggal %(tgl)s di luar jadwal kegiatan (%(mulai)s s.d. %(selesai)s).")
                % {
                    "tgl": date_format(tanggal, "j F Y"),
                    "mulai": date_format(kegiatan.tanggal_mulai, "j F Y"),
                    "selesai": date_format(kegiatan.tanggal_selesai, "j F Y"),
                }
            }
        )
    if tanggal > hari_ini():
        raise ValidationError({"tanggal": _("Kehadiran tidak dapat dicatat untuk hari yang belum tiba.")})
    with transaction.atomic(), audit_actor(actor):
        hadir_rows = {p.pk for p in _peserta_kegiatan(kegiatan, hadir)}
        semua = Peserta.objects.filter(kegiatan=kegiatan, status=Peserta.Status.TERDAFTAR).values_list("pk", flat=True)
        ada = {k.peserta_id: k for k in Kehadiran.objects.filter(peserta__kegiatan=kegiatan, tanggal=tanggal)}
        for pk in semua:
            nilai = pk in hadir_rows
            baris = ada.get(pk)
            if baris is None:
                Kehadiran.objects.create(peserta_id=pk, tanggal=tanggal, hadir=nilai)
            elif baris.hadir != nilai:
                baris.hadir = nilai
                baris.save(update_fields=["hadir"])
    return len(hadir_rows)


def kelulusan_grant(*, actor, kegiatan: Kegiatan, peserta: Iterable[int]) -> list[Peserta]:
    """Declare participants (ids) as having completed the event: each gets the programme's JP in his ledger year
    and a verification code for his certificate. Only after the event has ended; all or nothing."""
    access.require_manage_kegiatan(actor, kegiatan)
    kegiatan = Kegiatan.objects.select_related("program").get(pk=kegiatan.pk)
    if kegiatan.status != Kegiatan.Status.DIJADWALKAN:
        raise ValidationError(_("Kegiatan ini dibatalkan; kelulusan tidak dapat dicatat."))
    if hari_ini() < kegiatan.tanggal_selesai:
        raise ValidationError(
            _("Kelulusan baru dapat dicatat setelah kegiatan selesai (%(tgl)s).")
            % {"tgl": date_format(kegiatan.tanggal_selesai, "j F Y")}
        )
    ids = list(peserta)
    if not ids:
        raise ValidationError({"peserta": _("Pilih sekurang-kurangnya satu peserta.")})
    with transaction.atomic(), audit_actor(actor):
        rows = _peserta_kegiatan(kegiatan, ids)
        sudah = [p.pegawai.nama for p in rows if p.selesai]
        if sudah:
            raise ValidationError(
                {"peserta": _("Sudah dinyatakan selesai sebelumnya: %(nama)s.") % {"nama": "; ".join(sudah)}}
            )
        kini = timezone.now()
        for p in rows:
            p.selesai = True
            p.selesai_pada = kini
            p.jp = kegiatan.program.jp
            p.tahun_jp = tahun_buku(status=p.pegawai.status, nip=p.pegawai.nip, tanggal=kegiatan.tanggal_selesai)
            p.kode_verifikasi = _kode_unik()
            p.save(update_fields=["selesai", "selesai_pada", "jp", "tahun_jp", "kode_verifikasi"])
        jp_tahunan_segarkan((p.pegawai_id, p.tahun_jp) for p in rows)
        # the development needs this training met are closed with it (pelatihan.rekomendasi: the matching rule)
        penilaian_services.kebutuhan_close_by_pelatihan(
            actor=actor,
            pegawai_ids=[p.pegawai_id for p in rows],
            area_kompetensi=area_dijawab(kegiatan.program.bidang),
            referensi=f"pelatihan:{kegiatan.pk}",
            catatan=_("Terpenuhi oleh pelatihan %(judul)s (selesai %(tgl)s).")
            % {"judul": kegiatan.judul, "tgl": date_format(kegiatan.tanggal_selesai, "j F Y")},
        )
    return rows


def _kode_unik() -> str:
    while True:
        kode = kode_verifikasi_baru()
        if not Peserta.objects.filter(kode_verifikasi=kode).exists():
            return kode
