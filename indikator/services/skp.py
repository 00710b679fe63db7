"""Writes of an SKP itself: create, copy, lampiran, BerAKHLAK ekspektasi, and the workflow (submit, return,
approve, revise)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    BuktiDukung,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
)
from indikator.services._dasar import (
    IKI_FIELDS,
    _ekspektasi_baru,
    _require_dapat_diubah,
    _require_penyusunan_terbuka,
    _skp_terkunci,
)
from indikator.services.kaskade import tautan_check, tautan_check_bawahan
from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai
from kinerja.audit import audit_actor, audit_record
from kinerja.db import versi_bump


def skp_create(*, actor, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp:
    """The pegawai starts his SKP for the period (a draft with the seven BerAKHLAK values). Not blocked by his
    atasan: it may be drafted while the atasan's SKP is still a draft."""
    _require_pegawai_sendiri(actor, pegawai)
    _require_penyusunan_terbuka(skp_or_none=None, periode=periode, pegawai_id=pegawai.pk)
    with transaction.atomic(), audit_actor(actor):
        if Skp.objects.filter(pegawai=pegawai, periode=periode, terkini=True).exists():
            raise ValidationError(_("Anda sudah memiliki SKP untuk periode %(tahun)s.") % {"tahun": periode.tahun})
        skp = Skp(pegawai=pegawai, periode=periode)
        skp.full_clean()
        skp.save()
        EkspektasiPerilaku.objects.bulk_create(_ekspektasi_baru(skp))
        return skp


def _require_pegawai_sendiri(actor, pegawai: Pegawai) -> None:
    if akses_for(actor).pegawai_id != pegawai.pk:
        raise PermissionDenied(_("Hanya pegawai yang bersangkutan yang dapat menyusun SKP-nya."))


