"""Writes of a unit's IKU / Perjanjian Kinerja: one entry, or an XLSX import (admin of the unit, admin BKD)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    Arah,
    IndikatorUnit,
    PeriodePenilaian,
)
from indikator.services._dasar import (
    _desimal,
    _validate_target,
)
from kepegawaian.models import UnitKerja
from kinerja.audit import audit_actor

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


#: the largest IKU/PK sheet accepted (a sheet of a few hundred rows is a few dozen KB); the API checks it earlier
IMPOR_MAKS_BYTE = 5 * 1024 * 1024


def _ukuran_berkas(berkas) -> int:
    size = getattr(berkas, "size", None)
    if size is None:
        posisi = berkas.tell()
        size = berkas.seek(0, 2)
        berkas.seek(posisi)
    return size


#: the columns of the IKU / PK import sheet, in order (header row required; see ``indikator_unit_import``)
KOLOM_IMPOR_INDIKATOR_UNIT = ("jenis", "sasaran_strategis", "indikator", "satuan", "arah", "target", "perspektif")


def indikator_unit_import(*, actor, unit: UnitKerja, periode: PeriodePenilaian, berkas) -> list[IndikatorUnit]:
    """Import a unit's IKU / PK from an XLSX whose first sheet has the header ``KOLOM_IMPOR_INDIKATOR_UNIT``.

    Every row is validated first; any bad row rejects the whole file with a per-row list of errors
    (``ValidationError({"baris": ["Baris 3, kolom target: ..."]})``). Re-importing the same file changes nothing
    (rows are keyed on unit, period, jenis and indikator)."""
    from openpyxl import load_workbook

    access.require_admin_of_unit(actor, unit)
    if _ukuran_berkas(berkas) > IMPOR_MAKS_BYTE:
        raise ValidationError({"berkas": _("Berkas impor paling besar 5 MB.")})
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
