"""The organisation's side: a unit's predikat kinerja organisasi, the finalisation of its annual results against the
distribution curve (penetapan), calibration sessions (SE MenPANRB 3/2023).

- the predikat is set by the leader one level up, an admin of the unit, or admin BKD (``access.require_set_unit``);
- finalising a unit's annual results needs its annual predikat, no annual evaluation still draft in its subtree, no
  open calibration session; a spread off the curve is accepted only with a justification, recorded with the broken
  rules (the curve is a consideration, not a quota);
- calibration: opened on a unit whose results are not finalised; each change of an annual evaluation's ratings in it
  records the ratings before and after, the reason and who changed them; locking the session ends it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import PeriodePenilaian
from kepegawaian.access import akses_for
from kepegawaian.models import UnitKerja
from kinerja.audit import audit_actor
from penilaian import access, aturan, selectors
from penilaian.models import Evaluasi, PenetapanDistribusi, PerubahanKalibrasi, PredikatUnit, SesiKalibrasi
from penilaian.services._dasar import evaluasi_terkunci, rating_valid
from penilaian.services.hasil import _hasil_ubah


def predikat_unit_set(
    *,
    actor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    periode_ke: int | None,
    predikat: str,
    catatan: str = "",
) -> PredikatUnit:
    """Set (or replace) the unit's predikat kinerja organisasi for a month/quarter or (``None``) the year."""
    access.require_set_unit(actor, unit)
    if predikat not in aturan.PredikatOrganisasi.values:
        raise ValidationError(
            {"predikat": _("Predikat organisasi harus Istimewa, Baik, Butuh Perbaikan, Kurang, atau Sangat Kurang.")}
        )
    if periode_ke is not None and periode_ke not in periode.daftar_periode_ke:
        raise ValidationError({"periode_ke": _("Bulan/triwulan tidak ada pada periode ini.")})
    with transaction.atomic(), audit_actor(actor):
        if periode_ke is None and PenetapanDistribusi.objects.filter(unit=unit, periode=periode).exists():
            raise ValidationError(_("Hasil tahunan unit ini sudah ditetapkan; predikat tahunannya tidak dapat diubah."))
        obj = PredikatUnit.objects.select_for_update().filter(unit=unit, periode=periode, periode_ke=periode_ke).first()
        if obj is None:
            obj = PredikatUnit(unit=unit, periode=periode, periode_ke=periode_ke)
        obj.predikat = predikat
        obj.catatan = (catatan or "").strip()
        obj.ditetapkan_oleh = actor
        obj.full_clean(exclude=["unit", "periode"], validate_constraints=False)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            raise ValidationError(_("Predikat unit ini baru saja ditetapkan orang lain; muat ulang halaman.")) from None
        return obj


def _penandatangan(actor, unit: UnitKerja) -> dict[str, str]:
    """The signatory recorded on the penetapan; for a root unit, or when no leader is found, the actor himself (his
    pegawai data, else his account)."""
    orang = selectors.penandatangan_penetapan(unit=unit, cadangan_id=akses_for(actor).pegawai_id)
    return {
        "penandatangan_nama": orang["nama"] or (actor.get_full_name() or actor.get_username())[:200],
        "penandatangan_nip": orang["nip"],
        "penandatangan_jabatan": orang["jabatan"],
    }


def distribusi_finalize(
    *, actor, unit: UnitKerja, periode: PeriodePenilaian, justifikasi: str = ""
) -> PenetapanDistribusi:
    """Finalise the unit's annual results (Penetapan Predikat Kinerja) with the spread and the rules it breaks."""
    access.require_set_unit(actor, unit)
    with transaction.atomic(), audit_actor(actor):
        if PenetapanDistribusi.objects.select_for_update().filter(unit=unit, periode=periode).exists():
            raise ValidationError(_("Hasil tahunan unit ini sudah ditetapkan."))
        distribusi = selectors.distribusi_unit(unit=unit, periode=periode)
        if distribusi.predikat_unit is None:
            raise ValidationError(_("Tetapkan dahulu predikat kinerja organisasi tahunan unit ini."))
        if distribusi.draf:
            raise ValidationError(
                _("Masih ada %(n)s evaluasi tahunan berstatus draf di unit ini: finalkan dahulu.")
                % {"n": distribusi.draf}
            )
        if distribusi.total == 0:
            raise ValidationError(_("Belum ada evaluasi tahunan final di unit ini."))
        if SesiKalibrasi.objects.filter(unit=unit, periode=periode, status=SesiKalibrasi.Status.TERBUKA).exists():
            raise ValidationError(_("Sesi kalibrasi unit ini masih terbuka: kunci dahulu."))
        justifikasi = (justifikasi or "").strip()
        if distribusi.pelanggaran and not justifikasi:
            raise ValidationError(
                {
                    "justifikasi": _(
                        "Sebaran predikat tidak sesuai kurva distribusi (%(aturan)s): tuliskan justifikasinya."
                    )
                    % {"aturan": " ".join(p.pesan for p in distribusi.pelanggaran)}
                }
            )
        penetapan = PenetapanDistribusi(
            unit=unit,
            periode=periode,
            predikat_organisasi=distribusi.predikat_unit.predikat,
            jumlah=distribusi.jumlah,
            pelanggaran=[p.pesan for p in distribusi.pelanggaran],
            sesuai_kurva=distribusi.sesuai_kurva,
            justifikasi=justifikasi,
            ditetapkan_oleh=actor,
            **_penandatangan(actor, unit),
        )
        penetapan.full_clean(exclude=["unit", "periode", "ditetapkan_oleh"])
        try:
            with transaction.atomic():
                penetapan.save()
        except IntegrityError:
            raise ValidationError(_("Hasil tahunan unit ini sudah ditetapkan.")) from None
        return penetapan


