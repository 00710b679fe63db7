"""Writes of the RHK and IKI of a draft SKP (the owner, while drafting is open; optimistic locking on the SKP)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator.models import (
    Arah,
    BentukTarget,
    Iki,
    IndikatorUnit,
    Rhk,
    Skp,
    hari_ini,
)
from indikator.services._dasar import (
    IKI_ANGKA_OPSIONAL,
    IKI_FIELDS,
    _desimal,
    _desimal_atau_kosong,
    _require_dapat_diubah,
    _skp_terkunci,
    _validate_iki_target,
)
from kepegawaian.models import Pegawai
from kinerja.audit import audit_actor
from kinerja.db import versi_bump


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


def rhk_create(
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
        versi_bump(skp, versi)
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
        versi_bump(skp, versi)
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
        versi_bump(skp, versi)
        rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
        Rhk.objects.filter(rhk_atasan=rhk).update(
            status_tautan=Rhk.StatusTautan.PUTUS,
            catatan_tautan=_("RHK atasan yang diintervensi telah dihapus oleh atasan."),
        )
        rhk.delete()


def iki_create(
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
    batas_bawah_realisasi=None,
    batas_atas_realisasi=None,
    urutan: int | None = None,
) -> Iki:
    """Add an IKI to an RHK of a draft SKP. A range target: ``target_bentuk="rentang"``, ``target`` the lower
    and ``target_atas`` the upper bound. ``batas_bawah_realisasi`` / ``batas_atas_realisasi``: the IKI's own
    bounds of a realisation (empty: not negative, at most 100 for a percentage). Added by a revision, the IKI
    counts from today (``berlaku_sejak``): months closed before it existed are no missing entries."""
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        versi_bump(skp, versi)
        rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
        iki = Iki(
            rhk=rhk,
            uraian=(uraian or "").strip(),
            satuan=(satuan or "").strip(),
            aspek=aspek,
            arah=arah,
            target_bentuk=target_bentuk,
            target=_desimal(target, "target"),
            target_atas=_desimal_atau_kosong(target_atas, "target_atas"),
            batas_bawah_realisasi=_desimal_atau_kosong(batas_bawah_realisasi, "batas_bawah_realisasi"),
            batas_atas_realisasi=_desimal_atau_kosong(batas_atas_realisasi, "batas_atas_realisasi"),
            berlaku_sejak=_berlaku_sejak(skp),
            urutan=urutan if urutan is not None else rhk.iki.count() + 1,
        )
        _validate_iki_target(iki)
        iki.full_clean()
        iki.save()
        return iki


def _berlaku_sejak(skp: Skp):
    """An IKI of the first revision is there for the whole period; one added by a later revision, from today."""
    return hari_ini() if skp.revisi > 1 else None


def iki_update(*, actor, iki: Iki, versi: int, **changes) -> Iki:
    """Change fields of an IKI (any of ``IKI_FIELDS``)."""
    unknown = set(changes) - set(IKI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(iki.rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        versi_bump(skp, versi)
        iki = Iki.objects.get(pk=iki.pk, rhk__skp=skp)
        for name, value in changes.items():
            if name == "target":
                value = _desimal(value, name)
            elif name in IKI_ANGKA_OPSIONAL:
                value = _desimal_atau_kosong(value, name)
            setattr(iki, name, value)
        _validate_iki_target(iki)
        iki.full_clean()
        iki.save()
        return iki


def iki_delete(*, actor, iki: Iki, versi: int) -> None:
    with transaction.atomic(), audit_actor(actor):
        skp = _skp_terkunci(iki.rhk.skp)
        _require_dapat_diubah(actor=actor, skp=skp)
        versi_bump(skp, versi)
        Iki.objects.get(pk=iki.pk, rhk__skp=skp).delete()
