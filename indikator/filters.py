"""Query-string filters of the indikator endpoints (django-filter).

Ids are plain whole numbers, never model choices: an object the user may not see gives an empty result, the same
as one that does not exist. The view always intersects the result with the access scope first.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from kinerja.filters import IdFilter


class PeriodeFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PeriodePenilaian.Status.choices, label=_("Status"))

    class Meta:
        model = PeriodePenilaian
        fields = ["status"]


class IndikatorUnitFilter(filters.FilterSet):
    unit = IdFilter(method="filter_unit", label=_("Unit kerja (id)"))
    tahun = IdFilter(method="filter_tahun", label=_("Tahun periode"))
    jenis = filters.ChoiceFilter(choices=IndikatorUnit.Jenis.choices, label=_("Jenis"))

    class Meta:
        model = IndikatorUnit
        fields = ["unit", "tahun", "jenis"]

    def filter_unit(self, queryset, name, value: int):
        return queryset.filter(unit_id=value)

    def filter_tahun(self, queryset, name, value: int):
        return queryset.filter(periode__tahun=value)


class SkpFilter(filters.FilterSet):
    tahun = IdFilter(method="filter_tahun", label=_("Tahun periode"))
    pegawai = IdFilter(method="filter_pegawai", label=_("Pegawai (id)"))
    status = filters.ChoiceFilter(choices=Skp.Status.choices, label=_("Status"))
    terkini = filters.BooleanFilter(label=_("Hanya revisi terkini (bawaan: ya)"), method="filter_terkini")

    class Meta:
        model = Skp
        fields = ["tahun", "pegawai", "status", "terkini"]

    def filter_tahun(self, queryset, name, value: int):
        return queryset.filter(periode__tahun=value)

    def filter_pegawai(self, queryset, name, value: int):
        return queryset.filter(pegawai_id=value)

    def filter_terkini(self, queryset, name, value: bool):
        return queryset.filter(terkini=value)


class RhkFilter(filters.FilterSet):
    skp = IdFilter(method="filter_skp", label=_("SKP (id)"))

    class Meta:
        model = Rhk
        fields = ["skp"]

    def filter_skp(self, queryset, name, value: int):
        return queryset.filter(skp_id=value)


class IkiFilter(filters.FilterSet):
    skp = IdFilter(method="filter_skp", label=_("SKP (id)"))
    rhk = IdFilter(method="filter_rhk", label=_("RHK (id)"))

    class Meta:
        model = Iki
        fields = ["skp", "rhk"]

    def filter_skp(self, queryset, name, value: int):
        return queryset.filter(rhk__skp_id=value)

    def filter_rhk(self, queryset, name, value: int):
        return queryset.filter(rhk_id=value)


class RealisasiFilter(filters.FilterSet):
    iki = IdFilter(method="filter_iki", label=_("IKI (id)"))
    skp = IdFilter(method="filter_skp", label=_("SKP (id)"))
    periode_ke = IdFilter(method="filter_periode_ke", label=_("Bulan/triwulan ke"))

    class Meta:
        model = Realisasi
        fields = ["iki", "skp", "periode_ke"]

    def filter_iki(self, queryset, name, value: int):
        return queryset.filter(iki_id=value)

    def filter_skp(self, queryset, name, value: int):
        return queryset.filter(iki__rhk__skp_id=value)

    def filter_periode_ke(self, queryset, name, value: int):
        return queryset.filter(periode_ke=value)


class BuktiDukungFilter(filters.FilterSet):
    realisasi = IdFilter(method="filter_realisasi", label=_("Realisasi (id)"))

    class Meta:
        model = BuktiDukung
        fields = ["realisasi"]

    def filter_realisasi(self, queryset, name, value: int):
        return queryset.filter(realisasi_id=value)


class UmpanBalikFilter(filters.FilterSet):
    iki = IdFilter(method="filter_iki", label=_("IKI (id)"))
    periode_ke = IdFilter(method="filter_periode_ke", label=_("Bulan/triwulan ke"))

    class Meta:
        model = UmpanBalik
        fields = ["iki", "periode_ke"]

    def filter_iki(self, queryset, name, value: int):
        return queryset.filter(iki_id=value)

    def filter_periode_ke(self, queryset, name, value: int):
        return queryset.filter(periode_ke=value)


class PembukaanKembaliFilter(filters.FilterSet):
    periode = IdFilter(method="filter_periode", label=_("Periode (id)"))
    tahun = IdFilter(method="filter_tahun", label=_("Tahun periode"))
    pegawai = IdFilter(method="filter_pegawai", label=_("Pegawai (id)"))

    class Meta:
        model = PembukaanKembali
        fields = ["periode", "tahun", "pegawai"]

    def filter_periode(self, queryset, name, value: int):
        return queryset.filter(periode_id=value)

    def filter_tahun(self, queryset, name, value: int):
        return queryset.filter(periode__tahun=value)

    def filter_pegawai(self, queryset, name, value: int):
        return queryset.filter(pegawai_id=value)


class DialogKinerjaFilter(filters.FilterSet):
    skp = IdFilter(method="filter_skp", label=_("SKP (id)"))
    pegawai = IdFilter(method="filter_pegawai", label=_("Pegawai (id)"))
    tahun = IdFilter(method="filter_tahun", label=_("Tahun periode"))

    class Meta:
        model = DialogKinerja
        fields = ["skp", "pegawai", "tahun"]

    def filter_skp(self, queryset, name, value: int):
        return queryset.filter(skp_id=value)

    def filter_pegawai(self, queryset, name, value: int):
        return queryset.filter(skp__pegawai_id=value)

    def filter_tahun(self, queryset, name, value: int):
        return queryset.filter(skp__periode__tahun=value)