# --- calibration ------------------------------------------------------------------------------------------------


def kalibrasi_open(*, actor, unit: UnitKerja, periode: PeriodePenilaian, catatan: str = "") -> SesiKalibrasi:
    access.require_calibrate(actor, unit)
    with transaction.atomic(), audit_actor(actor):
        if selectors.unit_ditetapkan(unit=unit, periode=periode):
            raise ValidationError(_("Hasil tahunan unit ini sudah ditetapkan: kalibrasi tidak dapat dibuka lagi."))
        if SesiKalibrasi.objects.filter(unit=unit, periode=periode, status=SesiKalibrasi.Status.TERBUKA).exists():
            raise ValidationError(_("Unit ini sudah memiliki sesi kalibrasi yang terbuka."))
        sesi = SesiKalibrasi(unit=unit, periode=periode, dibuka_oleh=actor, catatan=(catatan or "").strip())
        try:
            with transaction.atomic():
                sesi.save()
        except IntegrityError:
            raise ValidationError(_("Unit ini sudah memiliki sesi kalibrasi yang terbuka.")) from None
        return sesi


def _sesi_terkunci(sesi: SesiKalibrasi) -> SesiKalibrasi:
    """Called inside a service's ``atomic()`` block."""
    return SesiKalibrasi.objects.select_for_update().select_related("unit", "periode").get(pk=sesi.pk)


def kalibrasi_rate(
    *,
    actor,
    sesi: SesiKalibrasi,
    evaluasi: Evaluasi,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    alasan: str,
) -> PerubahanKalibrasi:
    """Change an annual evaluation's ratings in an open calibration session, with a reason (before/after kept)."""
    with transaction.atomic(), audit_actor(actor):
        sesi = _sesi_terkunci(sesi)
        access.require_calibrate(actor, sesi.unit)
        if not sesi.terbuka:
            raise ValidationError(_("Sesi kalibrasi ini sudah dikunci."))
        evaluasi = evaluasi_terkunci(evaluasi)
        in_unit = Evaluasi.objects.filter(
            pk=evaluasi.pk,
            periode_id=sesi.periode_id,
            jenis=Evaluasi.Jenis.TAHUNAN,
            status=Evaluasi.Status.FINAL,
            pegawai__unit__path__startswith=sesi.unit.path,
        ).exists()
        if not in_unit:
            raise ValidationError({"evaluasi": _("Evaluasi ini bukan evaluasi tahunan final unit sesi ini.")})
        if akses_for(actor).pegawai_id == evaluasi.pegawai_id:
            raise ValidationError({"evaluasi": _("Anda tidak dapat mengalibrasi evaluasi Anda sendiri.")})
        if access.punya_keberatan(evaluasi):
            raise ValidationError({"evaluasi": _("Evaluasi ini sedang atau sudah diajukan keberatan.")})
        hasil = rating_valid(rating_hasil_kerja, "rating_hasil_kerja", wajib=True)
        perilaku = rating_valid(rating_perilaku, "rating_perilaku", wajib=True)
        if (hasil, perilaku) == (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku):
            raise ValidationError(_("Rating baru sama dengan rating semula."))
        alasan = (alasan or "").strip()
        if not alasan:
            raise ValidationError({"alasan": _("Alasan perubahan wajib diisi.")})
        perubahan = PerubahanKalibrasi(
            sesi=sesi,
            evaluasi=evaluasi,
            rating_hasil_kerja_semula=evaluasi.rating_hasil_kerja,
            rating_perilaku_semula=evaluasi.rating_perilaku,
            predikat_semula=evaluasi.predikat,
            rating_hasil_kerja=hasil,
            rating_perilaku=perilaku,
            predikat=aturan.predikat_pegawai(hasil, perilaku),
            alasan=alasan,
            diubah_oleh=actor,
        )
        perubahan.full_clean(exclude=["sesi", "evaluasi", "diubah_oleh"])
        perubahan.save()
        _hasil_ubah(
            evaluasi,
            hasil=hasil,
            perilaku=perilaku,
            actor=actor,
            sebab=_("rating diubah dalam kalibrasi (%(alasan)s).") % {"alasan": alasan},
            referensi=f"kalibrasi:{perubahan.pk}",
            sebab_arsip=_("Dibuat ulang: hasil %(pegawai)s diubah dalam kalibrasi.")
            % {"pegawai": evaluasi.pegawai.nama},
        )
        return perubahan


def kalibrasi_close(*, actor, sesi: SesiKalibrasi) -> SesiKalibrasi:
    """Lock the session: its changes stand, nothing more changes in it."""
    with transaction.atomic(), audit_actor(actor):
        sesi = _sesi_terkunci(sesi)
        access.require_calibrate(actor, sesi.unit)
        if not sesi.terbuka:
            raise ValidationError(_("Sesi kalibrasi ini sudah dikunci."))
        sesi.status = SesiKalibrasi.Status.TERKUNCI
        sesi.dikunci_oleh = actor
        sesi.dikunci_pada = timezone.now()
        sesi.save()
        return sesi