SKP_LAMPIRAN_FIELDS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def skp_update(*, actor, skp: Skp, versi: int, **lampiran: str) -> Skp:
    """The owner edits the lampiran texts (``dukungan_sumber_daya``, ``skema_pertanggungjawaban``, ``konsekuensi``)."""
    unknown = set(lampiran) - set(SKP_LAMPIRAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        versi_bump(skp, versi)
        for name, value in lampiran.items():
            setattr(skp, name, (value or "").strip())
        skp.full_clean()
        skp.save()
        return skp


def skp_copy_from_last_year(*, actor, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp:
    """Start this year's SKP as a copy of last year's current SKP: RHK, IKI with targets, lampiran. Links to the
    atasan's RHK are not carried over (last year's plans are closed): the pegawai picks them again. A PK
    indicator is matched to this year's one of the same unit, jenis and text."""
    _require_pegawai_sendiri(actor, pegawai)  # before anything about last year's SKP is told
    sumber = (
        Skp.objects.filter(pegawai=pegawai, periode__tahun=periode.tahun - 1, terkini=True)
        .prefetch_related("rhk__iki", "rhk__indikator_unit")
        .first()
    )
    if sumber is None:
        raise ValidationError(
            _("Tidak ada SKP tahun %(tahun)s untuk disalin.") % {"tahun": periode.tahun - 1}, code="tidak_ada"
        )
    with transaction.atomic(), audit_actor(actor):
        skp = skp_create(actor=actor, pegawai=pegawai, periode=periode)
        for name in SKP_LAMPIRAN_FIELDS:
            setattr(skp, name, getattr(sumber, name))
        skp.save(update_fields=[*SKP_LAMPIRAN_FIELDS, "diubah"])
        pk_tahun_ini = {
            (o.unit_id, o.jenis, o.indikator): o
            for o in IndikatorUnit.objects.filter(periode=periode, unit=pegawai.unit)
        }
        rhk_baru, iki_sumber = [], []
        for rhk in sumber.rhk.all():
            iu = rhk.indikator_unit
            baru = Rhk(
                skp=skp,
                jenis=rhk.jenis,
                uraian=rhk.uraian,
                urutan=rhk.urutan,
                perspektif=rhk.perspektif,
                asal=rhk,
                indikator_unit=pk_tahun_ini.get((iu.unit_id, iu.jenis, iu.indikator)) if iu else None,
                status_tautan=Rhk.StatusTautan.TANPA,
                catatan_tautan=_("Disalin dari SKP tahun lalu: pilih kembali RHK atasan yang diintervensi.")
                if rhk.rhk_atasan_id
                else "",
            )
            rhk_baru.append(baru)
            iki_sumber.append(list(rhk.iki.all()))
        Rhk.objects.bulk_create(rhk_baru)
        # a first revision: this year's indicators are there for the whole period (berlaku_sejak empty)
        Iki.objects.bulk_create(
            [
                _iki_salin(iki, rhk=baru, tahun_baru=True)
                for baru, ikis in zip(rhk_baru, iki_sumber, strict=True)
                for iki in ikis
            ]
        )
        audit_record(
            instance=skp, actor=actor, changes={"disalin_dari": ["-", f"SKP #{sumber.pk} ({sumber.periode.tahun})"]}
        )
        return skp


def _iki_salin(iki: Iki, *, rhk: Rhk, tahun_baru: bool = False) -> Iki:
    """A copy of an IKI; a revision keeps the day the indicator entered the SKP (``berlaku_sejak``), a copy into a
    new year's first revision starts with none (there for the whole period)."""
    return Iki(
        rhk=rhk,
        asal=iki,
        berlaku_sejak=None if tahun_baru else iki.berlaku_sejak,
        **{f: getattr(iki, f) for f in IKI_FIELDS},
    )


def ekspektasi_set(*, actor, skp: Skp, versi: int, nilai: str, ekspektasi_khusus: str) -> EkspektasiPerilaku:
    """The penilai writes his ekspektasi khusus for one BerAKHLAK value (before the SKP is approved)."""
    return _ekspektasi_tulis(actor=actor, skp=skp, versi=versi, ekspektasi={nilai: ekspektasi_khusus}, selalu=True)[0]


def ekspektasi_set_all(*, actor, skp: Skp, versi: int, ekspektasi: dict[str, str]) -> list[EkspektasiPerilaku]:
    """The penilai writes his ekspektasi khusus for several BerAKHLAK values at once (the page's one form): one
    version check and one bump for the lot; the values whose text did not change are left alone (nothing
    changed: no bump). Returns the rows that changed."""
    return _ekspektasi_tulis(actor=actor, skp=skp, versi=versi, ekspektasi=ekspektasi, selalu=False)


def _ekspektasi_tulis(*, actor, skp: Skp, versi: int, ekspektasi: dict[str, str], selalu: bool):
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        access.require_penilai(actor, skp)
        if not skp.terkini or skp.status == Skp.Status.DISETUJUI:
            raise ValidationError(_("Ekspektasi khusus hanya dapat diubah sebelum SKP disetujui."))
        if set(ekspektasi) - set(EkspektasiPerilaku.Nilai.values):
            raise ValidationError({"nilai": _("Nilai BerAKHLAK tidak dikenal.")})
        lama = {e.nilai: e for e in EkspektasiPerilaku.objects.filter(skp=skp, nilai__in=list(ekspektasi))}
        berubah = []
        for nilai, teks in ekspektasi.items():
            teks = (teks or "").strip()
            obj = lama.get(nilai) or EkspektasiPerilaku(skp=skp, nilai=nilai)
            if selalu or obj.pk is None or obj.ekspektasi_khusus != teks:
                obj.ekspektasi_khusus = teks
                berubah.append(obj)
        if not berubah:
            return []
        versi_bump(skp, versi)
        for obj in berubah:
            obj.full_clean()
            obj.save()
        return berubah


def skp_submit(*, actor, skp: Skp, versi: int) -> Skp:
    """Draft (or returned) → diajukan. Needs a penilai, at least one RHK utama, and an IKI on every RHK."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        if skp.pegawai.atasan_id is None:
            raise ValidationError(_("Anda belum memiliki pejabat penilai (atasan langsung); hubungi admin unit."))
        rhk_list = list(skp.rhk.all().prefetch_related("iki"))
        if not any(r.jenis == Rhk.Jenis.UTAMA for r in rhk_list):
            raise ValidationError(_("SKP harus memiliki paling sedikit satu RHK utama sebelum diajukan."))
        tanpa_iki = [r.uraian for r in rhk_list if not r.iki.all()]
        if tanpa_iki:
            raise ValidationError(
                _("Setiap RHK harus memiliki paling sedikit satu indikator. Belum ada indikator: %(rhk)s.")
                % {"rhk": "; ".join(tanpa_iki)}
            )
        versi_bump(skp, versi)
        skp.status = Skp.Status.DIAJUKAN
        skp.diajukan_pada = timezone.now()
        skp.full_clean()
        skp.save()
        return skp


def skp_return(*, actor, skp: Skp, versi: int, alasan: str) -> Skp:
    """The penilai returns a submitted SKP with his reason; the pegawai may edit it again."""
    alasan = (alasan or "").strip()
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        access.require_penilai(actor, skp)
        if not alasan:
            raise ValidationError({"alasan": _("Alasan pengembalian wajib diisi.")})
        if not skp.terkini or skp.status != Skp.Status.DIAJUKAN:
            raise ValidationError(_("Hanya SKP yang sedang diajukan yang dapat dikembalikan."))
        versi_bump(skp, versi)
        skp.status = Skp.Status.DIKEMBALIKAN
        skp.alasan_pengembalian = alasan
        skp.dikembalikan_pada = timezone.now()
        skp.full_clean()
        skp.save()
        return skp


def skp_approve(*, actor, skp: Skp, versi: int) -> Skp:
    """The penilai approves a submitted SKP: snapshots of both people are taken, this SKP's own links are
    checked, and links of subordinates' SKP into it (or into its previous revision) are re-checked."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        access.require_penilai(actor, skp)
        if not skp.terkini or skp.status != Skp.Status.DIAJUKAN:
            raise ValidationError(_("Hanya SKP yang sedang diajukan yang dapat disetujui."))
        versi_bump(skp, versi)
        pegawai = Pegawai.objects.select_related("jabatan", "unit").get(pk=skp.pegawai_id)
        assert pegawai.atasan_id is not None  # require_penilai: his atasan is the actor
        penilai = Pegawai.objects.select_related("jabatan", "unit").get(pk=pegawai.atasan_id)
        skp.status = Skp.Status.DISETUJUI
        skp.disetujui_pada = timezone.now()
        skp.disetujui_oleh = actor
        skp.alasan_pengembalian = ""
        skp.penilai = penilai
        skp.penilai_nama = penilai.nama
        skp.penilai_nip = penilai.nip
        skp.penilai_golongan = penilai.get_golongan_display()
        skp.penilai_jabatan = penilai.jabatan.nama
        skp.penilai_unit = penilai.unit.nama
        skp.pegawai_nama = pegawai.nama
        skp.pegawai_golongan = pegawai.get_golongan_display()
        skp.pegawai_jabatan = pegawai.jabatan.nama
        skp.pegawai_unit = pegawai.unit.nama
        skp.full_clean()
        skp.save()
        tautan_check(skp=skp)
        tautan_check_bawahan(skp=skp)
        return skp


def skp_revise(*, actor, skp: Skp, versi: int) -> Skp:
    """Changing an approved SKP: copy it (RHK, IKI, ekspektasi, lampiran, realisasi and bukti dukung so far)
    into a new draft revision that goes through approval again. The old revision stays readable."""
    with transaction.atomic(), audit_actor(actor):
        lama = _skp_terkunci(skp)
        access.require_owner(actor, lama)
        if not lama.terkini or lama.status != Skp.Status.DISETUJUI:
            raise ValidationError(_("Hanya SKP terkini yang sudah disetujui yang dapat direvisi."))
        if not lama.periode.dibuka:
            raise ValidationError(_("Periode %(tahun)s sudah ditutup.") % {"tahun": lama.periode.tahun})
        versi_bump(lama, versi)
        Skp.objects.filter(pk=lama.pk).update(terkini=False)
        baru = Skp(
            pegawai_id=lama.pegawai_id,
            periode_id=lama.periode_id,
            revisi=lama.revisi + 1,
            revisi_dari=lama,
            **{name: getattr(lama, name) for name in SKP_LAMPIRAN_FIELDS},
        )
        baru.full_clean()
        baru.save()
        EkspektasiPerilaku.objects.bulk_create(
            [
                EkspektasiPerilaku(skp=baru, nilai=e.nilai, ekspektasi_khusus=e.ekspektasi_khusus)
                for e in lama.ekspektasi_perilaku.all()
            ]
        )
        rhk_lama = list(lama.rhk.all().prefetch_related("iki__realisasi__bukti"))
        rhk_baru = [
            Rhk(
                skp=baru,
                jenis=r.jenis,
                uraian=r.uraian,
                rhk_atasan_id=r.rhk_atasan_id,
                rhk_atasan_uraian=r.rhk_atasan_uraian,
                indikator_unit_id=r.indikator_unit_id,
                perspektif=r.perspektif,
                urutan=r.urutan,
                status_tautan=r.status_tautan,
                catatan_tautan=r.catatan_tautan,
                asal=r,
            )
            for r in rhk_lama
        ]
        Rhk.objects.bulk_create(rhk_baru)
        iki_pairs = [
            (i, _iki_salin(i, rhk=rb)) for rl, rb in zip(rhk_lama, rhk_baru, strict=True) for i in rl.iki.all()
        ]
        Iki.objects.bulk_create([b for _a, b in iki_pairs])
        real_pairs = [
            (
                r,
                Realisasi(
                    iki=b, periode_ke=r.periode_ke, nilai=r.nilai, narasi=r.narasi, diubah_oleh_id=r.diubah_oleh_id
                ),
            )
            for a, b in iki_pairs
            for r in a.realisasi.all()
        ]
        Realisasi.objects.bulk_create([b for _a, b in real_pairs])
        BuktiDukung.objects.bulk_create(
            [
                BuktiDukung(
                    realisasi=rb,
                    jenis=bk.jenis,
                    berkas=bk.berkas.name,
                    url=bk.url,
                    sha256=bk.sha256,
                    tipe=bk.tipe,
                    nama_asli=bk.nama_asli,
                    ukuran=bk.ukuran,
                    diunggah_oleh_id=bk.diunggah_oleh_id,
                )
                for ra, rb in real_pairs
                for bk in ra.bukti.all()
            ]
        )
        audit_record(instance=baru, actor=actor, changes={"revisi_dari": ["-", f"SKP #{lama.pk} revisi {lama.revisi}"]})
        return baru
