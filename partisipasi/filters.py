"""Query-string filters of the complaint API (django-filter); ids are ``kinerja.filters.IdFilter``."""

from django_filters import rest_framework as filters

from kinerja.filters import IdFilter
from partisipasi.models import Pengaduan


class PengaduanPublikFilter(filters.FilterSet):
    kelurahan = IdFilter(field_name="kelurahan_id")
    status = filters.ChoiceFilter(choices=Pengaduan.Status.choices)

    class Meta:
        model = Pengaduan
        fields = ["kelurahan", "status"]


class PengaduanPetugasFilter(PengaduanPublikFilter):
    unit_penanganan = IdFilter(field_name="unit_penanganan_id")
    terbuka = filters.BooleanFilter(method="filter_terbuka")

    class Meta(PengaduanPublikFilter.Meta):
        fields = ["kelurahan", "status", "unit_penanganan", "terbuka"]

    def filter_terbuka(self, queryset, name, value: bool):
        from partisipasi.selectors import STATUS_TERBUKA

        return queryset.filter(status__in=STATUS_TERBUKA) if value else queryset.exclude(status__in=STATUS_TERBUKA)
