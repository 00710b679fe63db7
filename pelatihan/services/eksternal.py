"""External training: submitted by the pegawai with its certificate, approved (or returned) by his penilai."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.access import pegawai_of_account
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor
from pelatihan import access
from pelatihan.berkas import sertifikat_periksa
from pelatihan.jp import tahun_buku
from pelatihan.models import PelatihanEksternal, hari_ini
from pelatihan.rekap import jp_tahunan_segarkan
from pelatihan.services._dasar import jp_periksa


def eksternal_submit(
    *,
    actor,
    judul: str,
    jenis: str,
    bidang: str,
    penyelenggara: str,
    tanggal_mulai: dt.date,
    tanggal_selesai: dt.date,
    jp,
    berkas,
) -> PelatihanEksternal:
    """The pegawai submits a course taken elsewhere with its certificate (PDF/JPEG/PNG, checked by content). The
    file is stored before the transaction and removed again if the row is refused."""
    pegawai = pegawai_of_account(actor)
    jp = jp_periksa(jp)
    if berkas is None:
        raise ValidationError({"berkas": _("Lampirkan berkas sertifikat.")})
    if tanggal_selesai and tanggal_selesai > hari_ini():
        raise ValidationError({"tanggal_selesai": _("Pelatihan yang belum selesai belum dapat diajukan.")})
    info = sertifikat_periksa(berkas)
    obj = PelatihanEksternal(
        pegawai=pegawai,
        judul=(judul or "").strip(),
        jenis=jenis,
        bidang=bidang,
        penyelenggara=(penyelenggara or "").strip(),
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        jp=jp,
        tahun_jp=tahun_buku(status=pegawai.status, nip=pegawai.nip, tanggal=tanggal_selesai),
        tipe=info.tipe,
        sha256=info.sha256,
        nama_asli=info.nama_asli,
    )
    obj.full_clean(exclude=["berkas"])  # the file is named once it is stored, just below
    name = f"pelatihan/eksternal/{info.sha256[:2]}/{info.sha256}.{info.ekstensi}"
    stored = name if default_storage.exists(name) else default_storage.save(name, berkas)
    obj.berkas.name = stored
    try:
        with transaction.atomic(), audit_actor(actor):
            obj.save()
            enqueue_on_commit("pelatihan.tasks.eksternal_kabari_penilai", obj.pk)
    except Exception:
        if not PelatihanEksternal.objects.filter(berkas=stored).exists():
            default_storage.delete(stored)
        raise
    return obj


def _putuskan(*, actor, eksternal: PelatihanEksternal, status: str, catatan: str) -> PelatihanEksternal:
    access.require_decide_eksternal(actor, eksternal)
    with transaction.atomic(), audit_actor(actor):
        eksternal = PelatihanEksternal.objects.select_for_update().select_related("pegawai").get(pk=eksternal.pk)
        if eksternal.status != PelatihanEksternal.Status.DIAJUKAN:
            raise ValidationError(
                _("Pengajuan ini sudah diputuskan (%(status)s).") % {"status": eksternal.get_status_display()}
            )
        eksternal.status = status
        eksternal.catatan = (catatan or "").strip()
        eksternal.diputuskan_oleh = actor
        eksternal.diputuskan_pada = timezone.now()
        eksternal.full_clean()
        eksternal.save()
        jp_tahunan_segarkan([(eksternal.pegawai_id, eksternal.tahun_jp)])
    return eksternal


def eksternal_approve(*, actor, eksternal: PelatihanEksternal, catatan: str = "") -> PelatihanEksternal:
    """The penilai approves: the JP count in the pegawai's ledger."""
    return _putuskan(actor=actor, eksternal=eksternal, status=PelatihanEksternal.Status.DISETUJUI, catatan=catatan)


def eksternal_return(*, actor, eksternal: PelatihanEksternal, catatan: str) -> PelatihanEksternal:
    """The penilai refuses, with the reason the pegawai reads."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan alasan penolakan.")})
    return _putuskan(actor=actor, eksternal=eksternal, status=PelatihanEksternal.Status.DITOLAK, catatan=catatan)
