"""Every write of ``indikator``. One function per action, keyword-only arguments, the acting user first.

Each function: ``transaction.atomic`` + ``audit_actor`` (django-auditlog records the actor), checks who may act
(``indikator.access.require_*``, raising ``PermissionDenied``), validates (``full_clean`` and the domain rules
below, raising ``ValidationError`` with Indonesian messages), saves, and queues side effects with
``transaction.on_commit``. A refused call saves nothing.

Rules held here:

- only the owner edits his SKP, only in draft (or returned), only while drafting is open (the first revision is
  bound to ``batas_penyusunan_skp``; later revisions to the period being open), unless an admin reopened it;
- optimistic locking: every edit of an SKP (its RHK, IKI, lampiran, status) passes the ``versi`` the caller read;
  a mismatch raises ``KonflikVersi`` and nothing is saved. Realisasi has its own ``versi``;
- an RHK intervensi must be an RHK of the current SKP of the pegawai's own atasan (a draft is fine: he is not
  blocked by his atasan); links are checked again when either SKP is approved and broken ones are flagged
  (``Rhk.status_tautan = putus``), visible to both sides;
- only the pegawai's pejabat penilai returns (with a reason) or approves; approval takes the snapshots;
- realisation of a closed month/quarter is refused unless reopened for that pegawai.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access
from indikator.bukti import periksa_berkas
from indikator.models import (
    Arah,
    BentukTarget,
    BuktiDukung,
    DialogKinerja,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
    hari_ini,
)
from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai, UnitKerja
from kinerja.angka import PESAN_TIDAK_SAH, AngkaTidakSah, parse_angka
from kinerja.audit import audit_actor, audit_record
from kinerja.db import KonflikVersi, versi_bump

# --- helpers ----------------------------------------------------------------------------------------------------


def _desimal(nilai, field: str) -> Decimal:
    try:
        return parse_angka(nilai)
    except AngkaTidakSah as exc:
        raise ValidationError({field: PESAN_TIDAK_SAH}) from exc


def _bump_versi(skp: Skp, versi: int) -> None:
    versi_bump(skp, versi)


def _pegawai_dari_actor(actor) -> Pegawai:
    akses = akses_for(actor)
    if akses.pegawai_id is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return Pegawai.objects.get(pk=akses.pegawai_id)


def _pembukaan_aktif(*, periode: PeriodePenilaian, pegawai_id: int, hari: dt.date) -> bool:
    return PembukaanKembali.objects.filter(
        periode=periode, pegawai_id=pegawai_id, periode_ke__isnull=True, berlaku_sampai__gte=hari
    ).exists()


def _require_penyusunan_terbuka(*, skp_or_none: Skp | None, periode: PeriodePenilaian, pegawai_id: int) -> None:
    if not periode.dibuka:
        raise ValidationError(_("Periode %(tahun)s sudah ditutup; SKP tidak dapat diubah.") % {"tahun": periode.tahun})
    revisi = skp_or_none.revisi if skp_or_none is not None else 1
    if revisi > 1:
        return  # a revision of an approved SKP may be made while the period is open
    if not periode.penyusunan_skp_terbuka(pegawai_id=pegawai_id):
        raise ValidationError(
            _(
                "Batas penyusunan SKP (%(batas)s) sudah lewat; SKP hanya dapat dibaca. "
                "Hubungi admin unit untuk membuka kembali."
            )
            % {"batas": periode.batas_penyusunan_skp.strftime("%d-%m-%Y")}
        )


def _require_dapat_diubah(*, actor, skp: Skp) -> None:
    """The owner, an editable status, drafting open."""
    access.require_owner(actor, skp)
    if not skp.terkini:
        raise ValidationError(_("Revisi SKP ini sudah digantikan oleh revisi yang lebih baru; hanya dapat dibaca."))
    if skp.status not in Skp.STATUS_DAPAT_DIUBAH:
        raise ValidationError(
            _("SKP berstatus %(status)s tidak dapat diubah.") % {"status": skp.get_status_display().lower()}
        )
    _require_penyusunan_terbuka(skp_or_none=skp, periode=skp.periode, pegawai_id=skp.pegawai_id)


def _skp_terkunci(skp: Skp) -> Skp:
    """Re-read the SKP inside the transaction (row lock on PostgreSQL) so checks see the latest status."""
    return Skp.objects.select_for_update().select_related("periode", "pegawai").get(pk=skp.pk)


def _ekspektasi_baru(skp: Skp) -> list[EkspektasiPerilaku]:
    return [EkspektasiPerilaku(skp=skp, nilai=nilai) for nilai in EkspektasiPerilaku.Nilai.values]


# --- periods ----------------------------------------------------------------------------------------------------


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


# --- unit indicators --------------------------------------------------------------------------------------------

INDIKATOR_UNIT_FIELDS = ("jenis", "sasaran_strategis", "indikator", "satuan", "arah", "target", "perspektif", "urutan")


def indikator_unit_create(
    *,
    actor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    jenis: str,
    sasaran_strategis: str,
    indikator: str,
    satuan: str,
    target,
    arah: str = Arah.NAIK,
    perspektif: str = "",
    urutan: int = 0,
) -> IndikatorUnit:
    """The unit's admin (or admin BKD) enters one IKU or Perjanjian Kinerja target for the year."""
    access.require_admin_of_unit(actor, unit)
    with transaction.atomic(), audit_actor(actor):
        obj = IndikatorUnit(
            unit=unit,
            periode=periode,
            jenis=jenis,
            sasaran_strategis=(sasaran_strategis or "").strip(),
            indikator=(indikator or "").strip(),
            satuan=(satuan or "").strip(),
            arah=arah,
            target=_desimal(target, "target"),
            perspektif=perspektif or "",
            urutan=urutan,
        )
        _validate_target(obj.target, arah=arah)
        obj.full_clean()
        obj.save()
        return obj


