"""Helpers shared by the service modules of ``pelatihan``."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from kepegawaian.models import Pegawai
from pelatihan.models import JP_MIN, Program, jp_maks


def jp_periksa(nilai, field: str = "jp") -> int:
    """A JP value: a whole number from 1 to ``PELATIHAN_JP_MAKS``; else a ``ValidationError`` in Indonesian."""
    try:
        jp = int(str(nilai).strip())
    except (TypeError, ValueError):
        raise ValidationError({field: _("JP harus berupa bilangan bulat, misalnya 20.")}) from None
    if jp < JP_MIN:
        raise ValidationError({field: _("JP harus lebih dari 0.")})
    if jp > jp_maks():
        raise ValidationError(
            {
                field: _("JP %(jp)s tidak wajar: satu pelatihan paling banyak %(maks)s JP (1 JP = 45 menit).")
                % {"jp": jp, "maks": jp_maks()}
            }
        )
    return jp


def program_sasaran_q(pegawai: Pegawai) -> Q:
    """Programmes this pegawai is a target of: no target jabatan or his jabatan among them, **and** no target unit
    or his unit inside one of them (a target unit covers its subtree). The one predicate of "for whom"."""
    through_jabatan = Program.target_jabatan.through
    through_unit = Program.target_unit.through
    path = pegawai.unit.path
    leluhur = [path[:i] for i in range(4, len(path) + 1, 4)]  # treebeard's steplen is 4
    ada_jabatan = Exists(through_jabatan.objects.filter(program_id=OuterRef("pk")))
    cocok_jabatan = Exists(through_jabatan.objects.filter(program_id=OuterRef("pk"), jabatan_id=pegawai.jabatan_id))
    ada_unit = Exists(through_unit.objects.filter(program_id=OuterRef("pk")))
    cocok_unit = Exists(through_unit.objects.filter(program_id=OuterRef("pk"), unitkerja__path__in=leluhur))
    return (~ada_jabatan | cocok_jabatan) & (~ada_unit | cocok_unit)


def is_sasaran(program: Program, pegawai: Pegawai) -> bool:
    return Program.objects.filter(program_sasaran_q(pegawai), pk=program.pk).exists()


def is_sasaran_prefetched(program: Program, pegawai: Pegawai) -> bool:
    """``is_sasaran`` for a programme whose ``target_jabatan`` and ``target_unit`` are prefetched, without a query
    (lists of many people and events). The same rule as ``program_sasaran_q``; a test holds the two together."""
    jabatan = [j.pk for j in program.target_jabatan.all()]
    units = [u.path for u in program.target_unit.all()]
    if jabatan and pegawai.jabatan_id not in jabatan:
        return False
    return not units or any(pegawai.unit.path.startswith(path) for path in units)
