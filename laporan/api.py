"""The public read-only API of the annual reports (``/api/v1/publik/laporan/``): published reports with their
snapshot, and the open-data catalogue (CKAN-like package metadata). No login; rate limited per client."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from kinerja.api import Publik, ScopedViewSetMixin, api_doc
from kinerja.klien import TerlaluSering, alamat_klien, klien_kunci
from laporan import access, ekspor, selectors, services
from laporan import serializers as s
from laporan.models import PertanyaanLaporan, StatusPertanyaan


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
class LaporanPublikViewSet(Publik, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    throttle_classes = [BatasPublik]
    lookup_value_regex = r"[0-9]+"
    serializer_class = s.LaporanRingkasSerializer

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

    @api_doc(
        _l("Pertanyaan warga yang ditampilkan pada laporan"),
        ok=s.PertanyaanPublikSerializer(many=True),
        detail=True,
        errors=(404, 429),
        methods=["GET"],
    )
    @api_doc(
        _l("Ajukan pertanyaan atau komentar tentang laporan (tanpa akun)"),
        ok=s.PertanyaanDiterimaSerializer,
        ok_status=201,
        request=s.PertanyaanInputSerializer,
        detail=True,
        errors=(400, 404, 429),
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"], url_path="pertanyaan")
    def pertanyaan(self, request, pk=None):
        """GET: the approved questions with the unit's answers (oldest first, paged). POST: a citizen's question,
        pending until the unit's admin approves it (rate limited per client, honeypot ``situs``)."""
        laporan = self.get_object()
        if request.method == "GET":
            halaman = self.paginate_queryset(selectors.pertanyaan_tampil(laporan.pk))
            return self.get_paginated_response(s.PertanyaanPublikSerializer(halaman, many=True).data)
        masuk = s.PertanyaanInputSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        d = masuk.validated_data
        try:
            p = services.pertanyaan_create(
                laporan=laporan,
                nama=d["nama"],
                isi=d["isi"],
                klien=klien_kunci(alamat_klien(request)),
                jebakan=d["situs"],
            )
        except TerlaluSering as exc:
            raise exceptions.Throttled(wait=exc.detik) from exc
        return Response(s.PertanyaanDiterimaSerializer(p).data, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"])
    def dataset(self, request):
        daftar = list(selectors.laporan_terbit(tahun=self._int("tahun"))[:500])
        return Response({"count": len(daftar), "results": [ekspor.dataset(request, laporan) for laporan in daftar]})


_STATUS = OpenApiParameter("status", OpenApiTypes.STR, enum=StatusPertanyaan.values, description="Status pertanyaan")


@extend_schema_view(
    list=api_doc(
        _l("Pertanyaan warga yang dimoderasi (admin unit laporan)"),
        ok=s.PertanyaanKelolaSerializer(many=True),
        errors=(401, 403),
        parameters=(_STATUS,),
    )
)
class PertanyaanKelolaViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The moderators' questions: those on the reports of the units the admin manages."""

    queryset = PertanyaanLaporan.objects.none()
    serializer_class = s.PertanyaanKelolaSerializer
    lookup_value_regex = r"[0-9]+"
    filter_backends: list = []
    not_found_message = _l("Pertanyaan tidak ditemukan.")

    def scoped_queryset(self):
        access.require_admin_laporan(self.request.user)
        nilai = self.request.query_params.get("status", "")
        return selectors.pertanyaan_antrian(
            access.pertanyaan_kelola_visible(self.request.user),
            status=nilai if nilai in StatusPertanyaan.values else None,
        )

    def get_object(self):
        return access.pertanyaan_get_for_user(self.request.user, self.kwargs["pk"])

    def _jawab(self, p):
        return Response(s.PertanyaanKelolaSerializer(p).data)

    @api_doc(
        _l("Tampilkan pertanyaan di halaman laporan"),
        ok=s.PertanyaanKelolaSerializer,
        request=None,
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._jawab(services.pertanyaan_approve(actor=request.user, pertanyaan=self.get_object()))

    @api_doc(
        _l("Sembunyikan pertanyaan (tetap tersimpan)"),
        ok=s.PertanyaanKelolaSerializer,
        request=s.PertanyaanSembunyiInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def sembunyikan(self, request, pk=None):
        p = self.get_object()
        masuk = s.PertanyaanSembunyiInputSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        return self._jawab(
            services.pertanyaan_hide(actor=request.user, pertanyaan=p, alasan=masuk.validated_data["alasan"])
        )

    @api_doc(
        _l("Jawab pertanyaan atas nama unit"),
        ok=s.PertanyaanKelolaSerializer,
        request=s.PertanyaanJawabInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def jawab(self, request, pk=None):
        p = self.get_object()
        masuk = s.PertanyaanJawabInputSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        return self._jawab(
            services.pertanyaan_reply(actor=request.user, pertanyaan=p, jawaban=masuk.validated_data["jawaban"])
        )
