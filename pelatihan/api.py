"""The pelatihan API (``/api/v1/pelatihan/``). Thin: objects through ``pelatihan.access`` (not visible: 404),
writes through ``pelatihan.services`` (not allowed: 403; bad input: 400 in Indonesian), one error shape."""

from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from kepegawaian.access import pegawai_of_account
from kinerja.api import ScopedViewSetMixin, api_doc
from pelatihan import access, selectors, services
from pelatihan import serializers as s
from pelatihan.models import Kegiatan, Peserta
from pelatihan.sertifikat import sertifikat_check

TAHUN = OpenApiParameter("tahun", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Tahun buku JP.")
KODE = OpenApiParameter("kode", OpenApiTypes.STR, OpenApiParameter.PATH, description="Kode verifikasi sertifikat.")


@extend_schema_view(
    list=api_doc(_l("Katalog kegiatan pelatihan yang belum berakhir"), ok=s.KegiatanSerializer(many=True)),
    retrieve=api_doc(_l("Satu kegiatan pelatihan"), ok=s.KegiatanSerializer, detail=True, errors=(401, 404)),
)
@extend_schema(tags=["Pelatihan"])
class KegiatanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Kegiatan.objects.none()
    serializer_class = s.KegiatanSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Kegiatan pelatihan tidak ditemukan.")

    def scoped_queryset(self):
        if self.action == "list":
            return selectors.kegiatan_katalog()
        return access.kegiatan_visible(self.request.user).select_related("program")

    @api_doc(
        _l("Daftar ke kegiatan (pegawai sendiri)"),
        ok=s.PesertaSerializer,
        ok_status=201,
        request=s.DaftarInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def daftar(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.DaftarInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.peserta_create(actor=request.user, kegiatan=kegiatan, **form.validated_data)
        return Response(s.PesertaSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Beri atau ubah ulasan kegiatan (peserta yang hadir)"),
        ok=s.UlasanKegiatanSerializer,
        request=s.UlasanKegiatanInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def ulasan(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.UlasanKegiatanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.ulasan_rate(actor=request.user, kegiatan=kegiatan, **form.validated_data)
        return Response(s.UlasanKegiatanSerializer(obj).data)

    @api_doc(
        _l("Ringkasan ulasan kegiatan (penyelenggara)"),
        ok=s.RingkasanUlasanKegiatanSerializer,
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["get"], url_path="ulasan/ringkasan")
    def ulasan_ringkasan(self, request, pk=None):
        kegiatan = self.get_object()
        access.require_manage_kegiatan(request.user, kegiatan)
        return Response(s.RingkasanUlasanKegiatanSerializer(selectors.ulasan_ringkasan(kegiatan)).data)


@extend_schema_view(
    list=api_doc(_l("Pendaftaran pelatihan yang boleh Anda lihat"), ok=s.PesertaSerializer(many=True)),
    retrieve=api_doc(_l("Satu pendaftaran"), ok=s.PesertaSerializer, detail=True, errors=(401, 404)),
)
@extend_schema(tags=["Pelatihan"])
class PesertaViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Peserta.objects.none()
    serializer_class = s.PesertaSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Pendaftaran pelatihan tidak ditemukan.")

    def scoped_queryset(self):
        return access.peserta_visible(self.request.user).select_related("pegawai").order_by("-didaftarkan", "-pk")

    @api_doc(_l("Batalkan pendaftaran"), ok=s.PesertaSerializer, request=None, detail=True, errors=(400, 401, 403, 404))
    @action(detail=True, methods=["post"])
    def batal(self, request, pk=None):
        obj = services.peserta_revoke(actor=request.user, peserta=self.get_object())
        return Response(s.PesertaSerializer(obj).data)


class JpSayaView(APIView):
    @api_doc(_l("Buku JP saya untuk satu tahun"), ok=s.SaldoJpSerializer, parameters=(TAHUN,), errors=(400, 401, 403))
    def get(self, request):
        pegawai = pegawai_of_account(request.user)
        try:
            tahun = int(request.query_params.get("tahun") or selectors.tahun_berjalan(pegawai))
        except ValueError:
            from django.core.exceptions import ValidationError

            raise ValidationError({"tahun": _l("Tahun harus berupa angka, misalnya 2026.")}) from None
        saldo = selectors.jp_buku(pegawai=pegawai, tahun=tahun).saldo
        data = {f: getattr(saldo, str(f)) for f in s.SaldoJpSerializer().fields}
        return Response(s.SaldoJpSerializer(data).data)


class VerifikasiView(APIView):
    """Public: anyone may check a certificate code (name, programme, dates, JP, nothing more)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @api_doc(
        _l("Verifikasi sertifikat pelatihan (publik, tanpa login)"),
        ok=s.VerifikasiSerializer,
        parameters=(KODE,),
        errors=(404,),
        auth=[],
    )
    def get(self, request, kode: str):
        hasil = sertifikat_check(kode)
        return Response(s.VerifikasiSerializer(hasil).data)
