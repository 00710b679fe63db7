"""Events: scheduling, registration (self or nominated by the penilai), the quota and the waiting list.

The quota holds in the database: a seat is taken by one conditional UPDATE (``_kursi_ambil``) that only succeeds
while ``jumlah_terdaftar < kuota``; on PostgreSQL a second transaction racing for the last seat waits for the row
lock of the first, re-reads the row when it commits and updates nothing, so it lands on the waiting list. The
check constraint ``kegiatan_kuota_tidak_terlampaui`` refuses any over-booking that slipped past the code.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kepegawaian.access import pegawai_of_account
from kepegawaian.models import Pegawai, UnitKerja
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor, audit_record
from pelatihan import access
from pelatihan.models import Kegiatan, Peserta, Program, hari_ini
from pelatihan.services._dasar import is_sasaran

BATAS_NOMINASI = 200


def _tgl(tanggal: dt.date) -> str:
    return date_format(tanggal, "j F Y")


def _periksa_tempat(kegiatan: Kegiatan) -> None:
    kegiatan.tempat = (kegiatan.tempat or "").strip()
    kegiatan.tautan = (kegiatan.tautan or "").strip()
    if kegiatan.moda in (Kegiatan.Moda.TATAP_MUKA, Kegiatan.Moda.CAMPURAN) and not kegiatan.tempat:
        raise ValidationError({"tempat": _("Tempat wajib diisi untuk kegiatan tatap muka.")})
    if kegiatan.moda in (Kegiatan.Moda.DARING, Kegiatan.Moda.CAMPURAN) and not kegiatan.tautan:
        raise ValidationError({"tautan": _("Tautan wajib diisi untuk kegiatan daring.")})


def kegiatan_create(
    *,
    actor,
    program: Program,
    tanggal_mulai: dt.date,
    tanggal_selesai: dt.date,
    kuota: int,
    pendaftaran_mulai: dt.date,
    pendaftaran_selesai: dt.date,
    unit_penyelenggara: UnitKerja | None = None,
    moda: str = Kegiatan.Moda.TATAP_MUKA,
    tempat: str = "",
    tautan: str = "",
    nama: str = "",
) -> Kegiatan:
    """Schedule an event of a programme, organised by ``unit_penyelenggara`` (``None``: province, admin BKD)."""
    access.require_create_in_unit(actor, unit_penyelenggara)
    if not program.aktif:
        raise ValidationError({"program": _("Program ini sudah tidak aktif; aktifkan dahulu sebelum menjadwalkan.")})
    kegiatan = Kegiatan(
        program=program,
        nama=(nama or "").strip(),
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        kuota=kuota,
        pendaftaran_mulai=pendaftaran_mulai,
        pendaftaran_selesai=pendaftaran_selesai,
        unit_penyelenggara=unit_penyelenggara,
        moda=moda,
        tempat=tempat,
        tautan=tautan,
        dibuat_oleh=actor,
    )
    _periksa_tempat(kegiatan)
    with transaction.atomic(), audit_actor(actor):
        kegiatan.full_clean()
        kegiatan.save()
    return kegiatan


def kegiatan_update(
    *,
    actor,
    kegiatan: Kegiatan,
    tanggal_mulai: dt.date,
    tanggal_selesai: dt.date,
    kuota: int,
    pendaftaran_mulai: dt.date,
    pendaftaran_selesai: dt.date,
    moda: str,
    tempat: str = "",
    tautan: str = "",
    nama: str = "",
) -> Kegiatan:
    """Change an event. A smaller quota may not drop seated people; a larger one moves the waiting list up."""
    access.require_manage_kegiatan(actor, kegiatan)
    with transaction.atomic(), audit_actor(actor):
        kegiatan = Kegiatan.objects.select_for_update().get(pk=kegiatan.pk)
        if kuota is not None and kuota < kegiatan.jumlah_terdaftar:
            raise ValidationError(
                {
                    "kuota": _("Kuota tidak boleh lebih kecil dari jumlah peserta yang sudah terdaftar (%(n)s orang).")
                    % {"n": kegiatan.jumlah_terdaftar}
                }
            )
        kegiatan.tanggal_mulai, kegiatan.tanggal_selesai = tanggal_mulai, tanggal_selesai
        kegiatan.pendaftaran_mulai, kegiatan.pendaftaran_selesai = pendaftaran_mulai, pendaftaran_selesai
        kegiatan.kuota, kegiatan.moda, kegiatan.tempat, kegiatan.tautan = kuota, moda, tempat, tautan
        kegiatan.nama = (nama or "").strip()
        _periksa_tempat(kegiatan)
        kegiatan.full_clean()
        kegiatan.save()
        _tunggu_naik(actor=actor, kegiatan_id=kegiatan.pk)
    kegiatan.refresh_from_db()
    return kegiatan


# --- seats ---------------------------------------------------------------------------------------------------


def _kursi_ambil(kegiatan_id: int) -> bool:
    """Take one seat if one is free: one conditional UPDATE, atomic in the database."""
    return bool(
        Kegiatan.objects.filter(pk=kegiatan_id, jumlah_terdaftar__lt=F("kuota")).update(
            jumlah_terdaftar=F("jumlah_terdaftar") + 1
        )
    )


def _kursi_lepas(kegiatan_id: int) -> None:
    Kegiatan.objects.filter(pk=kegiatan_id, jumlah_terdaftar__gt=0).update(jumlah_terdaftar=F("jumlah_terdaftar") - 1)


def _tunggu_naik(*, actor, kegiatan_id: int) -> list[Peserta]:
    """Move the waiting list up while seats are free, first come first served. Called inside a transaction."""
    naik: list[Peserta] = []
    while True:
        calon = (
            Peserta.objects.select_for_update()
            .filter(kegiatan_id=kegiatan_id, status=Peserta.Status.MENUNGGU)
            .order_by("didaftarkan", "pk")
            .first()
        )
        if calon is None or not _kursi_ambil(kegiatan_id):
            return naik
        calon.status = Peserta.Status.TERDAFTAR
        calon.save(update_fields=["status"])
        enqueue_on_commit("pelatihan.tasks.peserta_kabari_naik", calon.pk)
        naik.append(calon)


def _periksa_pendaftaran(kegiatan: Kegiatan) -> None:
    if kegiatan.status != Kegiatan.Status.DIJADWALKAN:
        raise ValidationError(_("Kegiatan ini dibatalkan; pendaftaran tidak dapat dilakukan."))
    if not kegiatan.pendaftaran_terbuka():
        raise ValidationError(
            _("Pendaftaran kegiatan ini hanya dibuka %(mulai)s s.d. %(selesai)s.")
            % {"mulai": _tgl(kegiatan.pendaftaran_mulai), "selesai": _tgl(kegiatan.pendaftaran_selesai)}
        )


def _daftarkan(*, actor, kegiatan: Kegiatan, pegawai: Pegawai, cara: str, daftar_tunggu: bool) -> Peserta:
    """One registration inside the caller's transaction: a seat, else the waiting list (or a refusal)."""
    if Peserta.objects.filter(kegiatan=kegiatan, pegawai=pegawai).exclude(status=Peserta.Status.BATAL).exists():
        raise ValidationError(_("%(nama)s sudah terdaftar pada kegiatan ini.") % {"nama": pegawai.nama})
    if not is_sasaran(kegiatan.program, pegawai):
        raise ValidationError(
            _("%(nama)s tidak termasuk sasaran program ini (jabatan atau unit kerja yang dituju).")
            % {"nama": pegawai.nama}
        )
    if _kursi_ambil(kegiatan.pk):
        status = Peserta.Status.TERDAFTAR
    elif daftar_tunggu:
        status = Peserta.Status.MENUNGGU
    else:
        raise ValidationError(
            _("Kuota kegiatan ini sudah penuh (%(kuota)s orang). Anda dapat mendaftar ke daftar tunggu.")
            % {"kuota": kegiatan.kuota}
        )
    peserta = Peserta(kegiatan=kegiatan, pegawai=pegawai, status=status, cara=cara, didaftarkan_oleh=actor)
    try:
        with transaction.atomic():
            peserta.save()
    except IntegrityError:  # the same person registered twice at the same moment
        raise ValidationError(_("%(nama)s sudah terdaftar pada kegiatan ini.") % {"nama": pegawai.nama}) from None
    return peserta