#: the columns of the IKU / PK import sheet, in order (header row required; see ``indikator_unit_import_xlsx``)
KOLOM_IMPOR_INDIKATOR_UNIT = ("jenis", "sasaran_strategis", "indikator", "satuan", "arah", "target", "perspektif")


def indikator_unit_import_xlsx(*, actor, unit: UnitKerja, periode: PeriodePenilaian, berkas) -> list[IndikatorUnit]:
    """Import a unit's IKU / PK from an XLSX whose first sheet has the header ``KOLOM_IMPOR_INDIKATOR_UNIT``.

    Every row is validated first; any bad row rejects the whole file with a per-row list of errors
    (``ValidationError({"baris": ["Baris 3, kolom target: ..."]})``). Re-importing the same file changes nothing
    (rows are keyed on unit, period, jenis and indikator)."""
    from openpyxl import load_workbook

    access.require_admin_of_unit(actor, unit)
    try:
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError({"berkas": _("Berkas bukan XLSX yang dapat dibaca.")}) from exc
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    if not rows:
        raise ValidationError({"berkas": _("Berkas kosong.")})
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [k for k in KOLOM_IMPOR_INDIKATOR_UNIT if k not in header]
    if missing:
        raise ValidationError({"berkas": _("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(missing)}})
    idx = {k: header.index(k) for k in KOLOM_IMPOR_INDIKATOR_UNIT}

    errors: list[str] = []
    valid: list[IndikatorUnit] = []
    seen: set[tuple[str, str]] = set()
    for nomor, row in enumerate(rows[1:], start=2):
        if all(c in (None, "") for c in row):
            continue
        data = {k: ("" if row[i] is None else str(row[i]).strip()) for k, i in idx.items()}
        data["jenis"] = data["jenis"].lower()
        data["arah"] = (data["arah"] or Arah.NAIK).lower()
        data["perspektif"] = data["perspektif"].lower().replace(" ", "_")
        obj = IndikatorUnit(
            unit=unit, periode=periode, urutan=nomor - 1, **{k: v for k, v in data.items() if k != "target"}
        )
        try:
            obj.target = _desimal(data["target"], "target")
            _validate_target(obj.target, arah=obj.arah)
            obj.full_clean(exclude=["unit", "periode"], validate_unique=False)
        except ValidationError as exc:
            for kolom, messages in exc.message_dict.items():
                for message in messages:
                    if kolom == "__all__":
                        errors.append(_("Baris %(baris)s: %(pesan)s") % {"baris": nomor, "pesan": message})
                    else:
                        errors.append(
                            _("Baris %(baris)s, kolom %(kolom)s: %(pesan)s")
                            % {"baris": nomor, "kolom": kolom, "pesan": message}
                        )
            continue
        key = (obj.jenis, obj.indikator)
        if key in seen:
            errors.append(_("Baris %(baris)s: indikator ini muncul dua kali dalam berkas.") % {"baris": nomor})
            continue
        seen.add(key)
        valid.append(obj)
    if errors:
        raise ValidationError({"baris": errors})

    hasil = []
    with transaction.atomic(), audit_actor(actor):
        existing = {
            (o.jenis, o.indikator): o
            for o in IndikatorUnit.objects.select_for_update().filter(unit=unit, periode=periode)
        }
        for obj in valid:
            current = existing.get((obj.jenis, obj.indikator))
            if current is None:
                obj.save()
                hasil.append(obj)
                continue
            changed = [f for f in INDIKATOR_UNIT_FIELDS if getattr(current, f) != getattr(obj, f)]
            if changed:
                for f in changed:
                    setattr(current, f, getattr(obj, f))
                current.save()
            hasil.append(current)
    return hasil


# --- SKP --------------------------------------------------------------------------------------------------------


def skp_create(*, actor, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp:
    """The pegawai starts his SKP for the period (a draft with the seven BerAKHLAK values). Not blocked by his
    atasan: it may be drafted while the atasan's SKP is still a draft."""
    if akses_for(actor).pegawai_id != pegawai.pk:
        raise PermissionDenied(_("Hanya pegawai yang bersangkutan yang dapat menyusun SKP-nya."))
    _require_penyusunan_terbuka(skp_or_none=None, periode=periode, pegawai_id=pegawai.pk)
    with transaction.atomic(), audit_actor(actor):
        if Skp.objects.filter(pegawai=pegawai, periode=periode, terkini=True).exists():
            raise ValidationError(_("Anda sudah memiliki SKP untuk periode %(tahun)s.") % {"tahun": periode.tahun})
        skp = Skp(pegawai=pegawai, periode=periode)
        skp.full_clean()
        skp.save()
        EkspektasiPerilaku.objects.bulk_create(_ekspektasi_baru(skp))
        return skp


SKP_LAMPIRAN_FIELDS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def skp_update(*, actor, skp: Skp, versi: int, **lampiran: str) -> Skp:
    """The owner edits the lampiran texts (``dukungan_sumber_daya``, ``skema_pertanggungjawaban``, ``konsekuensi``)."""
    unknown = set(lampiran) - set(SKP_LAMPIRAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        for name, value in lampiran.items():
            setattr(skp, name, (value or "").strip())
        skp.full_clean()
        skp.save()
        return skp


def skp_copy_from_last_year(*, actor, pegawai: Pegawai, periode: PeriodePenilaian) -> Skp:
    """Start this year's SKP as a copy of last year's current SKP: RHK, IKI with targets, lampiran. Links to the
    atasan's RHK are not carried over (last year's plans are closed): the pegawai picks them again. A PK
    indicator is matched to this year's one of the same unit, jenis and text."""
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
        Iki.objects.bulk_create(
            [_iki_salin(iki, rhk=baru) for baru, ikis in zip(rhk_baru, iki_sumber, strict=True) for iki in ikis]
        )
        audit_record(
            instance=skp, actor=actor, changes={"disalin_dari": ["-", f"SKP #{sumber.pk} ({sumber.periode.tahun})"]}
        )
        return skp


def _iki_salin(iki: Iki, *, rhk: Rhk) -> Iki:
    return Iki(
        rhk=rhk,
        uraian=iki.uraian,
        aspek=iki.aspek,
        satuan=iki.satuan,
        arah=iki.arah,
        target_bentuk=iki.target_bentuk,
        target=iki.target,
        target_atas=iki.target_atas,
        urutan=iki.urutan,
        asal=iki,
    )


# --- RHK --------------------------------------------------------------------------------------------------------


def _validate_rhk_atasan(*, skp: Skp, rhk_atasan: Rhk | None) -> str:
    """The intervened RHK must belong to the current SKP of this pegawai's own atasan, same period.
    Returns the link status: sah (atasan's SKP approved) or menunggu (still a draft / submitted)."""
    if rhk_atasan is None:
        return Rhk.StatusTautan.TANPA
    atasan_id = Pegawai.objects.filter(pk=skp.pegawai_id).values_list("atasan_id", flat=True).first()
    target = Rhk.objects.select_related("skp").filter(pk=rhk_atasan.pk).first()
    if (
        atasan_id is None
        or target is None
        or target.skp.pegawai_id != atasan_id
        or target.skp.periode_id != skp.periode_id
        or not target.skp.terkini
    ):
        raise ValidationError(
            {
                "rhk_atasan": _(
                    "RHK yang diintervensi harus merupakan RHK dari SKP terkini atasan langsung Anda "
                    "pada periode yang sama."
                )
            }
        )
    return Rhk.StatusTautan.SAH if target.skp.status == Skp.Status.DISETUJUI else Rhk.StatusTautan.MENUNGGU


def _validate_indikator_unit(*, skp: Skp, indikator_unit: IndikatorUnit | None) -> None:
    if indikator_unit is None:
        return
    unit_id = Pegawai.objects.filter(pk=skp.pegawai_id).values_list("unit_id", flat=True).first()
    if indikator_unit.unit_id != unit_id or indikator_unit.periode_id != skp.periode_id:
        raise ValidationError(
            {"indikator_unit": _("Indikator unit harus milik unit kerja Anda pada periode yang sama.")}
        )


def rhk_add(
    *,
    actor,
    skp: Skp,
    versi: int,
    uraian: str,
    jenis: str = Rhk.Jenis.UTAMA,
    rhk_atasan: Rhk | None = None,
    indikator_unit: IndikatorUnit | None = None,
    perspektif: str | None = None,
    urutan: int | None = None,
) -> Rhk:
    """Add an RHK to a draft SKP. ``rhk_atasan``: the atasan's RHK it serves (may be in his draft);
    ``indikator_unit``: for a unit head, the unit's PK indicator (its perspektif is taken unless given)."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        status_tautan = _validate_rhk_atasan(skp=skp, rhk_atasan=rhk_atasan)
        _validate_indikator_unit(skp=skp, indikator_unit=indikator_unit)
        if urutan is None:
            urutan = skp.rhk.count() + 1
        rhk = Rhk(
            skp=skp,
            jenis=jenis,
            uraian=(uraian or "").strip(),
            rhk_atasan=rhk_atasan,
            rhk_atasan_uraian=rhk_atasan.uraian if rhk_atasan else "",
            indikator_unit=indikator_unit,
            perspektif=perspektif if perspektif is not None else (indikator_unit.perspektif if indikator_unit else ""),
            urutan=urutan,
            status_tautan=status_tautan,
        )
        rhk.full_clean()
        rhk.save()
        return rhk


RHK_FIELDS = ("uraian", "jenis", "rhk_atasan", "indikator_unit", "perspektif", "urutan")


def rhk_update(*, actor, rhk: Rhk, versi: int, **changes) -> Rhk:
    """Change fields of an RHK (any of ``RHK_FIELDS``)."""
    unknown = set(changes) - set(RHK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
        if "uraian" in changes:
            changes["uraian"] = (changes["uraian"] or "").strip()
        for name, value in changes.items():
            setattr(rhk, name, value)
        if "rhk_atasan" in changes:
            rhk.status_tautan = _validate_rhk_atasan(skp=skp, rhk_atasan=rhk.rhk_atasan)
            rhk.rhk_atasan_uraian = rhk.rhk_atasan.uraian if rhk.rhk_atasan else ""
            rhk.catatan_tautan = ""
        if "indikator_unit" in changes:
            _validate_indikator_unit(skp=skp, indikator_unit=rhk.indikator_unit)
            if "perspektif" not in changes:
                rhk.perspektif = rhk.indikator_unit.perspektif if rhk.indikator_unit else ""
        rhk.full_clean()
        rhk.save()
        return rhk


def rhk_delete(*, actor, rhk: Rhk, versi: int) -> None:
    """Delete an RHK with its IKI. Subordinates' RHK that intervened it are flagged as broken links."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
        Rhk.objects.filter(rhk_atasan=rhk).update(
            status_tautan=Rhk.StatusTautan.PUTUS,
            catatan_tautan=_("RHK atasan yang diintervensi telah dihapus oleh atasan."),
        )
        rhk.delete()


# --- IKI --------------------------------------------------------------------------------------------------------


def _validate_target(target: Decimal, *, arah: str) -> None:
    if target < 0:
        raise ValidationError({"target": _("Target tidak boleh negatif.")})
    if target == 0 and arah != Arah.TURUN:
        raise ValidationError(
            {
                "target": _(
                    "Target nol tidak bermakna bila semakin tinggi semakin baik; isi target lebih besar dari nol."
                )
            }
        )


def _validate_iki_target(iki: Iki) -> None:
    _validate_target(iki.target, arah=iki.arah)
    if iki.target_bentuk == BentukTarget.RENTANG:
        if iki.target_atas is None:
            raise ValidationError({"target_atas": _("Target rentang wajib diisi batas atasnya.")})
        if iki.target > iki.target_atas:
            raise ValidationError(
                {"target_atas": _("Batas bawah rentang target tidak boleh lebih besar dari batas atasnya.")}
            )
    elif iki.target_atas is not None:
        iki.target_atas = None


IKI_FIELDS = ("uraian", "aspek", "satuan", "arah", "target_bentuk", "target", "target_atas", "urutan")


def iki_add(
    *,
    actor,
    rhk: Rhk,
    versi: int,
    uraian: str,
    satuan: str,
    target,
    aspek: str = "kuantitas",
    arah: str = Arah.NAIK,
    target_bentuk: str = BentukTarget.ANGKA,
    target_atas=None,
    urutan: int | None = None,
) -> Iki:
    """Add an IKI to an RHK of a draft SKP. A range target: ``target_bentuk="rentang"``, ``target`` the lower
    and ``target_atas`` the upper bound."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
        iki = Iki(
            rhk=rhk,
            uraian=(uraian or "").strip(),
            satuan=(satuan or "").strip(),
            aspek=aspek,
            arah=arah,
            target_bentuk=target_bentuk,
            target=_desimal(target, "target"),
            target_atas=None if target_atas in (None, "") else _desimal(target_atas, "target_atas"),
            urutan=urutan if urutan is not None else rhk.iki.count() + 1,
        )
        _validate_iki_target(iki)
        iki.full_clean()
        iki.save()
        return iki


def iki_update(*, actor, iki: Iki, versi: int, **changes) -> Iki:
    """Change fields of an IKI (any of ``IKI_FIELDS``)."""
    unknown = set(changes) - set(IKI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(iki.rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        iki = Iki.objects.get(pk=iki.pk, rhk__skp=skp)
        for name, value in changes.items():
            if name in ("target", "target_atas") and value not in (None, ""):
                value = _desimal(value, name)
            elif name == "target_atas":
                value = None
            setattr(iki, name, value)
        _validate_iki_target(iki)
        iki.full_clean()
        iki.save()
        return iki


def iki_delete(*, actor, iki: Iki, versi: int) -> None:
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(iki.rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        _bump_versi(skp, versi)
        Iki.objects.get(pk=iki.pk, rhk__skp=skp).delete()


def ekspektasi_set(*, actor, skp: Skp, versi: int, nilai: str, ekspektasi_khusus: str) -> EkspektasiPerilaku:
    """The penilai writes his ekspektasi khusus for one BerAKHLAK value (before the SKP is approved)."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(skp)
        access.require_penilai(actor, skp)
        if not skp.terkini or skp.status == Skp.Status.DISETUJUI:
            raise ValidationError(_("Ekspektasi khusus hanya dapat diubah sebelum SKP disetujui."))
        if nilai not in EkspektasiPerilaku.Nilai.values:
            raise ValidationError({"nilai": _("Nilai BerAKHLAK tidak dikenal.")})
        _bump_versi(skp, versi)
        obj, _created = EkspektasiPerilaku.objects.get_or_create(skp=skp, nilai=nilai)
        obj.ekspektasi_khusus = (ekspektasi_khusus or "").strip()
        obj.full_clean()
        obj.save()
        return obj


# --- the workflow -----------------------------------------------------------------------------------------------


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
        _bump_versi(skp, versi)
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
        _bump_versi(skp, versi)
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
        _bump_versi(skp, versi)
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
        tautan_periksa_skp(skp=skp)
        tautan_periksa_bawahan(skp=skp)
        return skp


def tautan_periksa_skp(*, skp: Skp) -> int:
    """Re-check the links of this SKP's RHK to the atasan's RHK (four UPDATEs, whatever the size):
    into the atasan's current approved SKP → sah; into his current draft, or into an older revision while he
    is revising → menunggu (checked again when his SKP is approved); anything else → putus.
    Returns how many links are broken."""
    atasan_id = Pegawai.objects.filter(pk=skp.pegawai_id).values_list("atasan_id", flat=True).first()
    linked = Rhk.objects.filter(skp=skp, rhk_atasan__isnull=False)
    milik_atasan = Q(rhk_atasan__skp__pegawai_id=atasan_id, rhk_atasan__skp__periode_id=skp.periode_id)
    terkini = Q(rhk_atasan__skp__terkini=True)
    disetujui = Q(rhk_atasan__skp__status=Skp.Status.DISETUJUI)
    linked.filter(milik_atasan & terkini & disetujui).update(status_tautan=Rhk.StatusTautan.SAH, catatan_tautan="")
    linked.filter(milik_atasan & terkini & ~disetujui).update(
        status_tautan=Rhk.StatusTautan.MENUNGGU, catatan_tautan=""
    )
    linked.filter(milik_atasan & ~terkini).update(
        status_tautan=Rhk.StatusTautan.MENUNGGU,
        catatan_tautan=_("Atasan sedang merevisi SKP-nya; tautan diperiksa lagi saat revisi itu disetujui."),
    )
    return linked.exclude(milik_atasan).update(
        status_tautan=Rhk.StatusTautan.PUTUS,
        catatan_tautan=_("RHK yang diintervensi bukan RHK dari SKP atasan langsung pada periode ini."),
    )


def tautan_periksa_bawahan(*, skp: Skp) -> int:
    """After the atasan's SKP is approved: subordinates' links to its RHK become valid; links to the RHK of its
    previous revisions move to the copied RHK when it still exists, else they are flagged broken; links of
    people who are no longer his subordinates are flagged broken. A constant number of queries.
    Returns how many links are broken."""
    revisi_lama = Skp.objects.filter(pegawai_id=skp.pegawai_id, periode_id=skp.periode_id, terkini=False)
    rhk_ini = Rhk.objects.filter(skp=skp)
    bawahan_q = Q(skp__pegawai__atasan_id=skp.pegawai_id, skp__terkini=True)

    # 1. links straight into this SKP: valid, for current subordinates
    Rhk.objects.filter(bawahan_q, rhk_atasan__skp=skp).update(status_tautan=Rhk.StatusTautan.SAH, catatan_tautan="")
    # 2. links into an old revision whose RHK was carried into this one: follow the copy
    pindah: dict[int | None, int] = {
        asal_id: baru_id for baru_id, asal_id in rhk_ini.filter(asal__skp__in=revisi_lama).values_list("pk", "asal_id")
    }
    lama = list(
        Rhk.objects.filter(bawahan_q, rhk_atasan__skp__in=revisi_lama).only("pk", "rhk_atasan_id", "rhk_atasan_uraian")
    )
    uraian_baru = dict(rhk_ini.filter(pk__in=pindah.values()).values_list("pk", "uraian"))
    putus = 0
    for r in lama:
        baru = pindah.get(r.rhk_atasan_id)
        if baru is None:
            r.status_tautan = Rhk.StatusTautan.PUTUS
            r.catatan_tautan = _("RHK atasan yang diintervensi tidak ada lagi pada revisi SKP atasan yang disetujui.")
            putus += 1
        else:
            r.rhk_atasan_id = baru
            r.rhk_atasan_uraian = uraian_baru[baru]
            r.status_tautan = Rhk.StatusTautan.SAH
            r.catatan_tautan = ""
    Rhk.objects.bulk_update(
        lama, ["rhk_atasan", "rhk_atasan_uraian", "status_tautan", "catatan_tautan"], batch_size=500
    )
    # 3. links from people who are not (or no longer) his subordinates
    putus += (
        Rhk.objects.filter(rhk_atasan__skp__pegawai_id=skp.pegawai_id, rhk_atasan__skp__periode_id=skp.periode_id)
        .exclude(skp__pegawai__atasan_id=skp.pegawai_id)
        .exclude(status_tautan=Rhk.StatusTautan.PUTUS)
        .update(
            status_tautan=Rhk.StatusTautan.PUTUS,
            catatan_tautan=_("Pegawai ini bukan lagi bawahan langsung pemilik RHK yang diintervensi."),
        )
    )
    return putus


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
        _bump_versi(lama, versi)
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
                    iki=b, periode_ke=r.periode_ke, nilai=r.nilai, narasi=r.narasi, updated_by_id=r.updated_by_id
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
                    uploaded_by_id=bk.uploaded_by_id,
                )
                for ra, rb in real_pairs
                for bk in ra.bukti.all()
            ]
        )
        audit_record(instance=baru, actor=actor, changes={"revisi_dari": ["-", f"SKP #{lama.pk} revisi {lama.revisi}"]})
        return baru


# --- bulk cascade ------------------------------------------------------------------------------------------------


def rhk_cascade_bulk(
    *,
    actor,
    rhk: Rhk,
    bawahan: Iterable[Pegawai | int],
    iki: list[dict],
    uraian: str | None = None,
    jenis: str = Rhk.Jenis.UTAMA,
) -> list[Rhk]:
    """The penilai assigns one of his RHK, with IKI and targets, to many direct subordinates at once.

    For each subordinate a new RHK intervening ``rhk`` (text ``uraian``, default the same text) is added to his
    current SKP, created as a draft when he has none. ``iki`` is a list of dicts with the ``iki_add`` arguments
    (``uraian``, ``satuan``, ``target``, optional ``aspek``, ``arah``, ``target_bentuk``, ``target_atas``).
    All or nothing; bulk writes, so the number of queries does not grow with the number of subordinates
    (beyond the database's own batch limits)."""
    ids = sorted({b if isinstance(b, int) else b.pk for b in bawahan})
    if not ids:
        raise ValidationError({"bawahan": _("Pilih paling sedikit satu bawahan.")})
    iki_templates = []
    for nomor, data in enumerate(iki, start=1):
        unknown = set(data) - {"uraian", "satuan", "target", "aspek", "arah", "target_bentuk", "target_atas"}
        if unknown:
            raise TypeError(f"unknown IKI fields: {sorted(unknown)}")
        template = Iki(
            uraian=(data.get("uraian") or "").strip(),
            satuan=(data.get("satuan") or "").strip(),
            aspek=data.get("aspek", "kuantitas"),
            arah=data.get("arah", Arah.NAIK),
            target_bentuk=data.get("target_bentuk", BentukTarget.ANGKA),
            target=_desimal(data.get("target"), "target"),
            target_atas=None if data.get("target_atas") in (None, "") else _desimal(data["target_atas"], "target_atas"),
            urutan=nomor,
        )
        _validate_iki_target(template)
        template.full_clean(exclude=["rhk"])
        iki_templates.append(template)
    if not iki_templates:
        raise ValidationError({"iki": _("Isi paling sedikit satu indikator.")})

    with transaction.atomic(), audit_actor(actor):
        sumber = Rhk.objects.select_related("skp", "skp__periode").get(pk=rhk.pk)
        access.require_owner(actor, sumber.skp)
        if not sumber.skp.terkini:
            raise ValidationError(_("RHK ini berasal dari revisi SKP yang sudah digantikan."))
        periode = sumber.skp.periode
        if not periode.dibuka:
            raise ValidationError(_("Periode %(tahun)s sudah ditutup.") % {"tahun": periode.tahun})
        penilai_id = sumber.skp.pegawai_id
        pegawai_map = {p.pk: p for p in Pegawai.objects.filter(pk__in=ids, atasan_id=penilai_id, aktif=True)}
        bukan = [i for i in ids if i not in pegawai_map]
        if bukan:
            raise ValidationError(
                {"bawahan": _("%(n)s pegawai yang dipilih bukan bawahan langsung Anda.") % {"n": len(bukan)}}
            )
        skp_map = {
            s.pegawai_id: s
            for s in Skp.objects.select_for_update().filter(pegawai_id__in=ids, periode=periode, terkini=True)
        }
        terkunci = [pegawai_map[pid].nama for pid, s in skp_map.items() if s.status not in Skp.STATUS_DAPAT_DIUBAH]
        if terkunci:
            raise ValidationError(
                {
                    # names often end in a title with commas and dots ("Rina, A.Md."): joined with ";"
                    "bawahan": _(
                        "SKP pegawai berikut sedang diajukan atau sudah disetujui, jadi belum dapat diberi RHK baru: "
                        "%(nama)s. Kembalikan SKP yang diajukan atau minta pegawai membuat revisi, lalu ulangi."
                    )
                    % {"nama": "; ".join(sorted(terkunci)).rstrip(".")}
                }
            )
        perlu_buka = [pid for pid in ids if pid not in skp_map or skp_map[pid].revisi == 1]
        if perlu_buka and not periode.penyusunan_skp_terbuka():
            dibuka = set(
                PembukaanKembali.objects.filter(
                    periode=periode, pegawai_id__in=perlu_buka, periode_ke__isnull=True, berlaku_sampai__gte=hari_ini()
                ).values_list("pegawai_id", flat=True)
            )
            tertutup = [pegawai_map[pid].nama for pid in perlu_buka if pid not in dibuka]
            if tertutup:
                raise ValidationError(
                    {
                        "bawahan": _("Batas penyusunan SKP sudah lewat untuk: %(nama)s.")
                        % {"nama": "; ".join(sorted(tertutup)).rstrip(".")}
                    }
                )

        baru = [Skp(pegawai_id=pid, periode=periode) for pid in ids if pid not in skp_map]
        if baru:
            Skp.objects.bulk_create(baru)
            EkspektasiPerilaku.objects.bulk_create([e for s in baru for e in _ekspektasi_baru(s)])
            for s in baru:
                skp_map[s.pegawai_id] = s
        Skp.objects.filter(pk__in=[s.pk for s in skp_map.values()]).update(versi=F("versi") + 1, diubah=timezone.now())

        status_tautan = Rhk.StatusTautan.SAH if sumber.skp.status == Skp.Status.DISETUJUI else Rhk.StatusTautan.MENUNGGU
        teks = (uraian or sumber.uraian).strip()
        rhk_baru = [
            Rhk(
                skp=skp_map[pid],
                jenis=jenis,
                uraian=teks,
                rhk_atasan=sumber,
                rhk_atasan_uraian=sumber.uraian,
                urutan=100 + sumber.urutan,
                status_tautan=status_tautan,
            )
            for pid in ids
        ]
        if rhk_baru:
            rhk_baru[0].full_clean(exclude=["skp", "rhk_atasan"])
        Rhk.objects.bulk_create(rhk_baru)
        Iki.objects.bulk_create(
            [
                Iki(
                    rhk=r,
                    **{
                        f: getattr(t, f)
                        for f in (
                            "uraian",
                            "satuan",
                            "aspek",
                            "arah",
                            "target_bentuk",
                            "target",
                            "target_atas",
                            "urutan",
                        )
                    },
                )
                for r in rhk_baru
                for t in iki_templates
            ]
        )
        audit_record(
            instance=sumber,
            actor=actor,
            changes={"kaskade": ["-", _("%(n)s bawahan: %(ids)s") % {"n": len(ids), "ids": ",".join(map(str, ids))}]},
        )
        return rhk_baru


# --- realisation ------------------------------------------------------------------------------------------------


def _require_realisasi_terbuka(*, actor, skp: Skp, periode_ke: int) -> None:
    access.require_owner(actor, skp)
    periode = skp.periode
    if periode_ke not in periode.daftar_periode_ke:
        raise ValidationError(
            {
                "periode_ke": _("Periode %(tahun)s tidak memiliki %(jenis)s ke-%(ke)s.")
                % {"tahun": periode.tahun, "jenis": periode.get_periodisitas_display().lower(), "ke": periode_ke}
            }
        )
    if not skp.terkini:
        raise ValidationError(_("Revisi SKP ini sudah digantikan; isi realisasi pada revisi terkini."))
    if not skp.pernah_disetujui:
        raise ValidationError(_("Realisasi hanya dapat diisi setelah SKP disetujui pejabat penilai."))
    if not periode.realisasi_terbuka(pegawai_id=skp.pegawai_id, periode_ke=periode_ke):
        if hari_ini() < periode.mulai_periode_ke(periode_ke) and periode.dibuka:
            raise ValidationError(
                {"periode_ke": _("%(label)s belum dimulai.") % {"label": periode.label_periode_ke(periode_ke)}}
            )
        raise ValidationError(
            {
                "periode_ke": _(
                    "Pengisian realisasi %(label)s %(tahun)s sudah ditutup (batas %(batas)s); hanya dapat dibaca. "
                    "Hubungi admin unit untuk membuka kembali."
                )
                % {
                    "label": periode.label_periode_ke(periode_ke),
                    "tahun": periode.tahun,
                    "batas": periode.batas_realisasi(periode_ke).strftime("%d-%m-%Y"),
                }
            }
        )


def realisasi_save(*, actor, iki: Iki, periode_ke: int, nilai, narasi: str = "", versi: int | None = None) -> Realisasi:
    """Enter (``versi=None``) or change (``versi`` as read) the realisation of an IKI for a month/quarter."""
    nilai = _desimal(nilai, "nilai")
    with transaction.atomic(), audit_actor(actor):
        iki = Iki.objects.select_related("rhk__skp__periode", "rhk__skp__pegawai").get(pk=iki.pk)
        skp = iki.rhk.skp
        _require_realisasi_terbuka(actor=actor, skp=skp, periode_ke=periode_ke)
        realisasi = Realisasi.objects.select_for_update().filter(iki=iki, periode_ke=periode_ke).first()
        if realisasi is None:
            if versi is not None:
                raise KonflikVersi()
            realisasi = Realisasi(iki=iki, periode_ke=periode_ke)
        else:
            if versi is None or realisasi.versi != versi:
                raise KonflikVersi()
            realisasi.versi += 1
        realisasi.nilai = nilai
        realisasi.narasi = (narasi or "").strip()
        realisasi.updated_by = actor
        realisasi.full_clean()
        realisasi.save()
        return realisasi


def bukti_add(*, actor, realisasi: Realisasi, berkas=None, url: str = "") -> BuktiDukung:
    """Attach evidence: a file (PDF, JPEG, PNG, XLSX, DOCX, ≤ 10 MB, type checked by content, SHA-256 stored)
    or a link. The file is written to storage before the transaction and removed again if the row fails."""
    if (berkas is None) == (not url):
        raise ValidationError(_("Lampirkan satu berkas atau satu tautan."))
    realisasi = Realisasi.objects.select_related("iki__rhk__skp__periode", "iki__rhk__skp__pegawai").get(
        pk=realisasi.pk
    )
    _require_realisasi_terbuka(actor=actor, skp=realisasi.iki.rhk.skp, periode_ke=realisasi.periode_ke)
    bukti = BuktiDukung(realisasi=realisasi, uploaded_by=actor)
    stored_name = None
    if berkas is not None:
        info = periksa_berkas(berkas)
        bukti.jenis = BuktiDukung.Jenis.BERKAS
        bukti.sha256, bukti.tipe, bukti.ukuran, bukti.nama_asli = info.sha256, info.tipe, info.ukuran, info.nama_asli
        name = f"bukti/{info.sha256[:2]}/{info.sha256}.{info.ekstensi}"
        stored_name = name if default_storage.exists(name) else default_storage.save(name, berkas)
        bukti.berkas.name = stored_name
    else:
        bukti.jenis = BuktiDukung.Jenis.TAUTAN
        bukti.url = url.strip()
        bukti.nama_asli = ""
    try:
        with transaction.atomic(), audit_actor(actor):
            bukti.full_clean()
            bukti.save()
    except Exception:
        if stored_name and not BuktiDukung.objects.filter(berkas=stored_name).exists():
            default_storage.delete(stored_name)
        raise
    return bukti


def bukti_delete(*, actor, bukti: BuktiDukung) -> None:
    """Remove evidence while its month/quarter is open. The stored file (named by its hash, possibly shared with
    a copy in another revision) is deleted after commit when no row uses it any more."""
    realisasi = bukti.realisasi
    _require_realisasi_terbuka(actor=actor, skp=realisasi.iki.rhk.skp, periode_ke=realisasi.periode_ke)
    with transaction.atomic(), audit_actor(actor):
        name = bukti.berkas.name
        bukti.delete()
        if name:

            def _hapus_berkas():
                if not BuktiDukung.objects.filter(berkas=name).exists():
                    default_storage.delete(name)

            transaction.on_commit(_hapus_berkas)


# --- feedback and dialog ----------------------------------------------------------------------------------------


def umpan_balik_add(*, actor, iki: Iki, periode_ke: int, teks: str) -> UmpanBalik:
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
        from indikator import tasks

        tasks.umpan_balik_kabari.delay_on_commit(obj.pk)
        return obj


def dialog_kinerja_add(*, actor, skp: Skp, tanggal: dt.date, catatan: str, hasil: str = "") -> DialogKinerja:
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
