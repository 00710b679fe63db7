"""Realisation (with its evidence in one step) and evidence."""

from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from indikator import access, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    BERKAS_RENDERERS,
    _berkas_responses,
)
from indikator.bukti import TIPE_DIIZINKAN, bukti_file_response
from indikator.filters import (
    BuktiDukungFilter,
    RealisasiFilter,
)
from indikator.models import (
    BuktiDukung,
    Realisasi,
)
from kepegawaian.access import pegawai_scope_q
from kinerja.api import CursorPagination, ScopedViewSetMixin, api_doc


class RealisasiPagination(CursorPagination):
    # The list's order, unique per row (one realisation per IKI and month/quarter): the cursor positions on the
    # IKI and counts rows within it, served by the (iki, periode_ke) unique index.
    ordering = ("iki_id", "periode_ke")  # type: ignore[assignment]  # DRF accepts a tuple; its stub says str


@extend_schema_view(
    list=api_doc(
        _l("Daftar realisasi"),
        ok=s.RealisasiSerializer(many=True),
        errors=(400, 401, 404),
        description=_l(
            "Berhalaman dengan penanda posisi (cursor): ikuti tautan `next` / `previous`; tidak ada `count` "
            "(koleksi ini berisi jutaan baris). Urutan tetap: IKI lalu bulan/triwulan."
        ),
    ),
    retrieve=api_doc(
        _l("Satu realisasi dengan capaian dan bukti dukung"), ok=s.RealisasiSerializer, errors=(401, 404), detail=True
    ),
    create=api_doc(
        _l("Isi realisasi satu IKI untuk satu bulan/triwulan (pemilik)"),
        ok=s.RealisasiSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404, 409),
        request={"application/json": si.RealisasiInputSerializer, "multipart/form-data": si.RealisasiInputSerializer},
        description=_l(
            "Ditolak bila bulan/triwulan itu belum dimulai atau sudah ditutup (kecuali dibuka kembali). Bukti dukung "
            "boleh dikirim sekaligus: multipart/form-data dengan `berkas`, atau `url`; nilai dan bukti tersimpan "
            "bersama atau tidak sama sekali."
        ),
    ),
    partial_update=api_doc(
        _l("Ubah realisasi"),
        ok=s.RealisasiSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.RealisasiUbahInputSerializer,
        detail=True,
    ),
)
@extend_schema(tags=["Realisasi"])
class RealisasiViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Realisasi.objects.none()
    serializer_class = s.RealisasiSerializer
    filterset_class = RealisasiFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = RealisasiPagination

    def scoped_queryset(self):
        return (
            Realisasi.objects.filter(pegawai_scope_q(self.request.user, "iki__rhk__skp__pegawai__"))
            .select_related("iki")
            .prefetch_related("bukti")
            .order_by("iki_id", "periode_ke")
        )

    def get_object(self) -> Realisasi:
        access.realisasi_get_for_user(self.request.user, self.kwargs["pk"])
        return self.get_queryset().get(pk=self.kwargs["pk"])

    def create(self, request):
        form = si.RealisasiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        iki = access.iki_get_for_user(request.user, data.pop("iki"))
        obj = services.realisasi_save(actor=request.user, iki=iki, versi=None, **data)
        return Response(
            s.RealisasiSerializer(self.get_queryset().get(pk=obj.pk), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, pk=None):
        realisasi = self.get_object()
        form = si.RealisasiUbahInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.realisasi_save(
            actor=request.user,
            iki=realisasi.iki,
            periode_ke=realisasi.periode_ke,
            **form.validated_data,
        )
        return Response(
            s.RealisasiSerializer(self.get_queryset().get(pk=obj.pk), context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=api_doc(_l("Daftar bukti dukung"), ok=s.BuktiDukungSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(
        _l("Satu bukti dukung (dengan hash SHA-256)"), ok=s.BuktiDukungSerializer, errors=(401, 404), detail=True
    ),
    create=api_doc(
        _l("Unggah bukti dukung (multipart) atau kirim tautan"),
        ok=s.BuktiDukungSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request={"multipart/form-data": si.BuktiInputSerializer, "application/json": si.BuktiInputSerializer},
        description=_l(
            "Berkas PDF, JPEG, PNG, XLSX atau DOCX, paling besar 10 MB; jenisnya diperiksa dari isi berkas, bukan "
            "dari namanya. Kirim sebagai multipart/form-data dengan `realisasi` dan `berkas`, atau JSON dengan "
            "`realisasi` dan `url`."
        ),
    ),
    destroy=api_doc(
        _l("Hapus bukti dukung (pemilik, selama bulan/triwulannya terbuka)"),
        ok_status=204,
        errors=(400, 401, 403, 404),
        detail=True,
    ),
)
@extend_schema(tags=["Realisasi"])
class BuktiDukungViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = BuktiDukung.objects.none()
    serializer_class = s.BuktiDukungSerializer
    filterset_class = BuktiDukungFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def scoped_queryset(self):
        return BuktiDukung.objects.filter(
            pegawai_scope_q(self.request.user, "realisasi__iki__rhk__skp__pegawai__")
        ).order_by("realisasi_id", "dibuat", "pk")

    def get_object(self) -> BuktiDukung:
        return access.bukti_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = si.BuktiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        realisasi = access.realisasi_get_for_user(request.user, data["realisasi"])
        bukti = services.bukti_create(
            actor=request.user, realisasi=realisasi, berkas=data.get("berkas"), url=data.get("url") or ""
        )
        return Response(
            s.BuktiDukungSerializer(bukti, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request, pk=None):
        services.bukti_delete(actor=request.user, bukti=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @api_doc(
        _l("Unduh berkas bukti dukung"),
        responses=_berkas_responses(tuple(TIPE_DIIZINKAN), 401, 404),  # served with its own type
        errors=(),
        detail=True,
        description=_l("Isi berkas apa adanya; bandingkan hash SHA-256-nya dengan `sha256` untuk memeriksa keaslian."),
    )
    @action(detail=True, methods=["get"], renderer_classes=BERKAS_RENDERERS, filterset_class=None)
    def unduh(self, request, pk=None):
        return bukti_file_response(self.get_object())