def peserta_create(*, actor, kegiatan: Kegiatan, daftar_tunggu: bool = True) -> Peserta:
    """The pegawai registers himself: a seat while the quota lasts, else the waiting list (``daftar_tunggu``) or
    a refusal that says the event is full."""
    pegawai = pegawai_of_account(actor)
    with transaction.atomic(), audit_actor(actor):
        kegiatan = Kegiatan.objects.select_related("program").get(pk=kegiatan.pk)
        _periksa_pendaftaran(kegiatan)
        return _daftarkan(
            actor=actor, kegiatan=kegiatan, pegawai=pegawai, cara=Peserta.Cara.MANDIRI, daftar_tunggu=daftar_tunggu
        )


def peserta_create_nominasi(
    *, actor, kegiatan: Kegiatan, pegawai: Iterable[Pegawai], daftar_tunggu: bool = True
) -> list[Peserta]:
    """The penilai nominates several direct subordinates in one action: all of them or none (a refusal names
    every person that could not be nominated and why)."""
    orang = list({p.pk: p for p in pegawai}.values())
    if not orang:
        raise ValidationError({"pegawai": _("Pilih sekurang-kurangnya satu pegawai.")})
    if len(orang) > BATAS_NOMINASI:
        raise ValidationError({"pegawai": _("Paling banyak %(n)s pegawai sekali nominasi.") % {"n": BATAS_NOMINASI}})
    for p in orang:
        access.require_nominate(actor, p)
    hasil, salah = [], []
    with transaction.atomic(), audit_actor(actor):
        kegiatan = Kegiatan.objects.select_related("program").get(pk=kegiatan.pk)
        _periksa_pendaftaran(kegiatan)
        for p in Pegawai.objects.select_related("unit").filter(pk__in=[o.pk for o in orang]).order_by("nama"):
            try:
                with transaction.atomic():
                    hasil.append(
                        _daftarkan(
                            actor=actor,
                            kegiatan=kegiatan,
                            pegawai=p,
                            cara=Peserta.Cara.NOMINASI,
                            daftar_tunggu=daftar_tunggu,
                        )
                    )
            except ValidationError as exc:
                salah.extend(exc.messages)
        if salah:
            transaction.set_rollback(True)
    if salah:
        raise ValidationError({"pegawai": [*salah, _("Tidak ada yang dinominasikan; perbaiki pilihan lalu ulangi.")]})
    return hasil


