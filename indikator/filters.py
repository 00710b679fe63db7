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
    unit = IdFilter(field_name="unit", label=_("Unit kerja (id)"))
    tahun = IdFilter(field_name="periode__tahun", label=_("Tahun periode"))
    jenis = filters.ChoiceFilter(choices=IndikatorUnit.Jenis.choices, label=_("Jenis"))

    class Meta:
        model = IndikatorUnit
        fields = ["unit", "tahun", "jenis"]


class SkpFilter(filters.FilterSet):
    tahun = IdFilter(field_name="periode__tahun", label=_("Tahun periode"))
    pegawai = IdFilter(field_name="pegawai", label=_("Pegawai (id)"))
    status = filters.ChoiceFilter(choices=Skp.Status.choices, label=_("Status"))
    terkini = filters.BooleanFilter(label=_("Hanya revisi terkini (bawaan: ya)"), field_name="terkini")

    class Meta:
        model = Skp
        fields = ["tahun", "pegawai", "status", "terkini"]


class RhkFilter(filters.FilterSet):
    skp = IdFilter(field_name="skp", label=_("SKP (id)"))

    class Meta:
        model = Rhk
        fields = ["skp"]


class IkiFilter(filters.FilterSet):
    skp = IdFilter(field_name="rhk__skp", label=_("SKP (id)"))
    rhk = IdFilter(field_name="rhk", label=_("RHK (id)"))

    class Meta:
        model = Iki
        fields = ["skp", "rhk"]


class RealisasiFilter(filters.FilterSet):
    iki = IdFilter(field_name="iki", label=_("IKI (id)"))
    skp = IdFilter(field_name="iki__rhk__skp", label=_("SKP (id)"))
    periode_ke = IdFilter(field_name="periode_ke", label=_("Bulan/triwulan ke"))

    class Meta:
        model = Realisasi
        fields = ["iki", "skp", "periode_ke"]


class BuktiDukungFilter(filters.FilterSet):
    realisasi = IdFilter(field_name="realisasi", label=_("Realisasi (id)"))

    class Meta:
        model = BuktiDukung
        fields = ["realisasi"]


class UmpanBalikFilter(filters.FilterSet):
    iki = IdFilter(field_name="iki", label=_("IKI (id)"))
    periode_ke = IdFilter(field_name="periode_ke", label=_("Bulan/triwulan ke"))

    class Meta:
        model = UmpanBalik
        fields = ["iki", "periode_ke"]


class PembukaanKembaliFilter(filters.FilterSet):
    periode = IdFilter(field_name="periode", label=_("Periode (id)"))
    tahun = IdFilter(field_name="periode__tahun", label=_("Tahun periode"))
    pegawai = IdFilter(field_name="pegawai", label=_("Pegawai (id)"))

    class Meta:
        model = PembukaanKembali
        fields = ["periode", "tahun", "pegawai"]


class DialogKinerjaFilter(filters.FilterSet):
    skp = IdFilter(field_name="skp", label=_("SKP (id)"))
    pegawai = IdFilter(field_name="skp__pegawai", label=_("Pegawai (id)"))
    tahun = IdFilter(field_name="skp__periode__tahun", label=_("Tahun periode"))

    class Meta:
        model = DialogKinerja
        fields = ["skp", "pegawai", "tahun"]
