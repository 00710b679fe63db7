"""A unit's IKU and Perjanjian Kinerja: list, one entry, XLSX import."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from indikator import access, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    _periode,
)
from indikator.filters import (
    IndikatorUnitFilter,
)
from indikator.models import (
    IndikatorUnit,
    PeriodePenilaian,
)
from kepegawaian.access import unit_get_for_user
from kinerja.api import ScopedViewSetMixin, api_doc


@extend_schema_view(
    list=api_doc(
        _l("IKU dan Perjanjian Kinerja unit"),
        ok=s.IndikatorUnitSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "Indikator unit yang boleh Anda lihat (unit Anda, unit bawahan Anda, atau unit yang Anda kelola)."
        ),
    ),
    retrieve=api_doc(_l("Satu indikator unit"), ok=s.IndikatorUnitSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Tambah indikator unit (admin unit tersebut atau Admin BKD)"),
        ok=s.IndikatorUnitSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),  # 404: a unit out of sight
        request=si.IndikatorUnitInputSerializer,
    ),
)
@extend_schema(tags=["Indikator unit"])
class IndikatorUnitViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = IndikatorUnit.objects.none()
    serializer_class = s.IndikatorUnitSerializer
    filterset_class = IndikatorUnitFilter
    search_fields = ["indikator", "sasaran_strategis"]
    lookup_value_regex = r"\d+"

    def scoped_queryset(self):
        return (
            access.indikator_unit_visible(self.request.user)
            .select_related("periode")
            .order_by("unit_id", "jenis", "urutan", "pk")
        )

    def get_object(self):
        return access.indikator_unit_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = si.IndikatorUnitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        unit = unit_get_for_user(request.user, data.pop("unit"))
        periode = PeriodePenilaian.objects.filter(pk=data.pop("periode")).first()
        if periode is None:
            raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
        obj = services.indikator_unit_create(actor=request.user, unit=unit, periode=periode, **data)
        obj = IndikatorUnit.objects.select_related("periode").get(pk=obj.pk)
        return Response(s.IndikatorUnitSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Impor IKU dan Perjanjian Kinerja unit dari XLSX (admin unit tersebut atau Admin BKD)"),
        ok=s.ImporHasilSerializer,
        errors=(400, 401, 403, 404),
        request={"multipart/form-data": si.ImporIndikatorUnitInputSerializer},
        description=_l(
            "Kirim multipart/form-data dengan `unit`, `periode` dan `berkas` (XLSX, paling besar 5 MB). Lembar "
            "pertama berbaris judul `jenis, sasaran_strategis, indikator, satuan, arah, target, perspektif`. "
            "Setiap baris diperiksa dulu: satu baris salah menolak seluruh berkas, dengan daftar kesalahan per baris "
            "di `error.fields.baris`, dan tidak ada yang tersimpan. Impor ulang berkas yang sama tidak mengubah "
            "apa pun (kunci: unit, periode, jenis, indikator)."
        ),
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def impor(self, request):
        form = si.ImporIndikatorUnitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        unit = unit_get_for_user(request.user, data["unit"])
        periode = _periode(data["periode"])
        hasil = services.indikator_unit_import(actor=request.user, unit=unit, periode=periode, berkas=data["berkas"])
        rows = (
            IndikatorUnit.objects.filter(pk__in=[o.pk for o in hasil])
            .select_related("periode")
            .order_by("jenis", "urutan", "pk")
        )
        return Response({"jumlah": len(hasil), "indikator": s.IndikatorUnitSerializer(rows, many=True).data})