def peserta_revoke(*, actor, peserta: Peserta) -> Peserta:
    """Cancel a registration (the pegawai, his penilai or the organiser). A freed seat goes to the first person
    on the waiting list. A completed training cannot be cancelled."""
    access.require_cancel(actor, peserta)
    with transaction.atomic(), audit_actor(actor):
        peserta = Peserta.objects.select_for_update().select_related("kegiatan").get(pk=peserta.pk)
        if peserta.selesai:
            raise ValidationError(_("Pelatihan yang sudah selesai tidak dapat dibatalkan."))
        if peserta.status == Peserta.Status.BATAL:
            raise ValidationError(_("Pendaftaran ini sudah dibatalkan."))
        if peserta.kegiatan.tanggal_selesai < hari_ini():
            raise ValidationError(_("Kegiatan sudah berakhir; pendaftaran tidak dapat dibatalkan lagi."))
        duduk = peserta.status == Peserta.Status.TERDAFTAR
        peserta.status = Peserta.Status.BATAL
        peserta.save(update_fields=["status"])
        if duduk:
            _kursi_lepas(peserta.kegiatan_id)
            audit_record(
                instance=peserta.kegiatan,
                actor=actor,
                changes={"jumlah_terdaftar": ["+1", "-1"]},
            )
            _tunggu_naik(actor=actor, kegiatan_id=peserta.kegiatan_id)
    return peserta
