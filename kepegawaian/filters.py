"""Query-string filters of the people and unit endpoints (django-filter).

Filters that name a unit take its id as a plain number, never a model choice: a unit the user may not see gives an
empty result, the same as a unit that does not exist, so a filter cannot be used to probe what exists. The result is
always intersected with the access scope by the view.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from kinerja.filters import IdFilter


def _unit_path_depth(unit_id) -> tuple[str, int] | None:
    return UnitKerja.objects.filter(pk=unit_id).values_list("path", "depth").first()


class UnitKerjaFilter(filters.FilterSet):
    induk = IdFilter(method="filter_induk", label=_("Unit langsung di bawah unit ini (id)"))
    subtree_of = IdFilter(
        method="filter_subtree_of", label=_("Unit ini beserta seluruh unit di bawahnya, pada kedalaman berapa pun (id)")
    )
    jenis = filters.ChoiceFilter(choices=UnitKerja.Jenis.choices, label=_("Jenis unit"))
    aktif = filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = UnitKerja
        fields = ["induk", "subtree_of", "jenis", "aktif"]

    def filter_induk(self, queryset, name, value: int):
        found = _unit_path_depth(value)
        if found is None:
            return queryset.none()
        path, depth = found
        return queryset.filter(path__startswith=path, depth=depth + 1)

    def filter_subtree_of(self, queryset, name, value: int):
        found = _unit_path_depth(value)
        if found is None:
            return queryset.none()
        return queryset.filter(path__startswith=found[0])


class JabatanFilter(filters.FilterSet):
    jenis = filters.ChoiceFilter(choices=Jabatan.Jenis.choices, label=_("Jenis jabatan"))

    class Meta:
        model = Jabatan
        fields = ["jenis"]


class PegawaiFilter(filters.FilterSet):
    unit = IdFilter(field_name="unit", label=_("Unit kerja (id), tanpa unit di bawahnya"))
    unit_subtree = IdFilter(method="filter_unit_subtree", label=_("Unit kerja (id) beserta seluruh unit di bawahnya"))
    jenis_jabatan = filters.ChoiceFilter(
        field_name="jabatan__jenis", choices=Jabatan.Jenis.choices, label=_("Jenis jabatan")
    )
    jabatan = IdFilter(field_name="jabatan", label=_("Jabatan (id)"))
    status = filters.ChoiceFilter(choices=Pegawai.Status.choices, label=_("Status kepegawaian"))
    golongan = filters.ChoiceFilter(choices=Pegawai.Golongan.choices, label=_("Pangkat/golongan"))
    atasan = IdFilter(field_name="atasan", label=_("Atasan langsung (id pegawai)"))
    aktif = filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = Pegawai
        fields = ["unit", "unit_subtree", "jenis_jabatan", "jabatan", "status", "golongan", "atasan", "aktif"]

    def filter_unit_subtree(self, queryset, name, value: int):
        found = _unit_path_depth(value)
        if found is None:
            return queryset.none()
        return queryset.filter(unit__path__startswith=found[0])
