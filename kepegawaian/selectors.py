"""Reads shared by views, the API, exports and other apps."""

from django.db.models import Count, Q, QuerySet

from kepegawaian.models import Pegawai, UnitKerja


def unit_subtree(unit: UnitKerja, *, include_self: bool = True) -> QuerySet[UnitKerja]:
    """A unit and everything under it, at any depth: one indexed ``path LIKE 'prefix%'`` query."""
    qs = UnitKerja.objects.filter(path__startswith=unit.path)
    if not include_self:
        qs = qs.exclude(pk=unit.pk)
    return qs.order_by("path")


def pegawai_in_subtree(unit: UnitKerja) -> QuerySet[Pegawai]:
    """Everyone working in a unit or any unit under it: one query joining on the path prefix."""
    return Pegawai.objects.filter(unit__path__startswith=unit.path)


def unit_ancestors(unit: UnitKerja) -> QuerySet[UnitKerja]:
    """The chain from the root down to (not including) the unit, from its path: one query."""
    steplen = UnitKerja.steplen
    paths = [unit.path[: i * steplen] for i in range(1, unit.depth)]
    return UnitKerja.objects.filter(path__in=paths).order_by("depth")


def unit_tree_rows(root_qs: QuerySet[UnitKerja]) -> QuerySet[UnitKerja]:
    """Units ordered as a tree (by path) with their direct headcount, for the organisation browser."""
    return root_qs.order_by("path").annotate(jumlah_pegawai=Count("pegawai", filter=Q(pegawai__aktif=True)))


def pegawai_with_relations(qs: QuerySet[Pegawai] | None = None) -> QuerySet[Pegawai]:
    qs = qs if qs is not None else Pegawai.objects.all()
    return qs.select_related("unit", "jabatan", "atasan", "atasan__jabatan", "user")


def bawahan_langsung(pegawai: Pegawai) -> QuerySet[Pegawai]:
    return pegawai_with_relations(pegawai.bawahan.filter(aktif=True)).order_by("nama")


def pegawai_profile(pegawai_id: int) -> Pegawai | None:
    return (
        pegawai_with_relations(Pegawai.objects.filter(pk=pegawai_id))
        .select_related("atasan__atasan", "atasan__unit")
        .first()
    )
