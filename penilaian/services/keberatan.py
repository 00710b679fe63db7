"""Objections (keberatan) against a final annual evaluation (PP 30/2019 art. 59).

- the pegawai objects once, with reasons (and a link to evidence), within 14 calendar days of the result being final
  (Asia/Jakarta, the 14th day included); after that the service refuses whatever door is used;
- the recorded penilai may respond; the atasan pejabat penilai decides: upholds or changes the ratings, with a
  reason; the decision is final. A change recomputes the predikat and keeps the ratings before the decision on the
  objection (and django-auditlog keeps the evaluation's before/after).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.access import pegawai_of_account
from kinerja.audit import audit_actor
from penilaian import access
from penilaian.models import Evaluasi, Keberatan
from penilaian.services._dasar import evaluasi_terkunci, rating_valid
from penilaian.services.hasil import _hasil_ubah


def keberatan_submit(*, actor, evaluasi: Evaluasi, alasan: str, bukti_tautan: str = "") -> Keberatan:
    with transaction.atomic(), audit_actor(actor):
        evaluasi = evaluasi_terkunci(evaluasi)
        access.require_object(actor, evaluasi)
        if evaluasi.jenis != Evaluasi.Jenis.TAHUNAN:
            raise ValidationError(_("Keberatan hanya dapat diajukan atas evaluasi tahunan."))
        if not evaluasi.final:
            raise ValidationError(_("Keberatan hanya dapat diajukan atas evaluasi yang sudah final."))
        if access.punya_keberatan(evaluasi):
            raise ValidationError(_("Anda sudah mengajukan keberatan atas evaluasi ini."))
        if not access.keberatan_terbuka(evaluasi):
            batas = access.batas_keberatan(evaluasi)
            raise ValidationError(
                _(
                    "Batas waktu keberatan sudah lewat: 14 hari kalender sejak hasil final, sampai dengan "
                    "%(tanggal)s (WIB)."
                )
                % {"tanggal": batas.strftime("%d-%m-%Y") if batas else "—"}
            )
        keberatan = Keberatan(
            evaluasi=evaluasi, alasan=(alasan or "").strip(), bukti_tautan=(bukti_tautan or "").strip()
        )
        keberatan.full_clean(exclude=["evaluasi"])
        try:
            with transaction.atomic():
                keberatan.save()
        except IntegrityError:
            raise ValidationError(_("Anda sudah mengajukan keberatan atas evaluasi ini.")) from None
        return keberatan


def _keberatan_terkunci(keberatan: Keberatan) -> Keberatan:
    """Called inside a service's ``atomic()`` block."""
    return Keberatan.objects.select_for_update().select_related("evaluasi").get(pk=keberatan.pk)


def keberatan_reply(*, actor, keberatan: Keberatan, tanggapan: str) -> Keberatan:
    """The recorded penilai responds to the objection (he cannot decide it)."""
    with transaction.atomic(), audit_actor(actor):
        keberatan = _keberatan_terkunci(keberatan)
        access.require_reply_keberatan(actor, keberatan)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            raise ValidationError(_("Keberatan ini sudah diputuskan."))
        tanggapan = (tanggapan or "").strip()
        if not tanggapan:
            raise ValidationError({"tanggapan": _("Tanggapan wajib diisi.")})
        keberatan.tanggapan_penilai = tanggapan
        keberatan.ditanggapi_pada = timezone.now()
        keberatan.save(update_fields=["tanggapan_penilai", "ditanggapi_pada"])
        return keberatan


def keberatan_decide(
    *,
    actor,
    keberatan: Keberatan,
    keputusan: str,
    alasan_keputusan: str,
    rating_hasil_kerja: str = "",
    rating_perilaku: str = "",
) -> Keberatan:
    """The atasan pejabat penilai decides: ``dipertahankan`` (ratings upheld) or ``diubah`` (new ratings given)."""
    with transaction.atomic(), audit_actor(actor):
        keberatan = _keberatan_terkunci(keberatan)
        access.require_decide_keberatan(actor, keberatan)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            raise ValidationError(_("Keberatan ini sudah diputuskan; keputusan atasan bersifat final."))
        if keputusan not in Keberatan.Keputusan.values:
            raise ValidationError({"keputusan": _("Pilih: hasil dipertahankan atau hasil diubah.")})
        alasan = (alasan_keputusan or "").strip()
        if not alasan:
            raise ValidationError({"alasan_keputusan": _("Alasan keputusan wajib diisi.")})
        evaluasi = evaluasi_terkunci(keberatan.evaluasi)
        keberatan.rating_hasil_kerja_semula = evaluasi.rating_hasil_kerja
        keberatan.rating_perilaku_semula = evaluasi.rating_perilaku
        keberatan.predikat_semula = evaluasi.predikat
        if keputusan == Keberatan.Keputusan.DIUBAH:
            hasil = rating_valid(rating_hasil_kerja, "rating_hasil_kerja", wajib=True)
            perilaku = rating_valid(rating_perilaku, "rating_perilaku", wajib=True)
            if (hasil, perilaku) == (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku):
                raise ValidationError(
                    _("Rating yang baru sama dengan semula: pilih 'hasil dipertahankan' bila tidak ada perubahan.")
                )
            _hasil_ubah(
                evaluasi,
                hasil=hasil,
                perilaku=perilaku,
                actor=actor,
                sebab=_("rating diubah oleh keputusan keberatan (%(alasan)s).") % {"alasan": alasan},
                referensi=f"keberatan:{keberatan.pk}",
                sebab_arsip=_("Dibuat ulang: hasil %(pegawai)s diubah oleh keputusan keberatan.")
                % {"pegawai": evaluasi.pegawai.nama},
            )
        keberatan.keputusan = keputusan
        keberatan.alasan_keputusan = alasan
        keberatan.status = Keberatan.Status.DIPUTUSKAN
        keberatan.diputuskan_oleh = pegawai_of_account(actor)
        keberatan.diputuskan_pada = timezone.now()
        keberatan.full_clean(exclude=["evaluasi"])
        keberatan.save()
        return keberatan
