"""Complaint figures in the API: the public ranking of kelurahan and the complaints behind a unit's figures
(no description, no contact), and the binding of an IKI to them (login)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator.access import iki_get_for_user
from kepegawaian.access import first_or_404
from kepegawaian.models import UnitKerja
from kinerja.api import Publik, ScopedViewSetMixin, api_doc
from partisipasi import selectors, services
from partisipasi import serializers as s
from partisipasi.models import IkiTerhitung
from partisipasi.views.terhitung import rentang

MAKS_PENGADUAN = 500
RENTANG = (
    OpenApiParameter("mulai", OpenApiTypes.DATE, description="Tanggal awal (bawaan: awal bulan ini)."),
    OpenApiParameter("akhir", OpenApiTypes.DATE, description="Tanggal akhir (bawaan: akhir bulan ini)."),
)


@extend_schema_view(
    list=api_doc(
        _l("Peringkat kelurahan menurut median waktu penyelesaian pengaduan"),
        ok=s.PeringkatSerializer(many=True),
        errors=(),
        parameters=RENTANG,
    )
)
class PeringkatViewSet(Publik, viewsets.GenericViewSet):
    filter_backends: list = []
    pagination_class = None
    serializer_class = s.PeringkatSerializer

    def list(self, request):
        mulai, akhir = rentang(request.query_params)
        return Response(s.PeringkatSerializer(selectors.peringkat_kelurahan(mulai=mulai, akhir=akhir), many=True).data)


@extend_schema_view(
    retrieve=api_doc(
        _l("Angka dan daftar pengaduan yang diselesaikan satu unit"),
        ok=s.AngkaUnitSerializer,
        errors=(404,),
        parameters=RENTANG,
    )
)
class AngkaUnitViewSet(Publik, viewsets.GenericViewSet):
    filter_backends: list = []
    pagination_class = None
    serializer_class = s.AngkaUnitSerializer
    queryset = UnitKerja.objects.none()
    lookup_value_regex = r"\d+"  # "false" or "x" is an unknown address (404 in the error shape), not a 500

    def retrieve(self, request, pk=None):
        unit = first_or_404(UnitKerja.objects.filter(pk=pk, aktif=True), _("Unit tidak ditemukan."))
        mulai, akhir = rentang(request.query_params)
        data = {
            "unit": unit,
            "mulai": mulai,
            "akhir": akhir,
            "angka": selectors.penyelesaian_angka(unit=unit, mulai=mulai, akhir=akhir),
            "pengaduan": selectors.pengaduan_selesai_daftar(unit=unit, mulai=mulai, akhir=akhir)[:MAKS_PENGADUAN],
        }
        return Response(s.AngkaUnitSerializer(data).data)


@extend_schema_view(
    list=api_doc(_l("IKI yang terikat ke data pengaduan"), ok=s.IkiTerhitungSerializer(many=True), errors=(401,)),
    create=api_doc(
        _l("Ikat IKI ke data pengaduan (lalu dihitung)"),
        ok=s.IkiTerhitungSerializer,
        ok_status=201,
        request=s.IkiTerhitungInputSerializer,
        errors=(400, 401, 403, 404),
    ),
    destroy=api_doc(_l("Lepas ikatan IKI"), ok=None, ok_status=204, detail=True, errors=(401, 403, 404)),
)
class IkiTerhitungViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = r"\d+"
    queryset = IkiTerhitung.objects.none()
    serializer_class = s.IkiTerhitungSerializer
    not_found_message = _l("Ikatan IKI tidak ditemukan.")
    filter_backends: list = []

    def scoped_queryset(self):
        return selectors.iki_terhitung_visible(self.request.user)

    def create(self, request):
        data = s.IkiTerhitungInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        ikatan = services.iki_terhitung_link(
            actor=request.user, iki=iki_get_for_user(request.user, d["iki"]), unit_id=d["unit"], ukuran=d["ukuran"]
        )
        ikatan = selectors.iki_terhitung_get_for_user(request.user, ikatan.pk)
        return Response(s.IkiTerhitungSerializer(ikatan).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.iki_terhitung_delete(actor=self.request.user, ikatan=instance)

    @api_doc(
        _l("Hitung ulang realisasi sekarang"),
        ok=s.HasilHitungSerializer,
        request=None,
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def hitung(self, request, pk=None):
        hasil = services.realisasi_terhitung_run(actor=request.user, ikatan=self.get_object())
        return Response(s.HasilHitungSerializer(hasil).data)
