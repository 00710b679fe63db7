"""Periods (reference data; Admin BKD opens and closes them) and the reopening of one pegawai's entries."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator import selectors, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    _periode,
)
from indikator.filters import (
    PembukaanKembaliFilter,
    PeriodeFilter,
)
from indikator.models import (
    PembukaanKembali,
    PeriodePenilaian,
)
from kepegawaian.access import pegawai_get_for_user
from kinerja.api import ScopedViewSetMixin, api_doc


@extend_schema_view(
    list=api_doc(_l("Daftar periode penilaian"), ok=s.PeriodeSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu periode"), ok=s.PeriodeSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Buka periode baru (Admin BKD)"),
        ok=s.PeriodeSerializer,
        ok_status=201,
        errors=(400, 401, 403),
        request=si.PeriodeInputSerializer,
    ),
)
@extend_schema(tags=["Periode penilaian"])
class PeriodeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Periods are public reference data for every signed-in user; only Admin BKD changes them."""

    queryset = PeriodePenilaian.objects.order_by("-tahun")
    serializer_class = s.PeriodeSerializer
    filterset_class = PeriodeFilter
    lookup_value_regex = r"\d+"

    def create(self, request):
        form = si.PeriodeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        periode = services.periode_create(actor=request.user, **form.validated_data)
        return Response(s.PeriodeSerializer(periode).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Periode yang sedang berjalan"),
        ok=s.PeriodeSerializer,
        errors=(401, 404),
        description=_l(
            "Periode tahun ini, atau bila belum ada, periode terakhir yang dibuka: periode yang dipakai halaman "
            "SKP saya, dasbor dan tim bila `?periode=` tidak disertakan."
        ),
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def aktif(self, request):
        periode = selectors.periode_aktif()
        if periode is None:
            raise Http404(_("Belum ada periode penilaian."))
        return Response(s.PeriodeSerializer(periode).data)

    @api_doc(
        _l("Buka kembali periode (Admin BKD)"),
        ok=s.PeriodeSerializer,
        errors=(401, 403, 404),
        request=None,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def buka(self, request, pk=None):
        periode = services.periode_open(actor=request.user, periode=self.get_object())
        return Response(s.PeriodeSerializer(periode).data)

    @api_doc(
        _l("Tutup periode: semua isian menjadi hanya-baca (Admin BKD)"),
        ok=s.PeriodeSerializer,
        errors=(401, 403, 404),
        request=None,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def tutup(self, request, pk=None):
        periode = services.periode_close(actor=request.user, periode=self.get_object())
        return Response(s.PeriodeSerializer(periode).data)


@extend_schema_view(
    list=api_doc(
        _l("Daftar pembukaan kembali isian"),
        ok=s.PembukaanKembaliSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "Pembukaan kembali isian pegawai yang boleh Anda lihat (milik Anda, bawahan Anda, unit yang Anda "
            "kelola, atau semua bagi Admin BKD), terbaru dahulu."
        ),
    ),
    retrieve=api_doc(_l("Satu pembukaan kembali"), ok=s.PembukaanKembaliSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Buka kembali isian satu pegawai yang sudah lewat tenggat, dengan alasan (admin)"),
        ok=s.PembukaanKembaliSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=si.PembukaanKembaliInputSerializer,
        description=_l(
            "Admin unit bagi pegawai di unit yang dikelolanya, Admin BKD bagi semua. Tanpa `periode_ke`: seluruh "
            "periode (penyusunan SKP dan semua realisasi); dengan `periode_ke`: realisasi bulan/triwulan itu saja. "
            "Berlaku sampai `berlaku_sampai`; penutupan periode tetap mengunci semuanya."
        ),
    ),
)
@extend_schema(tags=["Periode penilaian"])
class PembukaanKembaliViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = PembukaanKembali.objects.none()
    serializer_class = s.PembukaanKembaliSerializer
    filterset_class = PembukaanKembaliFilter
    lookup_value_regex = r"\d+"
    not_found_message = _l("Pembukaan kembali tidak ditemukan.")

    def scoped_queryset(self):
        return selectors.pembukaan_kembali_for_user(self.request.user)

    def create(self, request):
        form = si.PembukaanKembaliInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        periode = _periode(data.pop("periode"))
        pegawai = pegawai_get_for_user(request.user, data.pop("pegawai"))
        obj = services.pembukaan_kembali_create(actor=request.user, periode=periode, pegawai=pegawai, **data)
        return Response(
            s.PembukaanKembaliSerializer(self.get_queryset().get(pk=obj.pk)).data, status=status.HTTP_201_CREATED
        )
