"""Helpers shared by the service modules of ``indikator`` (private: each is called by a service that
checks the actor's right itself)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    Arah,
    BentukTarget,
    EkspektasiPerilaku,
    Iki,
    PeriodePenilaian,
    Skp,
    galat_besaran,
    galat_target_rentang,
)
from kinerja.angka import PESAN_TIDAK_SAH, AngkaTidakSah, parse_angka


def _desimal(nilai, field: str) -> Decimal:
    """A number read by the one parser, refused when it does not fit the model's columns (``galat_besaran``)."""
    try:
        angka = parse_angka(nilai)
    except AngkaTidakSah as exc:
        raise ValidationError({field: PESAN_TIDAK_SAH}) from exc
    pesan = galat_besaran(angka)
    if pesan:
        raise ValidationError({field: pesan})
    return angka


def _desimal_atau_kosong(nilai, field: str) -> Decimal | None:
    return None if nilai in (None, "") else _desimal(nilai, field)


def _require_penyusunan_terbuka(*, skp_or_none: Skp | None, periode: PeriodePenilaian, pegawai_id: int) -> None:
    if not periode.dibuka:
        raise ValidationError(_("Periode %(tahun)s sudah ditutup; SKP tidak dapat diubah.") % {"tahun": periode.tahun})
    revisi = skp_or_none.revisi if skp_or_none is not None else 1
    if not periode.penyusunan_skp_terbuka(pegawai_id=pegawai_id, revisi=revisi):
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
    bawah, atas = iki.batas_bawah_realisasi, iki.batas_atas_realisasi
    if bawah is not None and atas is not None and bawah > atas:
        raise ValidationError(
            {"batas_atas_realisasi": _("Batas bawah realisasi tidak boleh lebih besar dari batas atasnya.")}
        )
    pesan = galat_target_rentang(target_bentuk=iki.target_bentuk, target=iki.target, target_atas=iki.target_atas)
    if pesan:
        raise ValidationError({"target_atas": pesan})
    if iki.target_bentuk != BentukTarget.RENTANG:
        iki.target_atas = None


IKI_FIELDS = (
    "uraian",
    "aspek",
    "satuan",
    "arah",
    "target_bentuk",
    "target",
    "target_atas",
    "batas_bawah_realisasi",
    "batas_atas_realisasi",
    "urutan",
)
#: the number fields of an IKI (parsed with ``_desimal``; empty is ``None`` except for ``target``)
IKI_ANGKA_OPSIONAL = ("target_atas", "batas_bawah_realisasi", "batas_atas_realisasi")
