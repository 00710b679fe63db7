"""The public read-only API of the annual reports (``/api/v1/publik/laporan/``): published reports with their
snapshot, and the open-data catalogue (CKAN-like package metadata). No login; rate limited per client."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from kinerja.api import api_doc
from laporan import ekspor, selectors
from laporan import serializers as s


class BatasPublik(AnonRateThrottle):
    """Per client address (the public API has no accounts): ``LAPORAN_API_BATAS`` (default 120/minute)."""

    scope = "laporan_publik"

    def get_rate(self):
        return getattr(settings, "LAPORAN_API_BATAS", "120/minute")


_TAHUN = OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun laporan")
_UNIT = OpenApiParameter("unit", OpenApiTypes.INT, description="Unit (beserta unit di bawahnya)")


@extend_schema_view(
    list=api_doc(
        _l("Laporan kinerja yang terbit"), ok=s.LaporanRingkasSerializer(many=True), errors=(429,),
        parameters=(_TAHUN, _UNIT),
    ),
    retrieve=api_doc(_l("Satu laporan kinerja yang terbit"), ok=s.LaporanDetailSerializer, errors=(404, 429)),
    dataset=api_doc(
        _l("Katalog data terbuka (metadata gaya CKAN)"), ok=OpenApiTypes.OBJECT, errors=(429,),
        parameters=(_TAHUN,),
    ),
)  # fmt: skip
class LaporanPublikViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [BatasPublik]
    lookup_value_regex = r"[0-9]+"
    serializer_class = s.LaporanRingkasSerializer
    filter_backends: list = []

    def _int(self, nama):
        nilai = self.request.query_params.get(nama, "")
        return int(nilai) if nilai.isdigit() else None

    def get_queryset(self):
        return selectors.laporan_terbit(tahun=self._int("tahun"), unit_id=self._int("unit"))

    def get_object(self):
        laporan = selectors.laporan_publik_get(self.kwargs["pk"])
        if laporan.versi_publik is None or laporan.versi_publik.status != "terbit":
            raise Http404
        return laporan

    def get_serializer_class(self):
        return s.LaporanDetailSerializer if self.action == "retrieve" else s.LaporanRingkasSerializer

    @action(detail=False, methods=["get"])
    def dataset(self, request):
        daftar = list(selectors.laporan_terbit(tahun=self._int("tahun"))[:500])
        return Response({"count": len(daftar), "results": [ekspor.dataset(request, laporan) for laporan in daftar]})
